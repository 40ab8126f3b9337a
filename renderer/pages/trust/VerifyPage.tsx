import { useState } from 'react';
import { Alert, Badge, Button, FileInput, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
          <Text fw={600}>{t('trust.signature')}</Text>
          <Yes ok={s.valid} yes={t('trust.valid')} no={t('trust.invalid')} />
          <Badge color={s.trusted ? 'blue' : 'gray'}>
            {s.trusted ? t('trust.chainTrusted') : t('trust.chainNotTrusted')}
          </Badge>
        </Group>
        <Table>
          <Table.Tbody>
            {row(t('trust.signer'), s.certificate?.subject ?? '—')}
            {row(t('trust.issuer'), s.certificate?.issuer ?? '—')}
            {s.certificate &&
              row(
                t('trust.validity'),
                `${s.certificate.validFrom.slice(0, 10)} – ${s.certificate.validTo.slice(0, 10)}`,
              )}
            {s.certificate &&
              row(
                t('trust.fingerprint'),
                <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {s.certificate.fingerprint}
                </Text>,
              )}
            {row(t('trust.signingTime'), s.signingTime ?? '—')}
            {row(
              t('trust.signatureValue'),
              <Yes ok={s.signatureValueOk} yes={t('trust.holds')} no={t('trust.fails')} />,
            )}
            {row(
              t('trust.references'),
              t('trust.referencesCount', { ok: s.references.filter((r) => r.ok).length, all: s.references.length }),
            )}
            {row(t('trust.trustedBy'), s.trustedBy ?? t('trust.noTrustedChain'))}
            {row(t('trust.notCovered'), notCovered.join(', ') || '—')}
          </Table.Tbody>
        </Table>
        {s.problems.length > 0 && (
          <Alert color="red" title={t('trust.whatFailed')}>
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
      <Title order={2}>{t('trust.verifyTitle')}</Title>
      <Text size="sm">{t('trust.verifyIntro')}</Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void verify();
        }}
      >
        <Group align="flex-end">
          <FileInput
            label={t('trust.docxFile')}
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
            {t('trust.verify')}
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" title={t('trust.unreadable')} role="alert">
          {error}
        </Alert>
      )}
      {archive && <ArchiveReport report={archive} />}
      {report && (
        <Stack data-testid="verify-result">
          {!report.signed && (
            <Alert color="gray" title={t('trust.notSigned')} role="status">
              {t('trust.notSignedHelp')}
            </Alert>
          )}
          {report.verdict === 'trusted' && (
            <Alert color="green" title={t('trust.resultValid')} role="status">
              {t('trust.resultValidHelp', { count: report.signatures.length })}
            </Alert>
          )}
          {report.verdict === 'untrusted' && (
            <Alert color="orange" title={t('trust.resultUntrusted')} role="status">
              {t('trust.resultUntrustedHelp', { count: report.signatures.length })}
            </Alert>
          )}
          {report.signed && !report.valid && (
            <Alert color="red" title={t('trust.resultInvalid')} role="status">
              {t('trust.resultInvalidHelp')}
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
