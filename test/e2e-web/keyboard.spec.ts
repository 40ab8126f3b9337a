import type { Page } from '@playwright/test';
import { test, expect as baseExpect } from './support/app';

// the machine running these is shared and often busy: wait longer than the default for the UI
const expect = baseExpect.configure({ timeout: 25_000 });

/**
 * Everything by keyboard alone: no mouse clicks anywhere in these tests. Pages come from the
 * navigation itself, so pages added later are covered too.
 */

/** What has focus now: tag, text, href and whether its focus is visibly drawn. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').trim(),
      href: el.getAttribute('href'),
      label: el.getAttribute('aria-label'),
      inNav: Boolean(el.closest('nav')),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
  });

/** Presses Tab until the focused element matches, or fails after `max` presses. */
async function tabTo(
  page: Page,
  matches: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean,
  what: string,
  max = 60,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && matches(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function answerFirstStartByKeyboard(page: Page, url: string) {
  await page.goto(url);
  const dialog = page.getByRole('dialog', { name: 'Vem arbetar i Samråd?' });
  await expect(dialog).toBeVisible();
  const name = dialog.getByRole('textbox', { name: 'Ditt namn' });
  await expect(name).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Tangent Bordsson');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('current-actor')).toHaveText('Inloggad som Tangent Bordsson');
}

test('a skip link comes first; every nav link is reached with Tab and opens its page with Enter, with visible focus', async ({
  page,
  app,
}) => {
  await answerFirstStartByKeyboard(page, app.url);

  // the skip link is the first stop, visible while focused, and moves focus to the main content
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hoppa till huvudinnehållet' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  const links = await page
    .getByRole('navigation')
    .getByRole('link')
    .evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
  expect(links.length).toBeGreaterThanOrEqual(4);
  for (const href of links) {
    await page.locator('body').focus();
    const reached = await tabTo(page, (f) => f.inNav && f.href === href, `the nav link ${href}`);
    expect(reached.outline, `focus on ${href} is visible`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[/#]/g, '\\$&')}$`));
    await expect(page.getByRole('navigation').locator(`a[href="${href}"]`)).toHaveAttribute('aria-current', 'page');
  }
});

test('an organisation is created with the keyboard only; Escape closes a dialog and focus returns', async ({
  page,
  app,
}) => {
  await answerFirstStartByKeyboard(page, app.url);

  await page.locator('body').focus();
  await tabTo(page, (f) => f.inNav && f.href === '#/organisations', 'Organisationer in the menu');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Organisationer' })).toBeVisible();

  // Escape closes the dialog without saving, and focus goes back to the button that opened it
  const newButton = page.getByRole('button', { name: 'Ny organisation' });
  const opener = await tabTo(page, (f) => f.tag === 'button' && f.text === 'Ny organisation', 'Ny organisation');
  expect(opener.outline, 'focus on a button is visible').toBe(true);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Ny organisation' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(newButton).toBeFocused();

  // open again with Space, fill in by typing, choose the kind with arrow keys, submit with Enter
  await page.keyboard.press(' ');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Namn' })).toBeFocused();
  await page.keyboard.type('Östertälje grannsamverkan');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('combobox', { name: 'Typ' })).toBeFocused();
  await page.keyboard.press('ArrowDown'); // opens the list
  await expect(page.getByRole('listbox')).toBeVisible();
  // options in order: Kommun, Polis, Räddningstjänst, Annan — arrow down to the last one
  const annan = page.getByRole('option', { name: 'Annan' });
  for (let i = 0; i < 6 && (await annan.getAttribute('data-combobox-selected')) !== 'true'; i++)
    await page.keyboard.press('ArrowDown');
  await expect(annan).toHaveAttribute('data-combobox-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('combobox', { name: 'Typ' })).toHaveValue('Annan');
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('textbox', { name: 'Namn' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: /Östertälje grannsamverkan/ });
  await expect(row).toContainText('Annan');

  // the row's own buttons are reachable and name their record
  const edit = await tabTo(page, (f) => f.label === 'Redigera Östertälje grannsamverkan', "the row's edit button");
  expect(edit.tag).toBe('button');
});
