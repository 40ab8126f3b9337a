import { useState } from 'react';
import { Checkbox, MultiSelect, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { DateField } from '../../components/DateField';
import { useFieldErrors } from '../../components/fieldErrors';
import type { Meeting } from '../../../shared/contract/meetings';
import { usePeopleOptions } from './options';
import { MandateWarning } from './MandateWarning';

interface Draft {
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  chairId: string | null;
  secretaryId: string | null;
  justerareIds: string[];
  notes: string;
  applyTemplate: boolean;
}

function draftOf(meeting: Meeting | null): Draft {
  if (!meeting)
    return {
      date: '',
      startTime: '09:00',
      endTime: '11:00',
      place: '',
      chairId: null,
      secretaryId: null,
      justerareIds: [],
      notes: '',
      applyTemplate: true,
    };
  return {
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    place: meeting.place ?? '',
    chairId: meeting.chair ? String(meeting.chair.id) : null,
    secretaryId: meeting.secretary ? String(meeting.secretary.id) : null,
    justerareIds: meeting.justerare.map((j) => String(j.id)),
    notes: meeting.notes ?? '',
    applyTemplate: false,
  };
}

/**
 * Creates a meeting of a body, or changes/moves an existing one. Chair and secretary may be
 * left empty: the backend then takes the body's ordförande and sekreterare on the date.
 */
export function MeetingForm({
  bodyId,
  bodyName,
  meeting,
  onClose,
  onSaved,
}: {
  bodyId: number;
  bodyName: string;
  meeting: Meeting | null;
  onClose(): void;
  onSaved?(saved: Meeting): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [value, setValue] = useState(() => draftOf(meeting));
  const errors = useFieldErrors(fieldErrors, value);
  const set = (patch: Partial<Draft>) => setValue((v) => ({ ...v, ...patch }));
  const idOf = (v: string | null) => (v ? Number(v) : null);
  const chairs = usePeopleOptions(bodyId, value.date, [idOf(value.chairId)]);
  const secretaries = usePeopleOptions(bodyId, value.date, [idOf(value.secretaryId)]);
  const justerare = usePeopleOptions(bodyId, value.date, value.justerareIds.map(Number));

  const submit = async () => {
    const fields = {
      bodyId,
      date: value.date,
      startTime: value.startTime,
      endTime: value.endTime,
      place: value.place,
      chairId: value.chairId ? Number(value.chairId) : null,
      secretaryId: value.secretaryId ? Number(value.secretaryId) : null,
      justerareIds: value.justerareIds.map(Number),
      notes: value.notes,
    };
    const saved = meeting
      ? await run('meetings.update', { id: meeting.id, fields })
      : await run('meetings.create', { ...fields, applyTemplate: value.applyTemplate });
    if (saved) {
      onSaved?.(saved);
      onClose();
    }
  };

  return (
    <FormModal
      onClose={onClose}
      size="lg"
      title={
        meeting ? t('meetings.form.editTitle', { body: bodyName }) : t('meetings.form.newTitle', { body: bodyName })
      }
      onSubmit={submit}
      busy={busy}
    >
      <SimpleGrid cols={3}>
        <DateField
          label={t('meetings.fields.date')}
          value={value.date}
          onChange={(date) => set({ date })}
          error={errors.date}
          required
          data-autofocus
        />
        <TextInput
          type="time"
          label={t('meetings.fields.startTime')}
          value={value.startTime}
          onChange={(e) => set({ startTime: e.currentTarget.value })}
          error={errors.startTime}
          required
        />
        <TextInput
          type="time"
          label={t('meetings.fields.endTime')}
          value={value.endTime}
          onChange={(e) => set({ endTime: e.currentTarget.value })}
          error={errors.endTime}
          required
        />
      </SimpleGrid>
      <MandateWarning bodyId={bodyId} bodyName={bodyName} date={value.date} />
      <TextInput
        label={t('meetings.fields.place')}
        value={value.place}
        onChange={(e) => set({ place: e.currentTarget.value })}
        error={errors.place}
      />
      <SimpleGrid cols={2}>
        <Select
          label={t('meetings.fields.chair')}
          description={t('meetings.form.chairDefault')}
          data={chairs.groups}
          onSearchChange={chairs.onSearchChange}
          value={value.chairId}
          onChange={(chairId) => set({ chairId })}
          error={errors.chairId}
          searchable
          clearable
        />
        <Select
          label={t('meetings.fields.secretary')}
          description={t('meetings.form.secretaryDefault')}
          data={secretaries.groups}
          onSearchChange={secretaries.onSearchChange}
          value={value.secretaryId}
          onChange={(secretaryId) => set({ secretaryId })}
          error={errors.secretaryId}
          searchable
          clearable
        />
      </SimpleGrid>
      <MultiSelect
        label={t('meetings.fields.justerare')}
        description={t('meetings.form.justerareHelp')}
        data={justerare.groups}
        onSearchChange={justerare.onSearchChange}
        value={value.justerareIds}
        onChange={(justerareIds) => set({ justerareIds })}
        maxValues={2}
        error={errors.justerareIds ?? errors['justerareIds.0'] ?? errors['justerareIds.1']}
        searchable
        clearable
      />
      <Textarea
        label={t('meetings.fields.notes')}
        value={value.notes}
        onChange={(e) => set({ notes: e.currentTarget.value })}
        error={errors.notes}
        autosize
        minRows={2}
      />
      {!meeting && (
        <Checkbox
          label={t('meetings.form.applyTemplate')}
          checked={value.applyTemplate}
          onChange={(e) => set({ applyTemplate: e.currentTarget.checked })}
        />
      )}
    </FormModal>
  );
}
