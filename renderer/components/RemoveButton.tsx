import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A row's Remove button: red and quiet, named after the row ("Ta bort Camilla Broo") so a screen
 * reader going down the buttons hears which row it acts on; confirming is the caller's.
 */
export function RemoveButton({
  label,
  text,
  compact = false,
  onClick,
}: {
  label: string;
  /** the visible word; "Ta bort" / "Delete" unless the row says more */
  text?: string;
  /** the smaller size, for a row of small text */
  compact?: boolean;
  onClick(): void;
}) {
  const { t } = useTranslation();
  return (
    <Button size={compact ? 'compact-xs' : 'xs'} variant="subtle" color="red" aria-label={label} onClick={onClick}>
      {text ?? t('actions.delete')}
    </Button>
  );
}
