import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, openApp } from './support/app';
import { expectAccessible } from './support/axe';

/**
 * A damaged database as the user meets it (issue 13, case 5): Samråd still opens, every page
 * gives way to a screen that says what happened, and the newest good backup is one confirmed
 * click away; the damaged file is kept aside. Then the app works on the restored data.
 */
test('a damaged database offers the newest good backup, restores it and goes on', async ({ page, app }) => {
  await openApp(page, app);
  // a record through the contract, as the page itself would save it
  const created = await page.evaluate(async () => {
    const response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-samrad-token': sessionStorage.getItem('samrad.token') ?? '' },
      body: JSON.stringify({
        method: 'organisations.create',
        input: { name: 'Södertörns brandförsvarsförbund', kind: 'raddningstjanst' },
      }),
    });
    return response.json();
  });
  expect(created).toMatchObject({ ok: true });

  // the day's backup, as the background maintenance writes it
  const backups = path.join(app.dir, 'backups');
  fs.mkdirSync(backups, { recursive: true }); // the background maintenance may have made it already
  const live = new Database(app.dbPath, { readonly: true });
  const version = live.pragma('user_version', { simple: true }) as number;
  // named with the time it is taken, so it is newer than the backup the maintenance wrote at start (before the record)
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const backup = path.join(backups, `samrad-v${version}-${stamp}.sqlite`);
  await live.backup(backup);
  live.close();

  // the disk damages the file while Samråd is closed (damaged while it runs, closing would checkpoint good pages back over it)
  await app.restart(() => {
    fs.writeFileSync(app.dbPath, `SQLite format 3\u0000${'\u00ff'.repeat(8000)}`);
    for (const companion of ['-wal', '-shm']) fs.rmSync(app.dbPath + companion, { force: true });
  });

  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Databasen är skadad' })).toBeVisible();
  await expect(page.getByText('Samråd skriver inget mer till filen')).toBeVisible();
  await expectAccessible(page, 'main');
  await page.getByRole('button', { name: 'Återställ den senaste säkerhetskopian' }).click();
  const dialog = page.getByRole('dialog', { name: 'Återställa säkerhetskopian?' });
  await dialog.getByRole('button', { name: 'Återställ' }).click();
  await expect(page.getByRole('heading', { name: 'Databasen är skadad' })).toBeHidden({ timeout: 20_000 });

  await page.getByRole('navigation').locator('a[href="#/organisations"]').click();
  await expect(page.getByText('Södertörns brandförsvarsförbund')).toBeVisible();
  const aside = fs.readdirSync(app.dir).filter((n) => n.startsWith('samrad.sqlite.damaged-'));
  expect(aside.length).toBeGreaterThan(0);
});
