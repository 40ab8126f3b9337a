import { startTransition, useCallback, useMemo, useOptimistic, useRef, useState } from 'react';
import type { ActionItem } from '../../../shared/contract/meetings';
import type { Page } from '../../../shared/contract/paging';
import { useAction } from '../../api/hooks';
import { todayIso } from '../meetings/localDate';

type Answered = { page: Page<ActionItem> | undefined; action: ActionItem };

/**
 * Ticking actions done (or open again) on a page of actions, shown at once: the row changes as
 * soon as it is ticked, while `actions.setStatus` runs. A refusal takes the change back (the
 * transition ends without it) and `fieldErrors` say why; an accepted tick shows the backend's
 * answer until the page comes again, with the row where the backend's order puts it.
 */
export function useActionTicks(page: Page<ActionItem> | undefined) {
  const { run, fieldErrors } = useAction();
  const [answered, setAnswered] = useState<Answered[]>([]);
  const [optimistic, addOptimistic] = useOptimistic<ActionItem[], ActionItem>([], (shown, action) => [
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

  const items = useMemo(
    () =>
      (page?.items ?? []).map(
        (a) =>
          optimistic.find((o) => o.id === a.id) ??
          answered.find((o) => o.action.id === a.id && o.page === page)?.action ??
          a,
      ),
    [page, optimistic, answered],
  );
  return { items, tick, fieldErrors };
}
