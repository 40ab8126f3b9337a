import { Alert, Anchor, Breadcrumbs, Button, Code, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { VersionDetail } from '../../../shared/contract/agreements';
import { useState } from 'react';
import { useCall, useErrorText } from '../../api/hooks';
import { navigate } from '../../app/router';
import { RecordHistory } from '../../components/RecordHistory';
import { SealedRecordPanel } from '../../components/records/SealedRecordPanel';
import { formatPeriod } from '../../components/period';
import { ExportPanel } from './ExportPanel';
import { PartiesPanel } from './PartiesPanel';
import { PrioritiesPanel } from './PrioritiesPanel';
import { SectionsPanel } from './SectionsPanel';
import { SigningPanel } from './SigningPanel';
import { StatusBadge } from './StatusBadge';
import { VersionFieldsForm } from './VersionFieldsForm';
import { RenewDialog } from './RenewDialog';
import { StaleDatesAlert } from './StaleDatesAlert';
import { agreementPaths } from './paths';

/** Why the version cannot be edited, in words, or null for a draft. */
function FrozenBanner({ version }: { version: VersionDetail }) {
  const { t } = useTranslation();
  if (version.editable) return null;
  const key = version.storedStatus === 'under_signing' ? 'underSigning' : 'signed';
  return (
    <Alert
      color={key === 'signed' ? 'green' : 'orange'}
      icon={<IconLock aria-hidden />}
      title={t(`agreements.frozen.${key}Title`)}
      data-testid="frozen-banner"
    >
      <Stack gap={4}>
        <Text size="sm">{t(`agreements.frozen.${key}`)}</Text>
        {version.contentHash && (
          <Text size="sm">
            {t('agreements.contentHash')}: <Code data-testid="content-hash">{version.contentHash}</Code>
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

export function VersionPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const version = useCall('agreements.versions.get', { id });
  const [renewing, setRenewing] = useState(false);
  const v = version.data;

  if (!v) {
    return version.error ? (
      <Alert color="red" title={t('errors.title')}>
        {errorText(version.error)}
      </Alert>
    ) : (
      <Loader aria-label={t('agreements.loading')} />
    );
  }

  const period = formatPeriod(t, v.validFrom, v.validTo);

  return (
    <Stack>
      <Breadcrumbs aria-label={t('agreements.breadcrumbs')}>
        <Anchor href={`#${agreementPaths.overview()}`}>{t('agreements.title')}</Anchor>
        <Text size="sm">{v.agreementName}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{v.title}</Title>
            <StatusBadge status={v.status} />
          </Group>
          <Text c="dimmed" data-testid="version-period">
            {t('agreements.validity', { period })}
            {v.dnr ? ` · ${t('agreements.fields.dnr')} ${v.dnr}` : ''}
          </Text>
          {v.predecessor && (
            <Text size="sm">
              {t('agreements.predecessor')}:{' '}
              <Anchor href={`#${agreementPaths.version(v.predecessor.id)}`}>
                {v.predecessor.title} ({formatPeriod(t, v.predecessor.validFrom, v.predecessor.validTo)})
              </Anchor>
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {v.predecessor && (
            <Button variant="default" onClick={() => navigate(agreementPaths.compare(v.predecessor!.id, v.id))}>
              {t('agreements.compare.withPredecessor')}
            </Button>
          )}
          {v.can.renew.allowed && <Button onClick={() => setRenewing(true)}>{t('agreements.renew')}</Button>}
          <RecordHistory entity="agreement_version" entityId={v.id} label={v.title} />
        </Group>
      </Group>
      {renewing && <RenewDialog source={v} onClose={() => setRenewing(false)} />}
      <FrozenBanner version={v} />
      {v.predecessor && v.editable && <StaleDatesAlert versionId={v.id} />}
      {v.contentHash && <SealedRecordPanel record={{ kind: 'agreement', id: v.id }} />}
      <Tabs defaultValue="text" keepMounted>
        <Tabs.List aria-label={t('agreements.tabs.label')}>
          <Tabs.Tab value="text">{t('agreements.tabs.text')}</Tabs.Tab>
          <Tabs.Tab value="details">{t('agreements.tabs.details')}</Tabs.Tab>
          <Tabs.Tab value="priorities">{t('agreements.tabs.priorities')}</Tabs.Tab>
          <Tabs.Tab value="signing">{t('agreements.tabs.signing')}</Tabs.Tab>
          <Tabs.Tab value="export">{t('agreements.tabs.export')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="text" pt="md">
          <SectionsPanel version={v} />
        </Tabs.Panel>
        <Tabs.Panel value="details" pt="md">
          <Stack>
            <VersionFieldsForm version={v} />
            <PartiesPanel version={v} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="priorities" pt="md">
          <PrioritiesPanel version={v} />
        </Tabs.Panel>
        <Tabs.Panel value="signing" pt="md">
          <SigningPanel version={v} />
        </Tabs.Panel>
        <Tabs.Panel value="export" pt="md">
          <ExportPanel version={v} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
