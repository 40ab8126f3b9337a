import { startBackend } from '../../electron/backend/backend';
import { fixedClock } from '../../electron/backend/context';
import type { Organisation } from '../../shared/contract/participants';
import { expect, openApp, test } from './support/app';
import { dispatched } from './support/dispatched';

/**
 * A record with a long history: the drawer shows the newest 50 events and the total, and
 * "Visa äldre" adds the older ones page by page, from the keyboard, down to the creation.
 */
test('history drawer: the newest 50 of 130 events first, older ones page by page with Visa äldre', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  const name = 'Räddningstjänsten Storstockholm';
  await app.restart(async () => {
    // a clock that moves two minutes a change, so no two changes fold into one event
    const clock = fixedClock('2024-01-08T08:00:00Z');
    const backend = await startBackend(app.dbPath, { clock, osUserName: 'sekreterare' });
    try {
      const org = dispatched<Organisation>(
        await backend.dispatch('organisations.create', { name, kind: 'raddningstjanst' }),
      );
      for (let i = 1; i < 130; i++) {
        clock.set(new Date(clock.now().getTime() + 120_000).toISOString());
        dispatched(
          await backend.dispatch('organisations.update', {
            id: org.id,
            fields: { name, kind: 'raddningstjanst', shortName: `RS${String(i).padStart(3, '0')}` },
          }),
        );
      }
    } finally {
      backend.close();
    }
  });
  await openApp(page, app);
  await page.evaluate(() => (location.hash = '#/organisations'));
  await page.getByRole('button', { name: `Historik för ${name}` }).click();
  const drawer = page.getByRole('dialog', { name: `Historik: ${name}` });
  const events = drawer.locator('tbody > tr');
  await expect(events).toHaveCount(50);
  await expect(drawer.getByTestId('history-count')).toHaveText('Visar 50 av 130 händelser');
  // newest first: the last change on top, the 80th change last on this page
  await expect(events.first()).toContainText('Kortnamn ändrades från RS128 till RS129');
  await expect(events.nth(49)).toContainText('Kortnamn ändrades från RS079 till RS080');

  const older = drawer.getByRole('button', { name: 'Visa äldre' });
  await older.focus();
  await page.keyboard.press('Enter');
  await expect(events).toHaveCount(100);
  await expect(drawer.getByTestId('history-count')).toHaveText('Visar 100 av 130 händelser');
  await expect(events.nth(50)).toContainText('Kortnamn ändrades från RS078 till RS079');
  await expect(older).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(events).toHaveCount(130);
  await expect(drawer.getByTestId('history-count')).toHaveText('Visar 130 av 130 händelser');
  await expect(events.last()).toContainText(`skapade organisationen ${name}`);
  await expect(older).toHaveCount(0);
  // each event once
  const texts = await events.allInnerTexts();
  expect(new Set(texts.map((t) => t.match(/RS\d{3} till RS\d{3}/)?.[0] ?? t)).size).toBe(130);
});
