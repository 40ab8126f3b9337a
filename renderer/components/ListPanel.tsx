import { useId, useState, type ReactNode } from 'react';
import { Button, Card, Group, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './confirm';
import { EmptyState } from './EmptyState';
import { RowActions } from './RowActions';
import { SortableList } from './sortable/SortableList';

export interface ListPanelProps<T> {
  /**
   * Where the panel's texts are, e.g. `agreements.parties`: `title`, `add`, `emptyTitle`, `empty`,
   * `editNamed`, `removeNamed`, `removeTitle` and `removeMessage` (the last four given `{{name}}`).
   */
  texts: string;
  items: readonly T[];
  getId(item: T): number;
  /** the row's name: in its buttons' labels, the removal question and what screen readers announce on a move */
  getName(item: T): string;
  /** what the backend says: false shows the rows only, with no add, edit, remove or move */
  editable: boolean;
  onAdd(): void;
  onEdit(item: T): void;
  /** asked for only after the user has confirmed */
  onRemove(item: T): Promise<unknown>;
  onReorder(next: T[]): void;
  renderItem(item: T, index: number): ReactNode;
  /** a border around the panel, or around each row */
  framed: 'panel' | 'rows';
  rowTestId?: string;
  /** the open form and what went wrong, shown below the rows */
  children?: ReactNode;
}

/**
 * The ordered rows of one kind that a record holds (an agreement's parties, its priority areas):
 * add, edit, move with mouse or keyboard, and remove after a confirmation; an empty state that
 * says what to add.
 */
export function ListPanel<T>({
  texts,
  items,
  getId,
  getName,
  editable,
  onAdd,
  onEdit,
  onRemove,
  onReorder,
  renderItem,
  framed,
  rowTestId,
  children,
}: ListPanelProps<T>) {
  const { t } = useTranslation();
  const headingId = useId();
  const [removing, setRemoving] = useState<T | null>(null);

  const row = (item: T, index: number) => {
    const name = getName(item);
    const content = (
      <Group justify="space-between" align="flex-start" wrap="nowrap" data-testid={rowTestId}>
        {renderItem(item, index)}
        {editable && (
          <RowActions
            editLabel={t(`${texts}.editNamed`, { name })}
            removeLabel={t(`${texts}.removeNamed`, { name })}
            onEdit={() => onEdit(item)}
            onRemove={() => setRemoving(item)}
          />
        )}
      </Group>
    );
    return framed === 'rows' ? <Card withBorder>{content}</Card> : content;
  };

  const panel = (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3} size="h5" id={headingId}>
          {t(`${texts}.title`)}
        </Title>
        {editable && (
          <Button size="xs" onClick={onAdd}>
            {t(`${texts}.add`)}
          </Button>
        )}
      </Group>
      {items.length === 0 ? (
        <EmptyState title={t(`${texts}.emptyTitle`)}>{t(`${texts}.empty`)}</EmptyState>
      ) : (
        <SortableList
          label={t(`${texts}.title`)}
          items={items}
          getId={getId}
          getLabel={getName}
          disabled={!editable}
          onReorder={onReorder}
          renderItem={row}
        />
      )}
      {children}
      <ConfirmDialog
        opened={removing !== null}
        title={t(`${texts}.removeTitle`)}
        message={t(`${texts}.removeMessage`, { name: removing === null ? '' : getName(removing) })}
        confirmLabel={t('actions.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing !== null) await onRemove(removing);
          setRemoving(null);
        }}
      />
    </Stack>
  );

  return framed === 'panel' ? (
    <Card withBorder component="section" aria-labelledby={headingId}>
      {panel}
    </Card>
  ) : (
    <section aria-labelledby={headingId}>{panel}</section>
  );
}
