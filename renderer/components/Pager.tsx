import { useCallback, useMemo, useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Where the user is in a keyset-paged list: the cursors of the pages before this one (the
 * backend only knows "after"), so going back is as cheap as going on. Changing the filter
 * starts again at the first page (`resetKey`).
 */
export function useKeysetPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: Array<string | null> }>({
    key: resetKey,
    cursors: [null],
  });
  // forget the old filter's pages at once, so coming back to that filter starts at its first page too
  if (state.key !== resetKey) setState({ key: resetKey, cursors: [null] });
  const cursors = useMemo(() => (state.key === resetKey ? state.cursors : [null]), [state, resetKey]);
  const after = cursors[cursors.length - 1];
  const next = useCallback(
    (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    [resetKey, cursors],
  );
  const previous = useCallback(
    () => setState({ key: resetKey, cursors: cursors.length > 1 ? cursors.slice(0, -1) : [null] }),
    [resetKey, cursors],
  );
  return { after, pageIndex: cursors.length - 1, next, previous };
}

/** "Rows 51–100 of 5 634" with buttons to the page before and after. */
export function Pager({
  label,
  pageIndex,
  pageSize,
  shown,
  total,
  nextCursor,
  onNext,
  onPrevious,
}: {
  /** what the list is, for the buttons' accessible names */
  label: string;
  pageIndex: number;
  pageSize: number;
  shown: number;
  total: number;
  nextCursor: string | null;
  onNext(cursor: string): void;
  onPrevious(): void;
}) {
  const { t, i18n } = useTranslation();
  const first = pageIndex * pageSize + 1;
  const number = (n: number) => n.toLocaleString(i18n.language === 'sv' ? 'sv-SE' : 'en-GB');
  if (total === 0) return null;
  return (
    <Group justify="space-between" data-testid="pager">
      <Text size="sm" aria-live="polite">
        {t('paging.showing', { from: number(first), to: number(first + shown - 1), total: number(total) })}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          disabled={pageIndex === 0}
          onClick={onPrevious}
          aria-label={t('paging.previousNamed', { list: label })}
        >
          {t('paging.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={nextCursor === null}
          onClick={() => nextCursor && onNext(nextCursor)}
          aria-label={t('paging.nextNamed', { list: label })}
        >
          {t('paging.next')}
        </Button>
      </Group>
    </Group>
  );
}
