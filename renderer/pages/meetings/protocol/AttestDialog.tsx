import { useState } from 'react';
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../api/hooks';
import { AppModal } from '../../../components/AppModal';
import { DateField } from '../../../components/DateField';
import { useFieldErrors } from '../../../components/fieldErrors';
import { todayIso } from '../localDate';

export interface Attester {
  personId: number;
  name: string;
  role: 'ordforande' | 'justerare';
}

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
  const [personId, setPersonId] = useState<string | null>(
    attesters.length === 1 ? String(attesters[0].personId) : null,
  );
  const [date, setDate] = useState(todayIso());
  const [place, setPlace] = useState(defaultPlace ?? '');
  const errors = useFieldErrors(fieldErrors, { personId, date, place });

  const submit = async () => {
    const who = personId ? Number(personId) : 0;
    const done = paragraph
      ? await run('protocol.attestParagraph', { paragraphId: paragraph.id, personId: who, date, place })
      : await run('protocol.attest', { meetingId, personId: who, date, place });
    if (done) onClose();
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      title={
        paragraph
          ? t('meetings.justering.immediateTitle', { number: paragraph.number })
          : t('meetings.justering.attestTitle')
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">
            {paragraph
              ? t('meetings.justering.immediateHelp', { number: paragraph.number, title: paragraph.title })
              : t('meetings.justering.attestHelp')}
          </Text>
          <Select
            label={t('meetings.justering.who')}
            data={attesters.map((a) => ({
              value: String(a.personId),
              label: `${a.name} (${t(`meetings.justering.roles.${a.role}`)})`,
            }))}
            value={personId}
            onChange={setPersonId}
            error={errors.personId}
            allowDeselect={false}
            required
            data-autofocus
          />
          <DateField
            label={t('meetings.justering.date')}
            value={date}
            onChange={setDate}
            error={errors.date}
            required
          />
          <TextInput
            label={t('meetings.justering.place')}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            error={errors.place}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('meetings.justering.attest')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
