import { Alert, Code, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RecordRef, SealProblem } from '../../../shared/contract/records';
import { useCall } from '../../api/hooks';
import { formatDateTime } from '../dateTime';

function ProblemLine({ problem }: { problem: SealProblem }) {
  const { t } = useTranslation();
  if (problem.code === 'differs') {
    const field = t(`records.fields.${problem.field}`, { defaultValue: problem.field ?? '' });
    return (
      <>
        {problem.paragraph !== null
          ? t('records.problems.differsParagraph', { number: problem.paragraph, field })
          : t('records.problems.differs', { field })}
      </>
    );
  }
  return <>{t(`records.problems.${problem.code}`)}</>;
}

/**
 * What the record of an attested protocol, a § attested at once or a signed version is:
 * when it was sealed, whether it carries a signature, its hashes, where it shows names that
 * have changed since, and — prominently — a broken seal. The backend re-checks the seal on
 * every load.
 */
export function SealedRecordPanel({ record }: { record: RecordRef }) {
  const { t, i18n } = useTranslation();
  const info = useCall('records.get', record);
  const r = info.data;
  if (!r) return null;
  if (!r.seal.ok) {
    return (
      <Alert
        color="red"
        icon={<IconAlertTriangle aria-hidden />}
        title={t('records.brokenTitle')}
        role="alert"
        data-testid="seal-broken"
      >
        <Stack gap={4}>
          <Text size="sm">{t('records.brokenText')}</Text>
          <List size="sm">
            {r.seal.problems.map((p, i) => (
              <List.Item key={i}>
                <ProblemLine problem={p} />
              </List.Item>
            ))}
          </List>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="green" icon={<IconShieldCheck aria-hidden />} title={t('records.title')} data-testid="sealed-record">
      <Stack gap={4}>
        <Text size="sm">{t('records.sealedAt', { at: formatDateTime(r.sealedAt, i18n.language) })}</Text>
        {r.signedAtSealing ? (
          <Text size="sm">{t('records.signedAtSealing')}</Text>
        ) : r.sealAwaitsTimestamp ? (
          <Text size="sm" data-testid="seal-awaits-timestamp">
            {t('records.sealAwaitsTimestamp')}
          </Text>
        ) : (
          r.laterSignatures.length === 0 && <Text size="sm">{t('records.unsigned')}</Text>
        )}
        {r.laterSignatures.map((s, i) => (
          <Text size="sm" key={i}>
            {t('records.laterSignature', { at: formatDateTime(s.signedAt, i18n.language), signer: s.signer })}
          </Text>
        ))}
        {r.sealTimeSource !== 'none' && (
          <Text size="sm" data-testid="seal-time-source">
            {t(`records.sealTimeSource.${r.sealTimeSource}`)}
          </Text>
        )}
        <Text size="xs">
          {t('records.documentHash')}: <Code data-testid="record-document-hash">{r.documentSha256}</Code>
        </Text>
        {r.olderNames.length > 0 && (
          <Stack gap={2} data-testid="older-names">
            <Text size="sm" fw={600}>
              {t('records.olderNamesTitle')}
            </Text>
            <List size="sm">
              {r.olderNames.map((n, i) => (
                <List.Item key={i}>
                  {t(`records.olderKinds.${n.kind}`)}: {t('records.olderName', { sealed: n.sealed, now: n.now })}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}
