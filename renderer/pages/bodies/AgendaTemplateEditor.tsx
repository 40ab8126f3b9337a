import { useCallback, useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAction, useCall, useErrorText } from '../../api/hooks';
import { AGENDA_KINDS, MAX_TEMPLATE_ITEMS } from '../../../shared/contract/meetings';
import { ConfirmDialog } from '../../components/confirm';
import { SortableList } from '../../components/sortable/SortableList';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { errorsByRow, isItem, itemsOf, rowsOf, sameItems, withNewItem, type ItemRow, type Row } from './templateRows';

/**
 * The body's standing agenda items (mötets öppnande, val av justerare, …), put on the agenda of
 * each new meeting. Edited as a draft and saved as a whole, because the backend replaces the set
 * in one step; the draft is guarded against being left unsaved.
 */
export function AgendaTemplateEditor({ bodyId, bodyName }: { bodyId: number; bodyName: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const template = useCall('agenda.template', { bodyId });
  const { run, fieldErrors, setFieldErrors } = useAction();
  /** null while nothing is changed: the stored template is shown (and follows changes made elsewhere) */
  const [draft, setDraft] = useState<Row[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [asking, setAsking] = useState<'discard' | 'reset' | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const newKeys = useRef(0);
  const sentKeys = useRef<string[]>([]);
  const getId = useCallback((row: Row) => row.key, []);
  const getLabel = useCallback(
    (row: Row) => (isItem(row) ? row.title.trim() || t('bodies.template.untitled') : t('bodies.template.meetingItems')),
    [t],
  );

  if (template.error)
    return (
      <Alert color="red" title={t('errors.title')}>
        {errorText(template.error)}
      </Alert>
    );
  if (!template.data) return null;

  const stored = rowsOf(template.data);
  const rows = draft ?? stored;
  const dirty = draft !== null && !sameItems(draft, stored);
  const items = rows.filter(isItem);
  const errors = errorsByRow(fieldErrors, sentKeys.current);
  const totalMinutes = items.reduce((sum, r) => sum + (typeof r.plannedMinutes === 'number' ? r.plannedMinutes : 0), 0);

  const change = (next: Row[]) => setDraft(next);
  const update = (key: string, patch: Partial<ItemRow>) =>
    change(rows.map((r) => (r.key === key && isItem(r) ? { ...r, ...patch } : r)));
  const add = () => {
    const key = `new-${++newKeys.current}`;
    change(withNewItem(rows, { key, kind: 'standing', title: '', plannedMinutes: 5 }));
    setFocusKey(key);
  };
  /** Back to what is stored; drops field errors that belonged to the draft. */
  const forget = () => {
    setDraft(null);
    setFieldErrors({});
  };

  const save = async () => {
    setSaving(true);
    try {
      sentKeys.current = items.map((r) => r.key);
      const saved = await run('agenda.setTemplate', { bodyId, items: itemsOf(rows) });
      if (!saved) return;
      // keep showing the draft until the stored list has caught up, so the list never flickers back
      await template.reload();
      setDraft(null);
      notifications.show({ color: 'green', message: t('bodies.template.saved') });
    } finally {
      setSaving(false);
    }
  };

  const reset = async () => {
    const done = await run('agenda.resetTemplate', { bodyId });
    if (!done) return;
    await template.reload();
    forget();
  };

  return (
    <Stack component="section" aria-labelledby="agenda-template-heading" gap="sm" mt="md">
      <Group justify="space-between" align="flex-start">
        <Group gap="xs">
          <Title order={3} id="agenda-template-heading">
            {t('bodies.template.title')}
          </Title>
          {template.data.isDefault && (
            <Badge variant="light" color="gray">
              {t('bodies.template.standard')}
            </Badge>
          )}
          {dirty && (
            <Badge color="yellow" autoContrast data-testid="template-unsaved">
              {t('bodies.template.unsaved')}
            </Badge>
          )}
        </Group>
        {!template.data.isDefault && (
          <Button variant="subtle" color="red" onClick={() => setAsking('reset')}>
            {t('bodies.template.reset')}
          </Button>
        )}
      </Group>
      <Text size="sm">{t('bodies.template.appliesTo')}</Text>
      {template.data.isDefault && (
        <Text size="sm" c="dimmed">
          {t('bodies.template.standardHint')}
        </Text>
      )}

      <SortableList
        label={t('bodies.template.listLabel', { name: bodyName })}
        items={rows}
        getId={getId}
        getLabel={getLabel}
        onReorder={change}
        renderItem={(row) => {
          if (!isItem(row)) {
            return (
              <Box
                px="sm"
                py={6}
                style={{ border: '1px dashed var(--mantine-color-gray-5)', borderRadius: 'var(--mantine-radius-sm)' }}
                data-testid="template-meeting-items"
              >
                <Text size="sm" fw={600}>
                  {t('bodies.template.meetingItems')}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('bodies.template.meetingItemsHint')}
                </Text>
              </Box>
            );
          }
          const position = items.indexOf(row) + 1;
          const rowErrors = errors.rows[row.key] ?? {};
          return (
            <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="template-item">
              <TextInput
                style={{ flex: 1, minWidth: 0 }}
                aria-label={t('bodies.template.titleOf', { position })}
                placeholder={t('bodies.template.titlePlaceholder')}
                value={row.title}
                onChange={(e) => update(row.key, { title: e.currentTarget.value })}
                error={rowErrors.title}
                autoFocus={row.key === focusKey}
                maxLength={300}
              />
              <Select
                w={170}
                aria-label={t('bodies.template.kindOf', { position })}
                data={AGENDA_KINDS.map((k) => ({ value: k, label: t(`meetings.kinds.${k}`) }))}
                value={row.kind}
                onChange={(kind) => kind && update(row.key, { kind: kind as ItemRow['kind'] })}
                error={rowErrors.kind}
                allowDeselect={false}
              />
              <NumberInput
                w={110}
                aria-label={t('bodies.template.minutesOf', { position })}
                value={row.plannedMinutes}
                onChange={(plannedMinutes) => update(row.key, { plannedMinutes })}
                error={rowErrors.plannedMinutes}
                suffix={` ${t('bodies.template.minutesUnit')}`}
                min={0}
                max={600}
                step={5}
                allowDecimal={false}
                allowNegative={false}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('bodies.template.removeNamed', { name: getLabel(row) })}
                onClick={() => change(rows.filter((r) => r.key !== row.key))}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          );
        }}
      />
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('bodies.template.none')}
        </Text>
      )}
      {errors.list && (
        <Alert color="red" role="alert">
          {errors.list}
        </Alert>
      )}

      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="light" onClick={add} disabled={items.length >= MAX_TEMPLATE_ITEMS}>
            {t('bodies.template.add')}
          </Button>
          <Text size="sm" c="dimmed">
            {items.length >= MAX_TEMPLATE_ITEMS
              ? t('bodies.template.full', { max: MAX_TEMPLATE_ITEMS })
              : t('bodies.template.total', { count: items.length, minutes: totalMinutes })}
          </Text>
        </Group>
        <Group gap="xs">
          {dirty && (
            <Button variant="default" onClick={() => setAsking('discard')}>
              {t('bodies.template.discard')}
            </Button>
          )}
          <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
            {t('bodies.template.save')}
          </Button>
        </Group>
      </Group>

      <UnsavedChangesGuard when={dirty} />
      <ConfirmDialog
        opened={asking === 'discard'}
        title={t('bodies.template.discardTitle')}
        message={t('bodies.template.discardMessage')}
        confirmLabel={t('bodies.template.discard')}
        danger
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          forget();
          setAsking(null);
        }}
      />
      <ConfirmDialog
        opened={asking === 'reset'}
        title={t('bodies.template.resetTitle')}
        message={t('bodies.template.resetMessage', { name: bodyName })}
        confirmLabel={t('bodies.template.reset')}
        danger
        onCancel={() => setAsking(null)}
        onConfirm={async () => {
          await reset();
          setAsking(null);
        }}
      />
    </Stack>
  );
}
