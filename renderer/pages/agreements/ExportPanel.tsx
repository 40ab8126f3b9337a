import { useState } from 'react';
import { Badge, Button, Card, Code, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/dateTime';
import type { VersionDetail } from '../../../shared/contract/agreements';
import { HISTORY_PAGE } from '../../../shared/contract/system';
import { useAction, useCall } from '../../api/hooks';
import { downloadBase64 } from '../../components/download';
import { SignOption } from '../../components/signing/SignOption';
import {
  TimestampFailedDialog,
  takeTimestampFailure,
  type TimestampFailure,
} from '../../components/signing/TimestampFailedDialog';
import { useSigningReadiness } from '../../components/signing/useSigningReadiness';

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
  signed?: boolean;
}

/** Exports logged for this version (file name, checksum, time), newest first. */
function ExportLog({ versionId }: { versionId: number }) {
  const { t, i18n } = useTranslation();
  const history = useCall('history.forRecord', {
    entity: 'agreement_version',
    entityId: String(versionId),
    action: 'export',
    limit: HISTORY_PAGE,
  });
  const exports = history.data?.items ?? [];
  const total = history.data?.total ?? 0;
  if (exports.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('agreements.export.none')}
      </Text>
    );
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
              <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
              <Table.Td>{e.actor}</Table.Td>
              <Table.Td>
                {after.fileName ?? ''}
                {after.signed && (
                  <Badge ml="xs" size="sm" color="green" variant="light">
                    {t('agreements.export.signedBadge')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Code>{after.sha256 ? `${after.sha256.slice(0, 16)}…` : ''}</Code>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
      {total > exports.length && <Table.Caption>{t('history.shown', { shown: exports.length, total })}</Table.Caption>}
    </Table>
  );
}

/** The version as a Word document in Swedish or English; every export is logged in its history. */
export function ExportPanel({ version }: { version: VersionDetail }) {
  const { t, i18n } = useTranslation();
  const { run, busy } = useAction();
  const sealed = version.can.sign.allowed;
  // a signed version is a Swedish record: offer it as it is; an English export is a translation
  const [lang, setLang] = useState<DocLanguage>(!sealed && i18n.language === 'en' ? 'en' : 'sv');
  // the backend signs only the record itself: a version every party has signed, in its own language
  const signable = sealed && lang === 'sv';
  const { readiness, reload } = useSigningReadiness(sealed);
  // when signing is possible it is the default: the record is meant to leave signed
  const [wantsSigned, setWantsSigned] = useState(true);
  const signer = signable && readiness.state === 'ready' && wantsSigned ? readiness.certificate : null;

  const [timestampFailure, setTimestampFailure] = useState<TimestampFailure | null>(null);

  const exportWord = async (withoutTimestamp = false) => {
    const file = await run(
      'agreements.exportDocx',
      { versionId: version.id, lang, sign: signer !== null, withoutTimestamp },
      takeTimestampFailure(setTimestampFailure, () => void exportWord(true)),
    );
    if (!file) {
      // the keystore may have been locked, or the certificate changed, since this panel looked:
      // look again so the option shows the next step rather than offering to sign once more
      if (signer) void reload();
      return;
    }
    downloadBase64(file.fileName, file.base64);
    notifications.show({
      color: 'green',
      message: signer
        ? t('signing.signing.exported', { fileName: file.fileName, certificate: signer.label })
        : t('agreements.export.done', { fileName: file.fileName }),
    });
  };

  return (
    <Stack>
      <Card withBorder component="section" aria-labelledby="export-heading">
        <Stack gap="sm">
          <Title order={3} size="h5" id="export-heading">
            {t('agreements.export.title')}
          </Title>
          <Text size="sm">{t('agreements.export.help')}</Text>
          <Group align="flex-start" gap="xl">
            <LanguageChoice value={lang} onChange={setLang} />
            <SignOption
              readiness={readiness}
              eligible={signable}
              ineligibleReason={sealed ? t('records.reasons.sign_translation') : t('agreements.export.signOnlySigned')}
              checked={wantsSigned}
              onChange={setWantsSigned}
              onUnlocked={reload}
            />
          </Group>
          <Group>
            <Button onClick={() => void exportWord()} loading={busy}>
              {signer ? t('agreements.export.buttonSigned') : t('agreements.export.button')}
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
      {timestampFailure && (
        <TimestampFailedDialog failure={timestampFailure} onClose={() => setTimestampFailure(null)} />
      )}
    </Stack>
  );
}
