import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AgreementSummary } from '../../../shared/contract/agreements';
import { useState } from 'react';
import { useCall } from '../../api/hooks';
import { navigate } from '../../app/router';
import { VersionTimeline } from '../../components/timeline/VersionTimeline';
import { RenewDialog } from './RenewDialog';
import { StatusBadge } from './StatusBadge';
import { agreementPaths } from './paths';
import { formatPeriod } from '../../components/period';
import { Pager, useKeysetPages } from '../../components/Pager';

/** versions a page of "all versions" shows */
const VERSIONS_PAGE = 20;

/** One agreement: the version in force, the ending-soon warning, "renew", the timeline and the versions. */
export function AgreementCard({
  summary,
  today,
  warningDays,
}: {
  summary: AgreementSummary;
  today: string;
  warningDays: number;
}) {
  const { t } = useTranslation();
  const detail = useCall('agreements.get', { id: summary.id });
  const inForce = summary.inForce;
  // Renew what is in force; when nothing is (all passed), renew the latest signed version.
  const renewFrom = inForce ?? detail.data?.versions.filter((v) => v.storedStatus === 'signed').at(-1) ?? null;
  // A renewal already started (a draft or a version under signing) is opened, not made twice.
  const successorId = renewFrom?.successorIds.at(-1);
  const pending = summary.pendingRenewal ?? detail.data?.versions.find((v) => v.id === successorId) ?? null;

  const [renewing, setRenewing] = useState(false);
  // the card shows the newest versions; all of them are paged on demand, newest first
  const [allVersions, setAllVersions] = useState(false);
  const pages = useKeysetPages(String(summary.id));
  const versionPage = useCall(
    'agreements.versions.list',
    { agreementId: summary.id, limit: VERSIONS_PAGE, after: pages.after },
    { skip: !allVersions },
  );
  const rows = allVersions ? (versionPage.data?.items ?? []) : [...(detail.data?.versions ?? [])].reverse();
  const older = detail.data ? summary.versionCount - detail.data.versions.length : 0;

  return (
    <Card withBorder component="section" aria-labelledby={`agreement-${summary.id}`}>
      <Stack>
        <Title order={3} size="h4" id={`agreement-${summary.id}`}>
          {summary.name}
        </Title>
        {inForce ? (
          <Group gap="lg" align="flex-start">
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('agreements.inForce')}
              </Text>
              <Anchor href={`#${agreementPaths.version(inForce.id)}`} fw={600}>
                {inForce.title}
              </Anchor>
              <Text size="sm">{formatPeriod(t, inForce.validFrom, inForce.validTo)}</Text>
            </Stack>
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('agreements.daysLeftLabel')}
              </Text>
              <Text fw={700} size="xl" data-testid="days-left">
                {t('agreements.daysLeft', { count: summary.daysLeft ?? 0 })}
              </Text>
            </Stack>
          </Group>
        ) : (
          <Text c="dimmed">{t('agreements.noneInForce', { date: today })}</Text>
        )}
        {summary.endingSoon && inForce && (
          <Alert
            color="orange"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('agreements.endingSoonTitle')}
            role="alert"
          >
            {t('agreements.endingSoon', { date: inForce.validTo, count: summary.daysLeft ?? 0, warningDays })}
          </Alert>
        )}
        <Group gap="xs">
          {pending ? (
            <Button variant="light" onClick={() => navigate(agreementPaths.version(pending.id))}>
              {t('agreements.openRenewal', { period: formatPeriod(t, pending.validFrom, pending.validTo) })}
            </Button>
          ) : (
            renewFrom && (
              <Button
                onClick={() => setRenewing(true)}
                aria-label={t('agreements.renewNamed', { title: renewFrom.title })}
              >
                {t('agreements.renew')}
              </Button>
            )
          )}
        </Group>
        {renewing && renewFrom && <RenewDialog source={renewFrom} onClose={() => setRenewing(false)} />}

        <Title order={4} size="h5">
          {t('agreements.timeline.title')}
        </Title>
        {detail.data && (
          <VersionTimeline
            today={today}
            versions={detail.data.versions.map((v) => ({
              id: v.id,
              label: `${v.validFrom.slice(0, 4)}–${v.validTo.slice(0, 4)}`,
              validFrom: v.validFrom,
              validTo: v.validTo,
              status: v.status,
            }))}
            onSelect={(id) => navigate(agreementPaths.version(id))}
          />
        )}

        <Title order={4} size="h5">
          {t('agreements.versions')}
        </Title>
        {detail.data && detail.data.versions.length === 0 && <Text c="dimmed">{t('agreements.noVersions')}</Text>}
        {detail.data && detail.data.versions.length > 0 && (
          <Table striped highlightOnHover aria-label={t('agreements.versionsOf', { name: summary.name })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agreements.fields.title')}</Table.Th>
                <Table.Th>{t('agreements.fields.dnr')}</Table.Th>
                <Table.Th>{t('agreements.period')}</Table.Th>
                <Table.Th>{t('agreements.statusLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((v) => (
                <Table.Tr key={v.id} data-testid="version-row">
                  <Table.Td>
                    <Anchor href={`#${agreementPaths.version(v.id)}`}>{v.title}</Anchor>
                  </Table.Td>
                  <Table.Td>{v.dnr ?? ''}</Table.Td>
                  <Table.Td>{formatPeriod(t, v.validFrom, v.validTo)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={v.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {!allVersions && older > 0 && (
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('agreements.newestVersions', { shown: detail.data?.versions.length, total: summary.versionCount })}
            </Text>
            <Button size="xs" variant="light" onClick={() => setAllVersions(true)}>
              {t('agreements.allVersions', { count: summary.versionCount })}
            </Button>
          </Group>
        )}
        {allVersions && versionPage.data && (
          <Pager
            label={t('agreements.versionsOf', { name: summary.name })}
            pageIndex={pages.pageIndex}
            pageSize={VERSIONS_PAGE}
            shown={versionPage.data.items.length}
            total={versionPage.data.total}
            nextCursor={versionPage.data.next}
            onNext={pages.next}
            onPrevious={pages.previous}
          />
        )}
      </Stack>
    </Card>
  );
}
