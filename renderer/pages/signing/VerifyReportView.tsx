import { Alert, Badge, Group, List, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SignatureCheck, SigningProblem, VerifyReport } from '../../../shared/contract/signing';
import { formatDateTime } from '../../components/dateTime';

/** A finding of the verifier in the user's language; the English sentence is the CLI's. */
const problemText = (t: TFunction, issue: SigningProblem) => t(`signing.problems.${issue.code}`, issue.params);

function Yes({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return <Badge color={ok ? 'green' : 'red'}>{ok ? yes : no}</Badge>;
}

/** XAdES commitment type identifiers Samråd writes, by the name their text has */
const COMMITMENTS: Record<string, 'approval' | 'origin'> = {
  'http://uri.etsi.org/01903/v1.2.2#ProofOfApproval': 'approval',
  'http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin': 'origin',
};

/** When the signature was made and on whose word: a trusted timestamp, or only the signer's clock. */
function TimeAndSource({ s }: { s: SignatureCheck }) {
  const { t, i18n } = useTranslation();
  if (s.timestamp && s.timeSource === 'timestamp')
    return (
      <>
        {formatDateTime(s.timestamp.time!, i18n.language)} –{' '}
        {t('signing.timeSources.timestamp', {
          authority: s.timestamp.authority?.subject ?? '—',
          trust: s.timestamp.trusted ? t('signing.timestampTrusted') : t('signing.timestampNotTrusted'),
        })}
      </>
    );
  if (s.signingTime)
    return (
      <>
        {formatDateTime(s.signingTime, i18n.language)} – {t('signing.timeSources.signer_clock')}
      </>
    );
  return <>{t('signing.timeSources.none')}</>;
}

function SignatureDetails({ s, report }: { s: SignatureCheck; report: VerifyReport }) {
  const { t } = useTranslation();
  const notCovered = report.parts.filter(
    (p) => p !== '[Content_Types].xml' && !p.startsWith('_xmlsignatures/') && !s.coveredParts.includes(p),
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
    <Paper withBorder p="md" data-testid="signature-details" aria-label={`${t('signing.signature')} ${s.part}`}>
      <Stack gap="xs">
        <Group>
          <Text fw={600}>
            {t('signing.signature')}: {s.certificate?.subject ?? s.part}
          </Text>
          <Badge color={s.valid && s.trusted ? 'green' : s.valid ? 'orange' : 'red'}>
            {s.valid ? (s.trusted ? t('signing.chainTrusted') : t('signing.chainNotTrusted')) : t('signing.invalid')}
          </Badge>
          <Badge variant="light">{s.level}</Badge>
        </Group>
        <Table>
          <Table.Tbody>
            {row(t('signing.signer'), s.certificate?.subject ?? '—')}
            {row(t('signing.knownSigner'), s.knownSigner?.name ?? t('signing.unknownSigner'))}
            {s.role && row(t('signing.role'), s.role)}
            {s.commitment &&
              row(
                t('signing.commitment'),
                COMMITMENTS[s.commitment] ? t(`signing.commitments.${COMMITMENTS[s.commitment]}`) : s.commitment,
              )}
            {s.comment && row(t('signing.comment'), s.comment)}
            {row(t('signing.timeSource'), <TimeAndSource s={s} />)}
            {row(t('signing.level'), s.level)}
            {s.certificate &&
              row(t('signing.chain'), [s.certificate.subject, ...s.chain.map((c) => c.subject)].join(' ← '))}
            {row(t('signing.trustedBy'), s.trustedBy ?? t('signing.noTrustedChain'))}
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
            {row(
              t('signing.signatureValue'),
              <Yes ok={s.signatureValueOk} yes={t('signing.holds')} no={t('signing.fails')} />,
            )}
            {row(
              t('signing.references'),
              t('signing.referencesCount', { ok: s.references.filter((r) => r.ok).length, all: s.references.length }),
            )}
            {row(t('signing.covers'), t('signing.coversCount', { count: s.coveredParts.length }))}
            {row(t('signing.notCovered'), notCovered.join(', ') || '—')}
          </Table.Tbody>
        </Table>
        {s.issues.length > 0 && (
          <Alert color="red" title={t('signing.whatFailed')}>
            <List size="sm">
              {s.issues.map((issue, i) => (
                <List.Item key={i}>{problemText(t, issue)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** The answer first, in words a secretary can act on: trusted, unchanged but not trusted (and what to do), invalid (and what failed), unsigned. */
function Verdict({ report }: { report: VerifyReport }) {
  const { t } = useTranslation();
  const count = report.signatures.length;
  switch (report.verdict) {
    case 'trusted':
      return (
        <Alert color="green" title={t('signing.resultValid')} role="status" data-testid="verdict">
          {t('signing.resultValidHelp', { count })}
        </Alert>
      );
    case 'untrusted':
      return (
        <Alert color="orange" title={t('signing.resultUntrustedTitle')} role="status" data-testid="verdict">
          {report.signatures.some((s) => !s.trusted)
            ? t('signing.resultUntrustedWhat')
            : t('signing.resultUntrustedTime')}
        </Alert>
      );
    case 'invalid': {
      const failed = [...report.issues, ...report.signatures.flatMap((s) => s.issues)].map((issue) =>
        problemText(t, issue),
      );
      return (
        <Alert color="red" title={t('signing.resultInvalid')} role="status" data-testid="verdict">
          <Stack gap={4}>
            <Text size="sm">{t('signing.resultInvalidHelp')}</Text>
            <Text size="sm">{t('signing.resultInvalidFailed', { problems: failed.slice(0, 3).join('; ') })}</Text>
          </Stack>
        </Alert>
      );
    }
    case 'unsigned':
      return (
        <Alert color="gray" title={t('signing.notSigned')} role="status" data-testid="verdict">
          {t('signing.notSignedHelp')}
        </Alert>
      );
  }
}

/** A verification: the verdict first, then what is wrong with the file, then each signature. */
export function VerifyReportView({ report }: { report: VerifyReport }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="verify-result">
      <Verdict report={report} />
      {report.issues.length > 0 && (
        <Alert color="red" title={t('signing.fileProblems')}>
          <List size="sm">
            {report.issues.map((issue, i) => (
              <List.Item key={i}>{problemText(t, issue)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {report.signatures.map((s) => (
        <SignatureDetails key={s.part} s={s} report={report} />
      ))}
    </Stack>
  );
}
