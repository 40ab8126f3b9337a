import { useState } from 'react';
import { NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../api/hooks';
import { FormModal } from '../../../components/FormModal';
import { useFieldErrors } from '../../../components/fieldErrors';
import { AGENDA_KINDS, type AgendaItem } from '../../../../shared/contract/meetings';
import { usePriorityOptions } from '../options';

interface Draft {
  kind: string | null;
  title: string;
  description: string;
  presenter: string;
  plannedMinutes: number | string;
  priorityId: string | null;
  dnr: string;
}

function draftOf(item: AgendaItem | null): Draft {
  if (!item)
    return {
      kind: 'decision',
      title: '',
      description: '',
      presenter: '',
      plannedMinutes: 15,
      priorityId: null,
      dnr: '',
    };
  return {
    kind: item.kind,
    title: item.title,
    description: item.description ?? '',
    presenter: item.presenter ?? '',
    plannedMinutes: item.plannedMinutes,
    priorityId: item.priorityId ? String(item.priorityId) : null,
    dnr: item.dnr ?? '',
  };
}

/** Adds an agenda item or changes one. */
export function AgendaItemForm({
  meetingId,
  meetingDate,
  item,
  onClose,
}: {
  meetingId: number;
  meetingDate: string;
  item: AgendaItem | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [value, setValue] = useState(() => draftOf(item));
  const errors = useFieldErrors(fieldErrors, value);
  const set = (patch: Partial<Draft>) => setValue((v) => ({ ...v, ...patch }));
  const priorities = usePriorityOptions(meetingDate);
  // to say why none can be linked: none at all, or none in an agreement valid on the meeting date
  const anyPriorities = usePriorityOptions(null).length > 0;

  const submit = async () => {
    const fields = {
      kind: (value.kind ?? '') as AgendaItem['kind'],
      title: value.title,
      description: value.description,
      presenter: value.presenter,
      plannedMinutes: typeof value.plannedMinutes === 'number' ? value.plannedMinutes : Number.NaN,
      priorityId: value.priorityId ? Number(value.priorityId) : null,
      dnr: value.dnr,
    };
    const saved = item
      ? await run('agenda.update', { id: item.id, fields })
      : await run('agenda.add', { meetingId, fields });
    if (saved) onClose();
  };

  return (
    <FormModal
      onClose={onClose}
      size="lg"
      title={item ? t('meetings.agenda.editTitle') : t('meetings.agenda.newTitle')}
      onSubmit={submit}
      busy={busy}
    >
      <TextInput
        label={t('meetings.agenda.fields.title')}
        value={value.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={errors.title}
        required
        data-autofocus
      />
      <SimpleGrid cols={2}>
        <Select
          label={t('meetings.agenda.fields.kind')}
          data={AGENDA_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))}
          value={value.kind}
          onChange={(kind) => set({ kind })}
          error={errors.kind}
          allowDeselect={false}
          required
        />
        <NumberInput
          label={t('meetings.agenda.fields.plannedMinutes')}
          value={value.plannedMinutes}
          onChange={(plannedMinutes) => set({ plannedMinutes })}
          error={errors.plannedMinutes}
          min={0}
          max={600}
          step={5}
          allowDecimal={false}
        />
      </SimpleGrid>
      <Textarea
        label={t('meetings.agenda.fields.description')}
        value={value.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        error={errors.description}
        autosize
        minRows={2}
      />
      <SimpleGrid cols={2}>
        <TextInput
          label={t('meetings.agenda.fields.presenter')}
          value={value.presenter}
          onChange={(e) => set({ presenter: e.currentTarget.value })}
          error={errors.presenter}
        />
        <TextInput
          label={t('meetings.agenda.fields.dnr')}
          value={value.dnr}
          onChange={(e) => set({ dnr: e.currentTarget.value })}
          error={errors.dnr}
        />
      </SimpleGrid>
      <Select
        label={t('meetings.agenda.fields.priority')}
        description={
          priorities.length === 0
            ? anyPriorities
              ? t('meetings.agenda.noPrioritiesOnDate', { date: meetingDate })
              : t('meetings.agenda.noPriorities')
            : undefined
        }
        data={priorities}
        value={value.priorityId}
        onChange={(priorityId) => set({ priorityId })}
        error={errors.priorityId}
        disabled={priorities.length === 0}
        clearable
        searchable
      />
    </FormModal>
  );
}
