import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect as baseExpect, loadExample, openApp } from './support/app';

// the machine running these is shared and often busy: wait longer than the default for the UI
const expect = baseExpect.configure({ timeout: 25_000 });

/**
 * WCAG 2.1 AA as Swedish public-sector software is expected to meet it: axe-core on every
 * main page (taken from the navigation, so pages added later are covered without editing
 * this file), on a record's detail view and with dialogs open. Serious and critical
 * violations fail the test; all pages are checked before failing so the report lists them all.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Finding {
  where: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

async function audit(page: Page, where: string, include?: string): Promise<Finding[]> {
  // let transitions finish so colours and visibility are final
  await page.waitForTimeout(600);
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      where,
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
}

const report = (findings: Finding[]) =>
  findings.map((f) => `${f.where}: [${f.impact}] ${f.rule} — ${f.help}\n    ${f.targets.join('\n    ')}`).join('\n');

async function navTargets(page: Page): Promise<Array<{ href: string; label: string }>> {
  const links = page.getByRole('navigation').getByRole('link');
  await expect(links.first()).toBeVisible();
  return links.evaluateAll((els) =>
    els.map((el) => ({ href: el.getAttribute('href') ?? '', label: (el.textContent ?? '').trim() })),
  );
}

async function auditEveryPage(page: Page, phase: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const targets = await navTargets(page);
  expect(targets.length).toBeGreaterThanOrEqual(4);
  for (const { href, label } of targets) {
    await page.getByRole('navigation').locator(`a[href="${href}"]`).click();
    await expect(page.getByRole('navigation').locator(`a[href="${href}"]`)).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('main')).not.toBeEmpty();
    findings.push(...(await audit(page, `${phase} ${label} (${href})`)));
  }
  return findings;
}

test('the first-start dialog and every main page while still empty have no serious or critical axe violations', async ({
  page,
  app,
}) => {
  test.setTimeout(480_000); // every page, axe on each, on a shared 2-core machine
  const findings: Finding[] = [];

  // the first-start question is the first thing anyone sees
  await page.goto(app.url);
  await expect(page.getByRole('dialog', { name: 'Vem arbetar i Samråd?' })).toBeVisible();
  findings.push(...(await audit(page, 'first-start dialog')));
  await openApp(page, app);

  findings.push(...(await auditEveryPage(page, 'empty')));
  expect(findings, report(findings)).toEqual([]);
});

test('every main page with the example loaded, a detail view, and English, have no serious or critical axe violations', async ({
  page,
  app,
}) => {
  test.setTimeout(480_000);
  const findings: Finding[] = [];
  await openApp(page, app);
  await loadExample(page);
  findings.push(...(await auditEveryPage(page, 'example')));

  // a record's detail view
  await page.getByRole('navigation').locator('a[href="#/bodies"]').click();
  await page.getByRole('link', { name: 'Chefssamrådet', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Chefssamrådet' })).toBeVisible();
  findings.push(...(await audit(page, 'body detail (#/bodies/<id>)')));

  // English pages too: lang attribute and translated labels
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Chefssamrådet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add member' })).toBeVisible();
  findings.push(...(await audit(page, 'body detail in English')));

  expect(findings, report(findings)).toEqual([]);
});

test('dialogs have no serious or critical axe violations: a form with field errors, a confirmation, a history drawer', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  const findings: Finding[] = [];
  await openApp(page, app);
  await loadExample(page);

  // form dialog with errors shown at the fields
  await page.getByRole('navigation').getByRole('link', { name: 'Deltagare', exact: true }).click();
  await page.getByRole('button', { name: 'Ny deltagare' }).click();
  const form = page.getByRole('dialog', { name: 'Ny deltagare' });
  await form.getByRole('textbox', { name: 'E-post' }).fill('inte en adress');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByText('Ogiltig e-postadress')).toBeVisible();
  findings.push(...(await audit(page, 'new person dialog with errors')));
  // the close button is named, in the user's language
  await expect(form.getByRole('button', { name: 'Stäng dialogen' })).toBeVisible();
  await form.getByRole('button', { name: 'Stäng dialogen' }).click();
  await expect(form).toBeHidden();

  // member form
  await page.getByRole('navigation').getByRole('link', { name: 'Samverkansforum', exact: true }).click();
  await page.getByRole('link', { name: 'Chefssamrådet', exact: true }).click();
  await page.getByRole('button', { name: 'Lägg till ledamot' }).click();
  await expect(page.getByRole('dialog', { name: 'Lägg till ledamot' })).toBeVisible();
  findings.push(...(await audit(page, 'add member dialog')));
  await page.keyboard.press('Escape');

  // confirmation
  await page.getByRole('button', { name: 'Ta bort Camilla Broo (Ordförande)' }).click();
  await expect(page.getByRole('dialog', { name: 'Ta bort ledamoten?' })).toBeVisible();
  findings.push(...(await audit(page, 'remove member confirmation')));
  await page.getByRole('dialog', { name: 'Ta bort ledamoten?' }).getByRole('button', { name: 'Avbryt' }).click();

  // history drawer
  await page.getByRole('button', { name: 'Historik för Chefssamrådet' }).click();
  const drawer = page.getByRole('dialog', { name: 'Historik: Chefssamrådet' });
  await expect(drawer.getByText(/lade till .+ i forumet som /).first()).toBeVisible();
  await drawer.getByRole('button', { name: 'Detaljer' }).first().click();
  await expect(drawer.getByRole('button', { name: 'Dölj detaljer' })).toBeVisible();
  findings.push(...(await audit(page, 'history drawer, details open')));
  await expect(drawer.getByRole('button', { name: 'Stäng dialogen' })).toBeVisible();

  expect(findings, report(findings)).toEqual([]);
});
