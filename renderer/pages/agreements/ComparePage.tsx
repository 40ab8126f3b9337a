import { useState } from 'react';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/contract/agreements';
import { useAction, useCall, useErrorText } from '../../api/hooks';
import { navigate } from '../../app/router';
import { downloadBase64 } from '../../components/download';
import { formatPeriod } from '../../components/period';
import { RedlineView, Segments } from '../../components/redline/RedlineView';
import { LanguageChoice, type DocLanguage } from './ExportPanel';
import { agreementPaths } from './paths';

/** the newest versions offered to compare (an organisation renews each agreement every year or two) */
const COMPARE_CHOICES = 500;

function versionOptions(versions: VersionSummary[], label: (v: VersionSummary) => string) {
  const groups = new Map<string, Array<{ value: string; label: string }>>();
  for (const v of versions) {
    const group = groups.get(v.agreementName) ?? [];
    group.push({ value: String(v.id), label: label(v) });
    groups.set(v.agreementName, group);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

function Comparison({ fromId, toId }: { fromId: number; toId: number }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const redline = useCall('agreements.compare', { fromId, toId });
  const { run, busy } = useAction();
  const [lang, setLang] = useState<DocLanguage>(i18n.language === 'en' ? 'en' : 'sv');

  if (redline.error) return <Alert color="red">{errorText(redline.error)}</Alert>;
  if (!redline.data) return <Loader aria-label={t('agreements.loading')} />;
  const r = redline.data;

  const exportWord = async () => {
    const file = await run('agreements.compareDocx', { fromId, toId, lang });
    if (!file) return;
    downloadBase64(file.fileName, file.base64);
    notifications.show({ color: 'green', message: t('agreements.export.done', { fileName: file.fileName }) });
  };

  return (
    <Stack>
      <Card withBorder>
        <Group align="flex-end" justify="space-between">
          <Text size="sm">
            {t('agreements.compare.between', {
              from: `${r.from.title} (${formatPeriod(t, r.from.validFrom, r.from.validTo)})`,
              to: `${r.to.title} (${formatPeriod(t, r.to.validFrom, r.to.validTo)})`,
            })}
          </Text>
          <Group align="flex-end">
            <LanguageChoice value={lang} onChange={setLang} />
            <Button onClick={() => void exportWord()} loading={busy}>
              {t('agreements.compare.exportWord')}
            </Button>
          </Group>
        </Group>
      </Card>
      <section aria-labelledby="compare-fields">
        <Title order={3} size="h4" id="compare-fields" mb="xs">
          {t('agreements.compare.fields')}
        </Title>
        <Table aria-labelledby="compare-fields">
          <Table.Tbody>
            {r.fields.map((f) => (
              <Table.Tr key={f.field}>
                <Table.Th scope="row" w={180}>
                  {t(`agreements.compare.field.${f.field}`)}
                </Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                  <Segments segments={f.segments} />
                </Table.Td>
                <Table.Td w={120}>
                  <Text size="sm" c={f.changed ? 'orange' : 'dimmed'}>
                    {f.changed ? t('redline.change.changed') : t('redline.change.unchanged')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      <section aria-labelledby="compare-sections">
        <Title order={3} size="h4" id="compare-sections" mb="xs">
          {t('agreements.compare.sections')}
        </Title>
        <RedlineView sections={r.sections} title={t('agreements.compare.sections')} />
      </section>
      <section aria-labelledby="compare-priorities">
        <Title order={3} size="h4" id="compare-priorities" mb="xs">
          {t('agreements.compare.priorities')}
        </Title>
        <RedlineView sections={r.priorities} title={t('agreements.compare.priorities')} />
      </section>
    </Stack>
  );
}

/** Choose any two versions and see, per section, what was inserted and deleted. */
export function ComparePage({ fromId, toId }: { fromId: number | null; toId: number | null }) {
  const { t } = useTranslation();
  const versions = useCall('agreements.versions.list', { limit: COMPARE_CHOICES });
  const label = (v: VersionSummary) =>
    `${v.title} (${formatPeriod(t, v.validFrom, v.validTo)}) – ${t(`agreements.status.${v.status}`)}`;
  const options = versionOptions(versions.data?.items ?? [], label);
  const choose = (from: number | null, to: number | null) =>
    navigate(from && to ? agreementPaths.compare(from, to) : `/agreements/compare${from ? `/${from}` : ''}`);

  return (
    <Stack>
      <Breadcrumbs aria-label={t('agreements.breadcrumbs')}>
        <Anchor href={`#${agreementPaths.overview()}`}>{t('agreements.title')}</Anchor>
        <Text size="sm">{t('agreements.compare.title')}</Text>
      </Breadcrumbs>
      <Title order={2}>{t('agreements.compare.title')}</Title>
      <Group grow align="flex-end">
        <Select
          label={t('agreements.compare.from')}
          data={options}
          value={fromId ? String(fromId) : null}
          onChange={(v) => choose(v ? Number(v) : null, toId)}
          searchable
        />
        <Select
          label={t('agreements.compare.to')}
          data={options}
          value={toId ? String(toId) : null}
          onChange={(v) => choose(fromId, v ? Number(v) : null)}
          searchable
        />
      </Group>
      {fromId && toId && (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => choose(toId, fromId)}>
            {t('agreements.compare.swap')}
          </Button>
          <Anchor href={`#${agreementPaths.version(toId)}`} size="sm">
            {t('agreements.compare.openNewer')}
          </Anchor>
        </Group>
      )}
      {versions.data && versions.data.total < 2 && <Text c="dimmed">{t('agreements.compare.needTwo')}</Text>}
      {fromId && toId ? (
        <Comparison key={`${fromId}-${toId}`} fromId={fromId} toId={toId} />
      ) : (
        <Text c="dimmed">{t('agreements.compare.choose')}</Text>
      )}
    </Stack>
  );
}
