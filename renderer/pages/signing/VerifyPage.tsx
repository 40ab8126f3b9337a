import { useState } from 'react';
import { Alert, Badge, Button, FileInput, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/dateTime';
import { ApiError, call } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import type { SignatureCheck, VerifyReport } from '../../../shared/contract/signing';
import { readFileBase64 } from './readFile';
import type { ArchiveVerifyReport } from '../../../shared/contract/archive';
import { ArchiveReport } from './ArchiveReport';

function Yes({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return <Badge color={ok ? 'green' : 'red'}>{ok ? yes : no}</Badge>;
}

function SignatureDetails({ s, report }: { s: SignatureCheck; report: VerifyReport }) {
  const { t, i18n } = useTranslation();
  const notCovered = report.parts.filter(
    (p) => p !== '[Content_Types].xml' && !p.startsWith('_xmlsignatures/') && !s.references.some((r) => r.part === p),
  );
  const row = (label: string, value: React.ReactNode) => (
    <Table.Tr>
      <Table.Th scope="row" w="30%">
        {label}
      </Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Paper withBorder p="md" data-testid="signature-details">
      <Stack gap="xs">
        <Group>
          <Text fw={600}>{t('signing.signature')}</Text>
          <Yes ok={s.valid} yes={t('signing.valid')} no={t('signing.invalid')} />
          <Badge color={s.trusted ? 'blue' : 'gray'}>
            {s.trusted ? t('signing.chainTrusted') : t('signing.chainNotTrusted')}
          </Badge>
        </Group>
        <Table>
          <Table.Tbody>
            {row(t('signing.signer'), s.certificate?.subject ?? '—')}
            {row(t('signing.issuer'), s.certificate?.issuer ?? '—')}
            {s.certificate &&
              row(
                t('signing.validity'),
                `${s.certificate.validFrom.slice(0, 10)} – ${s.certificate.validTo.slice(0, 10)}`,
              )}
            {s.certificate &&
              row(
                t('signing.fingerprint'),
                <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {s.certificate.fingerprint}
                </Text>,
              )}
            {row(t('signing.signingTime'), s.signingTime ? formatDateTime(s.signingTime, i18n.language) : '—')}
            {row(
              t('signing.signatureValue'),
              <Yes ok={s.signatureValueOk} yes={t('signing.holds')} no={t('signing.fails')} />,
            )}
            {row(
              t('signing.references'),
              t('signing.referencesCount', { ok: s.references.filter((r) => r.ok).length, all: s.references.length }),
            )}
            {row(t('signing.trustedBy'), s.trustedBy ?? t('signing.noTrustedChain'))}
            {row(t('signing.notCovered'), notCovered.join(', ') || '—')}
          </Table.Tbody>
        </Table>
        {s.problems.length > 0 && (
          <Alert color="red" title={t('signing.whatFailed')}>
            <List size="sm">
              {s.problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export function VerifyPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<VerifyReport | null>(null);
  // an archive package (.zip) is checked as a whole: structure, schemas, checksums, every signature
  const [archive, setArchive] = useState<ArchiveVerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    setArchive(null);
    try {
      if (file.name.toLowerCase().endsWith('.zip'))
        setArchive(await call('archive.verify', { fileBase64: await readFileBase64(file), fileName: file.name }));
      else setReport(await call('documents.verify', { fileBase64: await readFileBase64(file), fileName: file.name }));
    } catch (e) {
      setError(e instanceof ApiError ? errorText(e.body) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Title order={2}>{t('signing.verifyTitle')}</Title>
      <Text size="sm">{t('signing.verifyIntro')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }}
      >
        <Group align="flex-end">
          <FileInput
            label={t('signing.docxFile')}
            accept=".docx,.zip"
            value={file}
            onChange={(f) => {
              setFile(f);
              setReport(null);
              setArchive(null);
              setError(null);
            }}
            clearable
            style={{ flex: 1 }}
          />
          <Button type="submit" disabled={!file} loading={busy}>
            {t('signing.verify')}
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" title={t('signing.unreadable')} role="alert">
          {error}
        </Alert>
      )}
      {archive && <ArchiveReport report={archive} />}
      {report && (
        <Stack data-testid="verify-result">
          {!report.signed && (
            <Alert color="gray" title={t('signing.notSigned')} role="status">
              {t('signing.notSignedHelp')}
            </Alert>
          )}
          {report.verdict === 'trusted' && (
            <Alert color="green" title={t('signing.resultValid')} role="status">
              {t('signing.resultValidHelp', { count: report.signatures.length })}
            </Alert>
          )}
          {report.verdict === 'untrusted' && (
            <Alert color="orange" title={t('signing.resultUntrusted')} role="status">
              {t('signing.resultUntrustedHelp', { count: report.signatures.length })}
            </Alert>
          )}
          {report.signed && !report.valid && (
            <Alert color="red" title={t('signing.resultInvalid')} role="status">
              {t('signing.resultInvalidHelp')}
            </Alert>
          )}
          {report.signatures.map((s) => (
            <SignatureDetails key={s.part} s={s} report={report} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
