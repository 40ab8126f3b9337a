import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ActionIcon, Box, Group, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { moveItem } from './moveItem';

export interface SortableListProps<T> {
  items: readonly T[];
  getId(item: T): number | string;
  /** the item's name, used in the buttons' labels and in what screen readers announce */
  getLabel(item: T): string;
  /** the whole list in its new order; the caller persists it */
  onReorder(next: T[]): void;
  /** `ordered` is the list as shown now, e.g. to compute running times in the new order */
  renderItem(item: T, index: number, ordered: readonly T[]): ReactNode;
  /** accessible name of the list */
  label: string;
  /** read-only: no handles, no move buttons */
  disabled?: boolean;
}

interface RowProps {
  id: UniqueIdentifier;
  label: string;
  index: number;
  count: number;
  disabled: boolean;
  children: ReactNode;
  onMove(from: number, to: number): void;
  registerButton(key: string, element: HTMLButtonElement | null): void;
}

function SortableRow({ id, label, index, count, disabled, children, onMove, registerButton }: RowProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
    disabled,
  });
  return (
    <Box
      component="li"
      ref={setNodeRef}
      data-testid="sortable-row"
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        position: 'relative',
        zIndex: isDragging ? 2 : undefined,
        listStyle: 'none',
        opacity: isDragging ? 0.85 : 1,
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        {!disabled && (
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...attributes}
            {...listeners}
            aria-label={t('sortable.dragHandle', { name: label })}
          >
            <IconGripVertical size={18} aria-hidden />
          </ActionIcon>
        )}
        <Box style={{ flex: 1, minWidth: 0 }}>{children}</Box>
        {!disabled && (
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              ref={(el) => registerButton(`${id}:up`, el)}
              variant="subtle"
              disabled={index === 0}
              aria-label={t('sortable.moveUp', { name: label })}
              onClick={() => onMove(index, index - 1)}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              ref={(el) => registerButton(`${id}:down`, el)}
              variant="subtle"
              disabled={index === count - 1}
              aria-label={t('sortable.moveDown', { name: label })}
              onClick={() => onMove(index, index + 1)}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
          </Group>
        )}
      </Group>
    </Box>
  );
}

/**
 * A list the user reorders by dragging with the mouse, by keyboard drag (focus the handle,
 * Space, arrow keys, Space) or with explicit "move up/down" buttons. The new order shows at once
 * (optimistically) and is handed to `onReorder` to persist; when the caller's items change,
 * they win.
 */
export function SortableList<T>({
  items,
  getId,
  getLabel,
  onReorder,
  renderItem,
  label,
  disabled = false,
}: SortableListProps<T>) {
  const { t } = useTranslation();
  // The order the user just chose, shown until the caller's list changes order (e.g. after a reload).
  const [pending, setPending] = useState<Array<number | string> | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const signature = items.map(getId).join(',');
  useEffect(() => setPending(null), [signature]);

  const local = useMemo(() => {
    if (!pending) return items;
    const byId = new Map(items.map((i) => [getId(i), i] as const));
    const ordered = pending.map((id) => byId.get(id)).filter((i): i is T => i !== undefined);
    return ordered.length === items.length ? ordered : items;
  }, [items, pending, getId]);

  const ids = useMemo(() => local.map(getId), [local, getId]);
  const labelOf = (id: UniqueIdentifier) => {
    const item = local.find((i) => getId(i) === id);
    return item ? getLabel(item) : String(id);
  };
  const positionOf = (id: UniqueIdentifier) => ids.indexOf(id as never) + 1;

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      t('sortable.announce.start', { name: labelOf(active.id), position: positionOf(active.id), count: ids.length }),
    onDragOver: ({ active, over }) =>
      over
        ? t('sortable.announce.over', { name: labelOf(active.id), position: positionOf(over.id), count: ids.length })
        : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? t('sortable.announce.end', { name: labelOf(active.id), position: positionOf(over.id), count: ids.length })
        : undefined,
    onDragCancel: ({ active }) => t('sortable.announce.cancel', { name: labelOf(active.id) }),
  };

  const commit = (from: number, to: number) => {
    const next = moveItem(local, from, to);
    if (next.every((item, i) => item === local[i])) return;
    setPending(next.map(getId));
    onReorder(next);
    return next;
  };

  const moveByButton = (from: number, to: number) => {
    const moved = local[from];
    const next = commit(from, to);
    if (!next) return;
    const id = getId(moved);
    const position = next.indexOf(moved);
    setAnnouncement(t('sortable.announce.end', { name: getLabel(moved), position: position + 1, count: next.length }));
    // Keep the keyboard user on the item they moved; at either end the other button is the one still enabled.
    requestAnimationFrame(() => {
      const preferred = buttons.current.get(`${id}:${to < from ? 'up' : 'down'}`);
      const other = buttons.current.get(`${id}:${to < from ? 'down' : 'up'}`);
      (preferred && !preferred.disabled ? preferred : other)?.focus();
    });
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    commit(ids.indexOf(active.id as never), ids.indexOf(over.id as never));
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('sortable.instructions') } }}
    >
      <SortableContext items={ids as UniqueIdentifier[]} strategy={verticalListSortingStrategy}>
        <Box
          component="ol"
          aria-label={label}
          p={0}
          m={0}
          style={{ display: 'flex', flexDirection: 'column', gap: 'var(--mantine-spacing-xs)' }}
        >
          {local.map((item, index) => (
            <SortableRow
              key={getId(item)}
              id={getId(item)}
              label={getLabel(item)}
              index={index}
              count={local.length}
              disabled={disabled}
              onMove={moveByButton}
              registerButton={(key, el) => (el ? buttons.current.set(key, el) : buttons.current.delete(key))}
            >
              {renderItem(item, index, local)}
            </SortableRow>
          ))}
        </Box>
      </SortableContext>
      <VisuallyHidden aria-live="polite" role="status">
        {announcement}
      </VisuallyHidden>
    </DndContext>
  );
}
