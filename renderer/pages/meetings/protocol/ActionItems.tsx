import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../../api/hooks';
import { ConfirmDialog } from '../../../components/confirm';
import { RowActions } from '../../../components/RowActions';
import { DateField } from '../../../components/DateField';
import { useFieldErrors } from '../../../components/fieldErrors';
import type { ActionItem, Paragraph } from '../../../../shared/contract/meetings';
import { optionOfOwner, ownerFromOption, useOwnerOptions } from '../options';
import { todayIso } from '../localDate';
import { InlineErrors } from '../InlineErrors';

interface Draft {
  description: string;
  owner: string | null;
  dueDate: string;
}

const blank: Draft = { description: '', owner: null, dueDate: '' };

function ActionForm({
  paragraph,
  action,
  onDone,
}: {
  paragraph: Paragraph;
  action: ActionItem | null;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { run, fieldErrors, busy } = useAction();
  const [value, setValue] = useState<Draft>(() =>
    action ? { description: action.description, owner: optionOfOwner(action), dueDate: action.dueDate ?? '' } : blank,
  );
  const errors = useFieldErrors(fieldErrors, { description: value.description, dueDate: value.dueDate });
  // every § of a protocol has this form: its choice of owners is asked for once the user comes to it
  const [reached, setReached] = useState(action !== null);
  const owners = useOwnerOptions(value.owner, { skip: !reached });
  const set = (patch: Partial<Draft>) => setValue((v) => ({ ...v, ...patch }));

  const submit = async () => {
    const fields = {
      description: value.description,
      ...ownerFromOption(value.owner),
      dueDate: value.dueDate,
      priorityId: action ? action.priorityId : paragraph.priorityId,
    };
    const saved = action
      ? await run('actions.update', { id: action.id, fields })
      : await run('actions.add', { paragraphId: paragraph.id, fields });
    if (saved) {
      setValue(blank);
      onDone();
    }
  };

  return (
    <form
      onFocusCapture={() => setReached(true)}
      onPointerEnter={() => setReached(true)}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
      aria-label={action ? t('meetings.actions.editTitle') : t('meetings.actions.addFor', { number: paragraph.number })}
    >
      <Group align="flex-start" wrap="wrap">
        <TextInput
          style={{ flex: 2, minWidth: 220 }}
          label={t('meetings.actions.description')}
          value={value.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
          error={errors.description}
          required
        />
        <Select
          style={{ flex: 1, minWidth: 200 }}
          label={t('meetings.actions.owner')}
          data={owners.groups}
          value={value.owner}
          onChange={(owner) => set({ owner })}
          onSearchChange={owners.onSearchChange}
          error={errors.ownerPersonId ?? errors.ownerOrganisationId}
          searchable
          required
        />
        <DateField
          style={{ width: 150 }}
          label={t('meetings.actions.dueDate')}
          value={value.dueDate}
          onChange={(dueDate) => set({ dueDate })}
          error={errors.dueDate}
        />
        <Group mt={25} gap="xs">
          <Button type="submit" loading={busy} variant={action ? 'filled' : 'light'}>
            {action ? t('actions.save') : t('meetings.actions.add')}
          </Button>
          {action && (
            <Button variant="default" onClick={onDone}>
              {t('actions.cancel')}
            </Button>
          )}
        </Group>
      </Group>
    </form>
  );
}

/**
 * The §'s action items (uppdrag). Their status can be followed up also after the § is
 * attested; the rest is fixed then.
 */
export function ActionItems({ paragraph }: { paragraph: Paragraph }) {
  const { t } = useTranslation();
  const { run, fieldErrors } = useAction();
  const [editing, setEditing] = useState<number | null>(null);
  const [removing, setRemoving] = useState<ActionItem | null>(null);

  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('meetings.actions.title')}
      </Text>
      <InlineErrors errors={fieldErrors} />
      {paragraph.actions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('meetings.actions.noneOnParagraph')}
        </Text>
      )}
      {paragraph.actions.length > 0 && (
        <Table aria-label={t('meetings.actions.tableFor', { number: paragraph.number })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('meetings.actions.description')}</Table.Th>
              <Table.Th>{t('meetings.actions.owner')}</Table.Th>
              <Table.Th>{t('meetings.actions.dueDate')}</Table.Th>
              <Table.Th>{t('meetings.actions.status')}</Table.Th>
              <Table.Th>{t('actions.title')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paragraph.actions.map((a) =>
              editing === a.id ? (
                <Table.Tr key={a.id}>
                  <Table.Td colSpan={5}>
                    <ActionForm paragraph={paragraph} action={a} onDone={() => setEditing(null)} />
                  </Table.Td>
                </Table.Tr>
              ) : (
                <Table.Tr key={a.id} data-testid="paragraph-action">
                  <Table.Td>{a.description}</Table.Td>
                  <Table.Td>{a.ownerName}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {a.dueDate ?? '–'}
                      {a.overdue && (
                        <Badge color="red" size="xs">
                          {t('meetings.actions.overdue')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      label={t('meetings.actions.done')}
                      aria-label={t('meetings.actions.doneNamed', { description: a.description })}
                      checked={a.status === 'done'}
                      onChange={(e) =>
                        void run('actions.setStatus', {
                          id: a.id,
                          status: e.currentTarget.checked ? 'done' : 'open',
                          doneOn: e.currentTarget.checked ? todayIso() : null,
                        })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    {!a.locked && (
                      <RowActions
                        editLabel={t('meetings.actions.editNamed', { description: a.description })}
                        removeLabel={t('meetings.actions.removeNamed', { description: a.description })}
                        onEdit={() => setEditing(a.id)}
                        onRemove={() => setRemoving(a)}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ),
            )}
          </Table.Tbody>
        </Table>
      )}
      {paragraph.can.edit.allowed && <ActionForm paragraph={paragraph} action={null} onDone={() => {}} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t('meetings.actions.removeTitle')}
        message={t('meetings.actions.removeMessage', { description: removing?.description ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) await run('actions.remove', { id: removing.id });
          setRemoving(null);
        }}
      />
    </Stack>
  );
}
