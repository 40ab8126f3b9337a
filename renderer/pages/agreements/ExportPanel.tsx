import { useState } from 'react';
import { Button, Card, Code, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { VersionDetail } from '../../../shared/contract/agreements';
import { useAction, useCall } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';

export type DocLanguage = 'sv' | 'en';

/** The sv/en choice for a Word export, labelled as one group. */
export function LanguageChoice({ value, onChange }: { value: DocLanguage; onChange(value: DocLanguage): void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="export-language-label">
        {t('agreements.export.language')}
      </Text>
      <SegmentedControl
        aria-labelledby="export-language-label"
        value={value}
        onChange={(v) => onChange(v as DocLanguage)}
        data={[
          { value: 'sv', label: t('agreements.export.sv') },
          { value: 'en', label: t('agreements.export.en') },
        ]}
      />
    </Stack>
  );
}

interface ExportRecord {
  fileName?: string;
  sha256?: string;
}

/** Exports logged for this version (file name, checksum, time), newest first. */
function ExportLog({ versionId }: { versionId: number }) {
  const { t, i18n } = useTranslation();
  const history = useCall('history.forRecord', { entity: 'agreement_version', entityId: versionId });
  const exports = (history.data ?? []).filter((e) => e.action === 'export').reverse();
  if (exports.length === 0) return <Text size="sm" c="dimmed">{t('agreements.export.none')}</Text>;
  return (
    <Table aria-label={t('agreements.export.log')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('history.when')}</Table.Th>
          <Table.Th>{t('history.who')}</Table.Th>
          <Table.Th>{t('agreements.export.fileName')}</Table.Th>
          <Table.Th>{t('agreements.export.sha256')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {exports.map((e) => {
          const after = (e.after ?? {}) as ExportRecord;
          return (
            <Table.Tr key={e.id} data-testid="export-log-row">
              <Table.Td>{new Date(e.at).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'sv-SE')}</Table.Td>
              <Table.Td>{e.actor}</Table.Td>
              <Table.Td>{after.fileName ?? ''}</Table.Td>
              <Table.Td>
                <Code>{after.sha256 ? `${after.sha256.slice(0, 16)}…` : ''}</Code>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** The version as a Word document in Swedish or English; every export is logged in its history. */
export function ExportPanel({ version }: { version: VersionDetail }) {
  const { t, i18n } = useTranslation();
  const { run, busy } = useAction();
  const [lang, setLang] = useState<DocLanguage>(i18n.language === 'en' ? 'en' : 'sv');

  const exportWord = async () => {
    const file = await run('agreements.exportDocx', { versionId: version.id, lang });
    if (!file) return;
    downloadBase64(file.fileName, file.base64);
    notifications.show({ color: 'green', message: t('agreements.export.done', { fileName: file.fileName }) });
  };

  return (
    <Stack>
      <Card withBorder component="section" aria-labelledby="export-heading">
        <Stack gap="sm">
          <Title order={3} size="h5" id="export-heading">
            {t('agreements.export.title')}
          </Title>
          <Text size="sm">{t('agreements.export.help')}</Text>
          <Group align="flex-end">
            <LanguageChoice value={lang} onChange={setLang} />
            <Button onClick={() => void exportWord()} loading={busy}>
              {t('agreements.export.button')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Card withBorder component="section" aria-labelledby="export-log-heading">
        <Title order={3} size="h5" id="export-log-heading" mb="xs">
          {t('agreements.export.log')}
        </Title>
        <ExportLog versionId={version.id} />
      </Card>
    </Stack>
  );
}
