import { startBackend } from '../../electron/backend/backend';
import { expect, openApp, test } from './support/app';
import { dispatched } from './support/dispatched';

/**
 * Deltagare with more people than a page holds: the first 50 by name, paging on and back by
 * keyboard, and a search that starts again at its own first page.
 */
test('Deltagare: pages 120 people by keyboard, in Swedish name order; a search pages on its own', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await app.restart(async () => {
    const backend = await startBackend(app.dbPath);
    try {
      for (let i = 1; i <= 120; i++) {
        const given = ['Anna', 'Bo', 'Östen', 'Åsa'][i % 4];
        dispatched(
          await backend.dispatch('people.create', {
            name: `${given} Person ${String(i).padStart(3, '0')}`,
            title: i % 10 === 0 ? 'Räddningschef' : null,
            organisationId: null,
          }),
        );
      }
    } finally {
      backend.close();
    }
  });
  await openApp(page, app);
  await page.evaluate(() => (location.hash = '#/people'));

  const table = page.getByRole('table', { name: 'Deltagare' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await expect(page.getByTestId('pager').getByText('Visar 1–50 av 120')).toBeVisible();
  // 30 each of Anna, Bo, Åsa, Östen, in that order: the first page is all Anna and Bo
  await expect(rows.first()).toContainText('Anna Person 004');
  await expect(table.getByRole('row', { name: /Åsa|Östen/ })).toHaveCount(0);

  const tabTo = async (locator: ReturnType<typeof page.locator>, max = 300) => {
    for (let i = 0; i < max; i++) {
      if (await locator.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error('never reached by Tab');
  };
  const next = page.getByRole('button', { name: 'Nästa sida: Deltagare' });
  await tabTo(next);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pager').getByText('Visar 51–100 av 120')).toBeVisible();
  await expect(rows.first()).toContainText('Bo Person 081');
  await tabTo(next);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pager').getByText('Visar 101–120 av 120')).toBeVisible();
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText('Östen Person 042');
  await expect(rows.last()).toContainText('Östen Person 118');
  await expect(next).toBeDisabled();

  // a search starts at its own first page
  const search = page.getByRole('searchbox', { name: 'Sök' });
  await search.focus();
  await page.keyboard.type('räddningschef');
  await expect(page.getByTestId('pager').getByText('Visar 1–12 av 12')).toBeVisible();
  await expect(rows).toHaveCount(12);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('pager').getByText('Visar 1–50 av 120')).toBeVisible();

  await tabTo(next);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pager').getByText('Visar 51–100 av 120')).toBeVisible();
  await tabTo(page.getByRole('button', { name: 'Föregående sida: Deltagare' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pager').getByText('Visar 1–50 av 120')).toBeVisible();
  await expect(rows.first()).toContainText('Anna Person 004');
});
