import { startBackend } from '../../electron/backend/backend';
import { generateThroughContract } from '../../bench/generate';
import type { Page, Route } from '@playwright/test';
import type { Input, Method, Output } from '../../shared/contract';
import { expect, openApp, test } from './support/app';

/**
 * Holds back one contract method: its calls reach the backend only after `release()`, so the
 * page can be looked at while they run.
 */
async function holdCalls(page: Page, method: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let called!: () => void;
  const reached = new Promise<void>((resolve) => (called = resolve));
  const held = (route: Route) => {
    if ((JSON.parse(route.request().postData() ?? '{}') as { method?: string }).method !== method)
      return route.fallback();
    called();
    return gate.then(() => route.continue());
  };
  await page.route('**/api/call', held);
  // once released, later calls of the method pass at once
  return { waitForCall: () => reached, release: open };
}

/**
 * The Uppdrag page on a generated database (the benchmarks' generator, small): the first page
 * of open actions, paging on, and ticking one done, all by keyboard; the page fits 1366 px. The
 * tick shows at once, before the backend answers; the focus moves to the row that moves up.
 */
test('Uppdrag: shows the first page, pages on and ticks actions done by keyboard, shown at once; fits 1366 px', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000);
  await app.restart(async () => {
    const backend = await startBackend(app.dbPath);
    try {
      await generateThroughContract(backend.dispatch, {
        paragraphs: 1000,
        today: new Date().toISOString().slice(0, 10),
      });
    } finally {
      backend.close();
    }
  });
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app);
  await page.evaluate(() => (location.hash = '#/actions'));
  const today = await page.evaluate(() => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format());

  const table = page.getByTestId('actions-table');
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(50);
  const status = page.getByTestId('pager').getByText(/^Visar 1–50 av \d+$/);
  await expect(status).toBeVisible();
  const total = Number((await status.textContent())!.replace(/^.* av /, '').replace(/\s/g, ''));
  expect(total).toBeGreaterThan(50);
  const firstOfPageOne = await rows.first().getAttribute('data-action-id');
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  expect(await fits()).toBe(true);

  /** Tabs forward until the element is focused (at most `max` presses). */
  const tabTo = async (locator: ReturnType<typeof page.locator>, max = 400) => {
    for (let i = 0; i < max; i++) {
      if (await locator.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error('never reached by Tab');
  };

  const next = page.getByRole('button', { name: /^Nästa sida: / });
  await tabTo(next);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pager').getByText(`Visar 51–${Math.min(100, total)} av ${total}`)).toBeVisible();
  await expect(rows.first()).not.toHaveAttribute('data-action-id', firstOfPageOne!);

  // tick the first action on this page done, with the backend's answer held back: the row shows
  // it done at once, before the answer
  const held = await holdCalls(page, 'actions.setStatus');
  const ticked = rows.first();
  const id = (await ticked.getAttribute('data-action-id'))!;
  const second = await rows.nth(1).getAttribute('data-action-id');
  const third = await rows.nth(2).getAttribute('data-action-id');
  const box = ticked.getByRole('checkbox');
  await tabTo(box);
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await expect(ticked.getByText(`Klar ${today}`)).toBeVisible();
  await held.waitForCall();
  await expect(box).toBeChecked();
  held.release();

  // the answer: it leaves the open list, the next one moves up and takes the keyboard focus
  await expect(table.locator(`tr[data-action-id="${id}"]`)).toHaveCount(0);
  await expect(rows.first()).toHaveAttribute('data-action-id', second!);
  await expect(page.getByTestId('pager').getByText(`av ${total - 1}`, { exact: false })).toBeVisible();
  await expect(rows.first().getByRole('checkbox')).toBeFocused();

  // ticking on by keyboard alone: Space again ticks the row that moved up
  await page.keyboard.press('Space');
  await expect(table.locator(`tr[data-action-id="${second}"]`)).toHaveCount(0);
  await expect(rows.first()).toHaveAttribute('data-action-id', third!);
  await expect(page.getByTestId('pager').getByText(`av ${total - 2}`, { exact: false })).toBeVisible();
  await expect(rows.first().getByRole('checkbox')).toBeFocused();

  // back to the first page, by keyboard: the same first row as before
  await tabTo(page.getByRole('button', { name: /^Föregående sida: / }), 600);
  await page.keyboard.press('Enter');
  await expect(rows.first()).toHaveAttribute('data-action-id', firstOfPageOne!);
  expect(await fits()).toBe(true);
});

/**
 * A tick the backend refuses (an action of a meeting a week ahead cannot be done today): the
 * row shows it done while the call runs, then takes it back and says why; the focus stays.
 */
test('Uppdrag: a refused tick is taken back with the reason', async ({ page, app }) => {
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await app.restart(async () => {
    const backend = await startBackend(app.dbPath);
    const call = async <M extends Method>(method: M, input: Input<M>) => {
      const result = await backend.dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as Output<M>;
    };
    try {
      const body = await call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' });
      const owner = await call('people.create', { name: 'Fredrik Framtid' });
      const meeting = await call('meetings.create', {
        bodyId: body.id,
        date: inAWeek,
        startTime: '09:00',
        endTime: '11:00',
      });
      const protocol = await call('protocol.create', { meetingId: meeting.id });
      await call('actions.add', {
        paragraphId: protocol!.paragraphs[0].id,
        fields: { description: 'Ta fram en trygghetsanalys', ownerPersonId: owner.id, dueDate: inAWeek },
      });
    } finally {
      backend.close();
    }
  });
  await openApp(page, app);
  await page.evaluate(() => (location.hash = '#/actions'));

  const row = page.getByTestId('actions-table').locator('tbody tr');
  await expect(row).toHaveCount(1);
  const box = row.getByRole('checkbox', { name: 'Klar: Ta fram en trygghetsanalys' });
  const held = await holdCalls(page, 'actions.setStatus');
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await held.waitForCall();
  held.release();

  await expect(page.getByRole('alert')).toContainText('Ett uppdrag kan inte vara klart före sammanträdet där det gavs');
  await expect(box).not.toBeChecked();
  await expect(row.getByText('Klar', { exact: true })).toBeVisible();
  await expect(box).toBeFocused();
  // nothing changed: after a reload it is still open
  await page.reload();
  await expect(
    page.getByTestId('actions-table').getByRole('checkbox', { name: 'Klar: Ta fram en trygghetsanalys' }),
  ).not.toBeChecked();
});
