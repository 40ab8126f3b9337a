import type { Page } from '@playwright/test';
import { test, expect as baseExpect, loadExample, openApp } from './support/app';
import { expectAccessible } from './support/axe';

// a shared, busy machine: wait longer than the default for the UI
const expect = baseExpect.configure({ timeout: 25_000 });

/** Presses ArrowDown in the header search until the active option's text matches. */
async function arrowTo(page: Page, text: RegExp, max = 30): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Sök i Samråd' });
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('ArrowDown');
    const id = await box.getAttribute('aria-activedescendant');
    if (id && text.test((await page.locator(`[id="${id}"]`).textContent()) ?? '')) return;
  }
  throw new Error(`no option matching ${text}`);
}

test('search from the header by keyboard alone: grouped, highlighted results; a § opens on its protocol tab', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await loadExample(page);

  await page.keyboard.press('Control+k');
  const box = page.getByRole('combobox', { name: 'Sök i Samråd' });
  await expect(box).toBeFocused();
  await page.keyboard.type('inbrott');
  const list = page.getByRole('listbox', { name: 'Sökträffar' });
  await expect(list).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const paragraphs = list.getByRole('group', { name: /^§§/ });
  await expect(paragraphs.getByRole('option').first()).toBeVisible();
  // a part of a compound is found and marked: "inbrott" inside "Bostadsinbrott"
  await expect(paragraphs.locator('mark').first()).toHaveText(/^inbrott$/i);
  await expect(list.getByRole('group', { name: /^Prioriterade områden/ })).toContainText('Bostadsinbrott');
  await expectAccessible(page, '[data-testid="header-search-panel"]');

  await arrowTo(page, /^§ \d+ Bostadsinbrott/);
  const chosen = (await page.locator(`[id="${await box.getAttribute('aria-activedescendant')}"]`).textContent())!;
  const number = /^§ (\d+)/.exec(chosen)![1];
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/meetings\/\d+\/protocol$/);
  await expect(page.getByRole('tab', { name: 'Protokoll' })).toHaveAttribute('aria-selected', 'true');
  // the keyboard lands on the § itself
  const focused = page.locator(':focus');
  await expect(focused).toHaveAttribute('id', /^paragraph-\d+-title$/);
  await expect(focused).toContainText(`§ ${number}`);
  await expect(focused).toContainText('Bostadsinbrott');

  // Escape closes the list; "/" brings the focus back to the box from anywhere but a text field
  await page.keyboard.press('/');
  await expect(box).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('fordonsbränder');
  await expect(list).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
});

test('the full results page: filters, more than the top hits, no-match and empty states', async ({ page, app }) => {
  await openApp(page, app);
  await loadExample(page);

  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  const box = page.getByRole('combobox', { name: 'Sök i Samråd' });
  await expect(box).toBeFocused();
  await page.keyboard.type('trygg');
  await expect(page.getByRole('listbox', { name: 'Sökträffar' })).toBeVisible();
  await page.keyboard.press('Enter'); // no option chosen: the results page
  await expect(page).toHaveURL(/#\/search\/trygg$/);

  const results = page.getByTestId('search-results');
  await expect(page.getByTestId('search-count')).toHaveText(/^\d+ träff(ar)?$/);
  await expect(results.getByRole('heading', { name: /^§§ \(\d+\)$/ })).toBeVisible();
  await expect(results.getByRole('heading', { name: /^Uppdrag \(\d+\)$/ })).toBeVisible();
  await expect(results.locator('mark').first()).toHaveText(/^trygg$/i);
  await expectAccessible(page, 'main');

  // only actions
  await page
    .getByRole('group', { name: 'Typ' })
    .getByText(/^Uppdrag/)
    .click();
  await expect(results.getByRole('heading', { name: /^§§/ })).toHaveCount(0);
  await expect(results.getByRole('heading', { name: /^Uppdrag/ })).toBeVisible();
  // and a period without any
  await page.getByRole('textbox', { name: 'Från' }).fill('2030-01-01');
  await expect(page.getByText('Inga träffar för ”trygg”.')).toBeVisible();
  await page.getByRole('button', { name: 'Rensa filter' }).click();
  await expect(results.getByRole('heading', { name: /^§§/ })).toBeVisible();

  // a reversed period is refused at the field
  await page.getByRole('textbox', { name: 'Från' }).fill('2017-06-01');
  await page.getByRole('textbox', { name: 'Till' }).fill('2017-01-01');
  await expect(page.getByText('Slutdatumet ligger före startdatumet.')).toBeVisible();
  await page.getByRole('button', { name: 'Rensa filter' }).click();

  const input = page.getByTestId('search-page-input');
  await input.fill('NOT "( xyzzy');
  await expect(page.getByText('Inga träffar för ”NOT "( xyzzy”.')).toBeVisible();
  await input.fill('');
  await expect(page.getByText('Sök i allt')).toBeVisible();

  // a section opens in its agreement version, the focus on its heading
  await input.fill('gemensamma prioriteringar');
  const section = page.getByTestId('search-result').filter({ hasText: 'Gemensamma prioriteringar' }).first();
  await section.getByRole('link').click();
  await expect(page).toHaveURL(/#\/agreements\/version\/\d+$/);
  await expect(page.locator(':focus')).toHaveAttribute('id', /^section-\d+$/);
  await expect(page.locator(':focus')).toHaveText('Gemensamma prioriteringar');
  await page.goBack();
  await expect(page).toHaveURL(/#\/search\//);

  // a result opens its record
  await input.fill('KS 2017/112');
  await expect(page.getByTestId('search-result').first()).toBeVisible();
  await page.getByTestId('search-result').first().getByRole('link').click();
  await expect(page).toHaveURL(/#\/(meetings|agreements)\//);
});
