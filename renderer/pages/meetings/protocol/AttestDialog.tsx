import { useState } from 'react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../api/hooks';
import { FormModal } from '../../../components/FormModal';
import { DateField } from '../../../components/DateField';
import { useFieldErrors } from '../../../components/fieldErrors';
import { todayIso } from '../localDate';
import { AttesterSelect, JusteringPlaceField, onlyAttester, type Attester } from './JusteringFields';
import { protocolSealAwaits, useSealAwaitsNotice } from '../../../components/records/sealAwaitsNotice';

/**
 * One attestation (justering): who, on which date, where. For the whole protocol, or — with
 * `paragraphId` — omedelbar justering of a single §.
 */
export function AttestDialog({
  meetingId,
  paragraph,
  attesters,
  defaultPlace,
  onClose,
}: {
  meetingId: number;
  paragraph?: { id: number; number: number; title: string };
  attesters: Attester[];
  defaultPlace: string | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [personId, setPersonId] = useState(() => onlyAttester(attesters));
  const [date, setDate] = useState(todayIso());
  const [place, setPlace] = useState(defaultPlace ?? '');
  const errors = useFieldErrors(fieldErrors, { personId, date, place });
  const noticeSealAwaits = useSealAwaitsNotice();

  const submit = async () => {
    const who = personId ? Number(personId) : 0;
    const done = paragraph
      ? await run('protocol.attestParagraph', { paragraphId: paragraph.id, personId: who, date, place })
      : await run('protocol.attest', { meetingId, personId: who, date, place });
    if (!done) return;
    noticeSealAwaits(protocolSealAwaits(done, paragraph?.id));
    onClose();
  };

  return (
    <FormModal
      onClose={onClose}
      title={
        paragraph
          ? t('meetings.justering.immediateTitle', { number: paragraph.number })
          : t('meetings.justering.attestTitle')
      }
      onSubmit={submit}
      busy={busy}
      submitLabel={t('meetings.justering.attest')}
    >
      <Text size="sm">
        {paragraph
          ? t('meetings.justering.immediateHelp', { number: paragraph.number, title: paragraph.title })
          : t('meetings.justering.attestHelp')}
      </Text>
      <AttesterSelect attesters={attesters} value={personId} onChange={setPersonId} error={errors.personId} />
      <DateField label={t('meetings.justering.date')} value={date} onChange={setDate} error={errors.date} required />
      <JusteringPlaceField value={place} onChange={setPlace} error={errors.place} />
    </FormModal>
  );
}
