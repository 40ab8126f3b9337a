import { useState } from 'react';
import { Badge, Group, MultiSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Priority, VersionDetail } from '../../../shared/contract/agreements';
import { useAction } from '../../api/hooks';
import { usePagedChoices } from '../../components/usePagedChoices';
import { FormModal } from '../../components/FormModal';
import { ListPanel } from '../../components/ListPanel';
import { DateField } from '../../components/DateField';
import { useFieldErrors } from '../../components/fieldErrors';
import { OtherErrors } from './OtherErrors';

interface PriorityDraft {
  id: number | null;
  title: string;
  description: string;
  source: string;
  sourceDate: string;
  responsibleIds: string[];
}

const blank: PriorityDraft = { id: null, title: '', description: '', source: '', sourceDate: '', responsibleIds: [] };

function PriorityForm({ version, draft, onClose }: { version: VersionDetail; draft: PriorityDraft; onClose(): void }) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [value, setValue] = useState(draft);
  const organisations = usePagedChoices(
    'organisations.list',
    {},
    { chosen: value.responsibleIds.map(Number), entities: ['organisation'] },
  );
  const errors = useFieldErrors(fieldErrors, value);
  const set = (patch: Partial<PriorityDraft>) => setValue((v) => ({ ...v, ...patch }));

  // The parties come first, on the page of organisations or not: they are who usually answers for a priority.
  const partyIds = new Set(version.parties.map((p) => p.organisationId));
  const options = [
    ...version.parties.map((p) => ({ value: String(p.organisationId), label: p.organisationName })),
    ...organisations.selectData.filter((o) => !partyIds.has(Number(o.value))),
  ];

  const submit = async () => {
    const fields = {
      title: value.title,
      description: value.description,
      source: value.source,
      sourceDate: value.sourceDate,
      responsibleIds: value.responsibleIds.map(Number),
    };
    const saved =
      value.id === null
        ? await run('agreements.priorities.add', { versionId: version.id, fields })
        : await run('agreements.priorities.update', { id: value.id, fields });
    if (saved) onClose();
  };

  return (
    <FormModal
      onClose={onClose}
      size="lg"
      title={value.id === null ? t('agreements.priorities.add') : t('agreements.priorities.edit')}
      onSubmit={submit}
      busy={busy}
    >
      <TextInput
        label={t('agreements.priorities.fields.title')}
        value={value.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={errors.title}
        required
        data-autofocus
      />
      <Textarea
        label={t('agreements.priorities.fields.description')}
        value={value.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        error={errors.description}
        autosize
        minRows={3}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('agreements.priorities.fields.source')}
          description={t('agreements.priorities.fields.sourceHelp')}
          value={value.source}
          onChange={(e) => set({ source: e.currentTarget.value })}
          error={errors.source}
        />
        <DateField
          label={t('agreements.priorities.fields.sourceDate')}
          value={value.sourceDate}
          onChange={(sourceDate) => set({ sourceDate })}
          error={errors.sourceDate}
        />
      </Group>
      <MultiSelect
        label={t('agreements.priorities.fields.responsible')}
        data={options}
        onSearchChange={organisations.onSearchChange}
        value={value.responsibleIds}
        onChange={(responsibleIds) => set({ responsibleIds })}
        error={errors.responsibleIds}
        searchable
      />
    </FormModal>
  );
}

function PriorityCard({ priority, index }: { priority: Priority; index: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={600}>
        {index + 1}. {priority.title}
      </Text>
      {priority.description && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {priority.description}
        </Text>
      )}
      {(priority.source || priority.sourceDate) && (
        <Text size="sm" c="dimmed">
          {t('agreements.priorities.sourceLine', {
            source: priority.source ?? t('agreements.priorities.noSource'),
            date: priority.sourceDate ?? t('agreements.priorities.noDate'),
          })}
        </Text>
      )}
      {priority.responsible.length > 0 && (
        <Group gap={4} aria-label={t('agreements.priorities.fields.responsible')} role="list">
          {priority.responsible.map((r) => (
            <Badge key={r.organisationId} variant="outline" role="listitem">
              {r.organisationName}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** Prioriterade områden: ordered, each with its source in the local lägesbild and who answers for it. */
export function PrioritiesPanel({ version }: { version: VersionDetail }) {
  const { run, fieldErrors } = useAction();
  const [editing, setEditing] = useState<PriorityDraft | null>(null);

  return (
    <ListPanel
      texts="agreements.priorities"
      framed="rows"
      rowTestId="priority-row"
      items={version.priorities}
      getId={(p) => p.id}
      getName={(p) => p.title}
      editable={version.editable}
      onAdd={() => setEditing(blank)}
      onEdit={(p) =>
        setEditing({
          id: p.id,
          title: p.title,
          description: p.description ?? '',
          source: p.source ?? '',
          sourceDate: p.sourceDate ?? '',
          responsibleIds: p.responsible.map((r) => String(r.organisationId)),
        })
      }
      onRemove={(p) => run('agreements.priorities.remove', { id: p.id })}
      onReorder={(next) =>
        void run('agreements.priorities.reorder', { versionId: version.id, ids: next.map((p) => p.id) })
      }
      renderItem={(p, index) => <PriorityCard priority={p} index={index} />}
    >
      <OtherErrors errors={fieldErrors} shown={[]} />
      {editing && <PriorityForm version={version} draft={editing} onClose={() => setEditing(null)} />}
    </ListPanel>
  );
}
