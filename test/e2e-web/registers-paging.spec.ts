import { startBackend } from '../../electron/backend/backend';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/app';
import { dispatched } from './support/dispatched';

/**
 * Registers with more organisations and bodies than a page holds: Organisationer and
 * Samverkansforum page on by keyboard in Swedish name order, a search starts at its own first
 * page; pickers offer the first 100 by name and find the rest as the user types.
 */
const ORGANISATIONS = 120;
const BODIES = 105;

async function tabTo(page: Page, locator: ReturnType<Page['locator']>, max = 300) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached by Tab');
}

test.beforeEach(async ({ app }) => {
  await app.restart(async () => {
    const backend = await startBackend(app.dbPath);
    try {
      const create = async (method: 'organisations.create' | 'bodies.create', input: object) =>
        dispatched(await backend.dispatch(method, input));
      for (let i = 1; i <= ORGANISATIONS; i++)
        await create('organisations.create', {
          name: `${['Alfa', 'Borg', 'Åby', 'Öster'][i % 4]} organisation ${String(i).padStart(3, '0')}`,
          kind: 'kommun',
          shortName: i === 7 ? 'ÖSTKORT' : null,
        });
      await create('organisations.create', { name: 'Östra Zetterlunds förbund', kind: 'annan' });
      for (let i = 1; i <= BODIES; i++)
        await create('bodies.create', {
          name: `${['Arbetsgrupp', 'Lägesmöte', 'Samråd'][i % 3]} ${String(i).padStart(3, '0')}`,
          kind: 'annat',
        });
      await create('bodies.create', { name: 'Östersunds trygghetsråd', kind: 'lagesmote' });
    } finally {
      backend.close();
    }
  });
});

test('Organisationer pages on by keyboard in Swedish order; a search on the short name pages on its own', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await openApp(page, app);
  await page.evaluate(() => (location.hash = '#/organisations'));
  const table = page.getByRole('table', { name: 'Organisationer' });
  const rows = table.locator('tbody tr');
  const pager = page.getByTestId('pager');
  await expect(rows).toHaveCount(50);
  await expect(pager.getByText(`Visar 1–50 av ${ORGANISATIONS + 1}`)).toBeVisible();
  // 30 each of Alfa, Borg, Åby, Öster (å, ä, ö after z): the first page is Alfa, then Borg
  await expect(rows.first()).toContainText('Alfa organisation 004');
  await expect(table.getByRole('row', { name: /Åby|Öster/ })).toHaveCount(0);

  const next = page.getByRole('button', { name: 'Nästa sida: Organisationer' });
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  await expect(pager.getByText(`Visar 51–100 av ${ORGANISATIONS + 1}`)).toBeVisible();
  await expect(rows.first()).toContainText('Borg organisation 081');
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  await expect(pager.getByText(`Visar 101–121 av ${ORGANISATIONS + 1}`)).toBeVisible();
  await expect(rows).toHaveCount(21);
  await expect(rows.first()).toContainText('Öster organisation 043');
  await expect(rows.last()).toContainText('Östra Zetterlunds förbund');
  await expect(next).toBeDisabled();

  const search = page.getByRole('searchbox', { name: 'Sök' });
  await search.focus();
  await page.keyboard.type('östkort');
  await expect(pager.getByText('Visar 1–1 av 1')).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Öster organisation 007');
  await page.keyboard.type('x');
  await expect(page.getByRole('status').getByText('Ingen organisation matchar sökningen.')).toBeVisible();
});

test('Samverkansforum pages on; the Sammanträden body picker offers 100 and finds the rest by typing', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await openApp(page, app);
  await page.evaluate(() => (location.hash = '#/bodies'));
  const table = page.getByRole('table', { name: 'Samverkansforum' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await expect(page.getByTestId('pager').getByText(`Visar 1–50 av ${BODIES + 1}`)).toBeVisible();
  await expect(rows.first()).toContainText('Arbetsgrupp 003');
  const next = page.getByRole('button', { name: 'Nästa sida: Samverkansforum' });
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  await tabTo(page, next);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pager').getByText(`Visar 101–106 av ${BODIES + 1}`)).toBeVisible();
  await expect(rows.last()).toContainText('Östersunds trygghetsråd');

  await page.evaluate(() => (location.hash = '#/meetings'));
  const picker = page.getByRole('combobox', { name: 'Samverkansforum' });
  await expect(picker).toHaveValue('Arbetsgrupp 003');
  await picker.click();
  const listbox = page.getByRole('listbox');
  await expect(listbox.getByRole('option')).toHaveCount(100);
  await expect(listbox.getByRole('option', { name: 'Östersunds trygghetsråd' })).toHaveCount(0);
  await picker.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('trygghet');
  const found = listbox.getByRole('option', { name: 'Östersunds trygghetsråd' });
  await expect(found).toBeVisible();
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue('Östersunds trygghetsråd');
  await expect(page.getByRole('heading', { name: 'Sammanträden' })).toBeVisible();
  await expect(page.getByText('Inga kommande sammanträden').or(page.getByRole('table'))).toBeVisible();
  // the choice is remembered though no page of 100 holds it
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Samverkansforum' })).toHaveValue('Östersunds trygghetsråd');
});

test('Deltagare: the organisation filter finds an organisation beyond the first 100 by typing', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await openApp(page, app);
  await page.evaluate(() => (location.hash = '#/people'));
  const picker = page.getByRole('combobox', { name: 'Organisation' });
  await picker.click();
  const listbox = page.getByRole('listbox');
  await expect(listbox.getByRole('option')).toHaveCount(100);
  await expect(listbox.getByRole('option', { name: 'Östra Zetterlunds förbund' })).toHaveCount(0);
  await page.keyboard.type('Zetter');
  await expect(listbox.getByRole('option', { name: 'Östra Zetterlunds förbund' })).toBeVisible();
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue('Östra Zetterlunds förbund');
  await expect(page.getByRole('status').getByText('Ingen deltagare matchar sökningen.')).toBeVisible();
});
