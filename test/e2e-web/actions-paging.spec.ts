import { startBackend } from '../../electron/backend/backend';
import { generateThroughContract } from '../../bench/generate';
import { expect, openApp, test } from './support/app';

/**
 * The Uppdrag page on a generated database (the benchmarks' generator, small): the first page
 * of open actions, paging on, and ticking one done, all by keyboard; the page fits 1366 px.
 */
test('Uppdrag: shows the first page, pages on and ticks an action done by keyboard; fits 1366 px', async ({
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

  // tick the first action on this page done: it leaves the open list, the next one moves up
  const ticked = rows.first();
  const id = (await ticked.getAttribute('data-action-id'))!;
  const second = await rows.nth(1).getAttribute('data-action-id');
  await tabTo(ticked.getByRole('checkbox'));
  await page.keyboard.press('Space');
  await expect(table.locator(`tr[data-action-id="${id}"]`)).toHaveCount(0);
  await expect(rows.first()).toHaveAttribute('data-action-id', second!);
  await expect(page.getByTestId('pager').getByText(`av ${total - 1}`, { exact: false })).toBeVisible();

  // back to the first page, by keyboard: the same first row as before
  await tabTo(page.getByRole('button', { name: /^Föregående sida: / }), 600);
  await page.keyboard.press('Enter');
  await expect(rows.first()).toHaveAttribute('data-action-id', firstOfPageOne!);
  expect(await fits()).toBe(true);
});
