import type { Page } from '@playwright/test';
import { test, expect as baseExpect, loadExample, openApp } from './support/app';
import { expectAccessible } from './support/axe';

// the machine running these is shared and often busy: wait longer than the default for the UI
const expect = baseExpect.configure({ timeout: 25_000 });

/**
 * The secretary edits Chefssamrådet's standing agenda items (the template every new meeting of
 * the body starts from) through the body page, saves them, and a new meeting gets them in order.
 */

const ADDED = 'Rapport från arbetsgrupperna';
const STANDARD = [
  'Mötets öppnande',
  'Val av justerare',
  'Godkännande av dagordningen',
  'Föregående protokoll',
  'Lägesbild',
  '|',
  'Övriga frågor',
  'Mötets avslutande',
];
const EDITED = [
  'Mötets öppnande',
  'Val av justerare',
  'Godkännande av dagordningen',
  ADDED,
  'Lägesbild',
  '|',
  'Övriga frågor',
  'Mötets avslutande',
];

const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
const section = (page: Page) => page.getByRole('region', { name: 'Stående punkter i dagordningen' });

/** The template's titles in the order shown, with '|' where each meeting's own items go. */
function templateRows(page: Page): Promise<string[]> {
  return section(page)
    .getByRole('list', { name: 'Stående punkter för Chefssamrådet' })
    .getByTestId('sortable-row')
    .evaluateAll((rows) =>
      rows.map((row) =>
        row.querySelector('[data-testid="template-meeting-items"]')
          ? '|'
          : (row.querySelector('input') as HTMLInputElement).value,
      ),
    );
}

/** The titles of a meeting's agenda, in the order shown. */
async function agendaTitles(page: Page): Promise<string[]> {
  const texts = await page
    .getByTestId('agenda-item')
    .locator('p')
    .filter({ hasText: /^\d+\. / })
    .allTextContents();
  return texts.map((t) => t.replace(/^\d+\. /, ''));
}

test('standing agenda items: add, reorder by keyboard, remove, save; a new meeting starts from them', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000);
  await openApp(page, app);
  await loadExample(page);
  await navLink(page, 'Samverkansforum').click();
  await page.getByRole('link', { name: 'Chefssamrådet', exact: true }).click();

  // ---- The standard template applies, and the page says what the items are for.
  const s = section(page);
  await expect(s.getByText('Standardmall', { exact: true })).toBeVisible();
  await expect(s.getByText(/läggs in på dagordningen när ett nytt sammanträde för forumet skapas/)).toBeVisible();
  await expect.poll(() => templateRows(page)).toEqual(STANDARD);
  const save = s.getByRole('button', { name: 'Spara stående punkter' });
  await expect(save).toBeDisabled();

  // ---- Adds an item (it lands last among the opening items, its title focused).
  await s.getByRole('button', { name: 'Lägg till punkt' }).click();
  const title = s.getByRole('textbox', { name: 'Rubrik, punkt 6' });
  await expect(title).toBeFocused();
  await expect(s.getByText('Ej sparat')).toBeVisible();
  // An empty title is refused by the backend and shown at that field, translated.
  await save.click();
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(s.getByText('Obligatoriskt fält')).toBeVisible();
  // every input of every row is named, the error tied to its field, the badges readable (WCAG 2.1 AA, as the other pages)
  await expectAccessible(page, 'section[aria-labelledby="agenda-template-heading"]');
  await title.fill(ADDED);
  await s.getByRole('combobox', { name: 'Typ av punkt, punkt 6' }).click();
  await page.getByRole('option', { name: 'Information', exact: true }).click();
  await s.getByRole('textbox', { name: 'Planerad tid i minuter, punkt 6' }).fill('10');

  // ---- Moves it above Lägesbild with the keyboard: lift with Space, arrow up, drop with Space.
  // Each step waits for what a screen reader hears, so no key is pressed before the list is ready for it.
  await s.getByRole('button', { name: `Dra för att flytta: ${ADDED}` }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByText(`${ADDED} flyttas till plats 6 av 9.`)).toBeAttached();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByText(`${ADDED} flyttas till plats 5 av 9.`)).toBeAttached();
  await page.keyboard.press('Space');
  await expect(page.getByText(`${ADDED} ligger nu på plats 5 av 9.`)).toBeAttached();
  await expect.poll(() => templateRows(page)).toEqual([...STANDARD.slice(0, 4), ADDED, ...STANDARD.slice(4)]);

  // ---- Removes Föregående protokoll.
  await s.getByRole('button', { name: 'Ta bort Föregående protokoll' }).click();
  await expect.poll(() => templateRows(page)).toEqual(EDITED);

  // ---- Leaving with unsaved changes asks first; staying keeps them.
  await navLink(page, 'Sammanträden').click();
  const leave = page.getByRole('dialog', { name: 'Lämna utan att spara?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Avbryt' }).click();
  await expect(leave).toBeHidden();
  await expect.poll(() => templateRows(page)).toEqual(EDITED);

  // ---- Saves: the body now has its own template, and it is stored.
  await save.click();
  await expect(page.getByText('De stående punkterna är sparade. De gäller för nya sammanträden.')).toBeVisible();
  await expect(s.getByText('Standardmall', { exact: true })).toBeHidden();
  await expect(s.getByText('Ej sparat')).toBeHidden();
  await page.reload();
  await expect.poll(() => templateRows(page)).toEqual(EDITED);
  await expect(section(page).getByRole('combobox', { name: 'Typ av punkt, punkt 4' })).toHaveValue('Information');
  await expect(section(page).getByRole('textbox', { name: 'Planerad tid i minuter, punkt 4' })).toHaveValue('10 min');

  // ---- A new meeting of the body gets the items in that order.
  await navLink(page, 'Sammanträden').click();
  await expect(page.getByRole('combobox', { name: 'Samverkansforum', exact: true })).toHaveValue('Chefssamrådet');
  await page.getByRole('button', { name: 'Nytt sammanträde' }).click();
  const form = page.getByRole('dialog', { name: /Nytt sammanträde/ });
  await form.getByRole('textbox', { name: 'Datum' }).fill('2018-04-17');
  await form.getByLabel('Starttid').fill('09:00');
  await form.getByLabel('Sluttid').fill('11:00');
  await expect(form.getByRole('checkbox', { name: 'Lägg in forumets stående punkter på dagordningen' })).toBeChecked();
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Chefssamrådet 2018-04-17' })).toBeVisible();
  await expect.poll(() => agendaTitles(page)).toEqual(EDITED.filter((t) => t !== '|'));

  // ---- Back to the standard template, after confirming.
  await navLink(page, 'Samverkansforum').click();
  await page.getByRole('link', { name: 'Chefssamrådet', exact: true }).click();
  await section(page).getByRole('button', { name: 'Återställ standardmallen' }).click();
  const confirm = page.getByRole('dialog', { name: 'Återställa standardmallen?' });
  await confirm.getByRole('button', { name: 'Återställ standardmallen' }).click();
  await expect(confirm).toBeHidden();
  await expect(section(page).getByText('Standardmall', { exact: true })).toBeVisible();
  await expect.poll(() => templateRows(page)).toEqual(STANDARD);
});
