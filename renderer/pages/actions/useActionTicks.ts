import { startTransition, useCallback, useMemo, useOptimistic, useRef, useState } from 'react';
import type { ActionItem } from '../../../shared/contract/meetings';
import type { Page } from '../../../shared/contract/paging';
import { useAction } from '../../api/hooks';
import { useSameRows } from '../../components/useSameRows';
import { todayIso } from '../meetings/localDate';

type Answered = { page: Page<ActionItem> | undefined; action: ActionItem };
/** no tick under way (one array, so the rows are not worked out again on every render) */
const NONE: ActionItem[] = [];

/**
 * Ticking actions done (or open again) on a page of actions, shown at once: the row changes as
 * soon as it is ticked, while `actions.setStatus` runs. A refusal takes the change back (the
 * transition ends without it) and `fieldErrors` say why; an accepted tick shows the backend's
 * answer until the page comes again, with the row where the backend's order puts it.
 */
export function useActionTicks(page: Page<ActionItem> | undefined) {
  const { run, fieldErrors } = useAction();
  const [answered, setAnswered] = useState<Answered[]>([]);
  const [optimistic, addOptimistic] = useOptimistic<ActionItem[], ActionItem>(NONE, (shown, action) => [
    ...shown.filter((a) => a.id !== action.id),
    action,
  ]);
  const current = useRef(page);
  current.current = page;

  const tick = useCallback(
    (action: ActionItem, done: boolean) => {
      const doneOn = done ? todayIso() : null;
      startTransition(async () => {
        // a done action is not overdue; one ticked open again keeps its mark until the answer says
        addOptimistic({
          ...action,
          status: done ? 'done' : 'open',
          doneOn,
          overdue: done ? false : action.overdue,
        });
        const changed = await run('actions.setStatus', { id: action.id, status: done ? 'done' : 'open', doneOn });
        if (changed)
          startTransition(() =>
            // shown over the page on screen now; the page asked for after this write replaces it
            setAnswered((list) => [
              ...list.filter((a) => a.page === current.current),
              { page: current.current, action: changed },
            ]),
          );
      });
    },
    [run, addOptimistic],
  );

  // the page's rows keep their objects when they come again unchanged; the ticks lie over them
  const rows = useSameRows(page?.items ?? NONE);
  const items = useMemo(
    () =>
      rows.map(
        (a) =>
          optimistic.find((o) => o.id === a.id) ??
          answered.find((o) => o.action.id === a.id && o.page === page)?.action ??
          a,
      ),
    [rows, page, optimistic, answered],
  );
  return { items, tick, fieldErrors };
}
