import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RemoveButton } from './RemoveButton';

/**
 * A row's Edit and Remove buttons. Each is named after the row ("Ändra Räddningstjänsten"), so
 * a screen reader going down the buttons hears which row they act on; removing is the caller's
 * to confirm.
 */
export function RowActions({
  editLabel,
  removeLabel,
  removeText,
  onEdit,
  onRemove,
}: {
  editLabel: string;
  removeLabel: string;
  /** the visible word on the remove button; "Ta bort" / "Delete" unless the row says more */
  removeText?: string;
  onEdit(): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="light" aria-label={editLabel} onClick={onEdit}>
        {t('actions.edit')}
      </Button>
      <RemoveButton label={removeLabel} text={removeText} onClick={onRemove} />
    </Group>
  );
}
