import { Badge, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActProof } from '../../../shared/contract/act-proof';
import { formatDateTime } from '../dateTime';

/**
 * How an act was given, never one for the other: "Digitalt undertecknat" by the person's own
 * certificate (which, when, on whose clock), or "Registrerat utan digital underskrift" by the operator.
 */
export function ActProofView({ name, proof }: { name: string; proof: ActProof }) {
  const { t, i18n } = useTranslation();
  return proof.kind === 'digital' ? (
    <Stack gap={2}>
      <Badge color="green" variant="light">
        {t('meetings.justering.digitallySigned')}
      </Badge>
      <Text size="xs">
        {t('meetings.justering.proofDigital', {
          name,
          certificate: proof.certificate,
          origin: t(`people.certificates.origins.${proof.certificateOrigin}`),
          time: formatDateTime(proof.signingTime, i18n.language),
          source: t(`meetings.justering.timeSources.${proof.timeSource}`),
        })}
      </Text>
    </Stack>
  ) : (
    <Stack gap={2}>
      <Badge color="gray" variant="light">
        {t('meetings.justering.recordedWithoutSignature')}
      </Badge>
      <Text size="xs">
        {proof.operator
          ? t('meetings.justering.proofRecorded', { operator: proof.operator })
          : t('meetings.justering.proofRecordedEarlier')}
      </Text>
    </Stack>
  );
}
