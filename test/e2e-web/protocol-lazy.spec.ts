import { startBackend } from '../../electron/backend/backend';
import { generateThroughContract } from '../../bench/generate';
import { expect, openApp, test } from './support/app';

/**
 * A protocol of 20 §§ (the benchmarks' generator): the tab shows every § and brings in their
 * editors one § at a time; a § far down is reached and edited by keyboard alone, autosaves, and
 * the text is there after a reload.
 */
test('protocol tab: all 20 §§ become editable; the 15th is edited by keyboard and autosaved', async ({ page, app }) => {
  test.setTimeout(300_000);
  let meetingId = 0;
  await app.restart(async () => {
    const backend = await startBackend(app.dbPath);
    try {
      const today = new Date().toISOString().slice(0, 10);
      await generateThroughContract(backend.dispatch, { paragraphs: 200, today });
      const past = await backend.dispatch('meetings.list', { before: today, order: 'desc', limit: 1 });
      if (!past.ok) throw new Error(past.error.message);
      meetingId = (past.value as { items: Array<{ id: number }> }).items[0].id;
    } finally {
      backend.close();
    }
  });
  await openApp(page, app);
  await page.evaluate((id) => (location.hash = `#/meetings/${id}/protocol`), meetingId);

  const headings = page.getByRole('article').getByRole('heading', { level: 3, name: /^§ \d+ / });
  await expect(headings).toHaveCount(20);
  // the editors come in one § at a time: on a loaded machine that takes a while
  await expect(page.getByTestId('paragraph-card')).toHaveCount(20, { timeout: 120_000 });
  await expect(page.getByTestId('paragraph-preview')).toHaveCount(0);

  const fifteenth = page.getByTestId('paragraph-card').nth(14);
  const title = (await fifteenth.getByRole('heading', { level: 3 }).textContent())!;
  const decision = fifteenth.getByRole('textbox', { name: 'Beslut' });
  // from the § heading above it, Tab moves on to its fields: no mouse
  await fifteenth.getByRole('textbox', { name: 'Rubrik' }).focus();
  for (let i = 0; i < 30 && !(await decision.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(decision).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Chefssamrådet beslutar enligt förslaget.');
  await page.keyboard.press('Tab');
  await expect(fifteenth.getByText('Sparat').first()).toBeVisible();

  await page.reload();
  // after the reload the editors come in one § at a time again
  await expect(page.getByTestId('paragraph-card')).toHaveCount(20, { timeout: 120_000 });
  const again = page.getByRole('article').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  await expect(again.getByRole('textbox', { name: 'Beslut' })).toHaveValue('Chefssamrådet beslutar enligt förslaget.');
});
