import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { expectAccessible } from './support/axe';

// Several helpers share two cores here: give each step room without hiding real failures.
const expect = baseExpect.configure({ timeout: 30_000 });

test('a meeting after every mandate is warned about at once and the roster extended in one step; a justerare who is a member decides', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await openApp(page, app);
  await loadExample(page);

  // The example's members sit 2017–2018: a meeting in 2019 is warned about while it is planned.
  await page.getByRole('link', { name: 'Sammanträden' }).click();
  await page.getByRole('button', { name: 'Nytt sammanträde' }).click();
  const form = page.getByRole('dialog', { name: /Nytt sammanträde/ });
  await form.getByRole('textbox', { name: 'Datum' }).fill('2019-03-12');
  const warning = form.getByTestId('mandate-warning');
  await expect(warning).toContainText('Ingen i Chefssamrådet har mandat den 2019-03-12');
  await expect(warning).toContainText('De senaste 5 mandaten slutade 2018-12-31.');
  await expectAccessible(page, '[role="dialog"]');
  // The justerare is chosen before the roster exists: the fire chief
  await form.getByLabel('Justerare', { exact: true }).first().click();
  await page.getByRole('option', { name: /Lars-Göran Uddholm/ }).click();
  await page.keyboard.press('Escape');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Chefssamrådet 2019-03-12' })).toBeVisible();

  // Fetching the members says why it cannot; the warning offers the extension here too.
  await page.getByRole('tab', { name: 'Närvaro' }).click();
  const rows = page.getByTestId('attendee-row');
  await expect(rows.filter({ hasText: 'Lars-Göran Uddholm' })).toContainText('Övrig deltagare');
  await page.getByRole('button', { name: 'Hämta forumets ledamöter' }).click();
  await expect(
    page.getByText('Ingen lades till: ingen ledamot har mandat den 2019-03-12. Mandaten slutade 2018-12-31.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Förläng ledamotskapen till 2019-01-01 – 2020-12-31' }).click();
  await expect(page.getByText('5 ledamotskap i Chefssamrådet gäller nu 2019-01-01 – 2020-12-31.')).toBeVisible();
  await expect(page.getByTestId('mandate-warning')).toHaveCount(0);

  // Now the roster comes, and the justerare takes their seat as a decision-maker.
  await page.getByRole('button', { name: 'Hämta forumets ledamöter' }).click();
  await expect(
    page.getByText(/^\d+ ledamöter lades till i närvarolistan\. 1 deltagare fick sin roll som ledamot\.$/),
  ).toBeVisible();
  const uddholm = rows.filter({ hasText: 'Lars-Göran Uddholm' });
  await expect(uddholm).toContainText('Ledamot');
  await expect(uddholm).toContainText('Beslutande');
  await expect(page.getByText(/närvarande · 3 beslutande$/)).toBeVisible();
  // a second fetch says there was nothing to add
  await page.getByRole('button', { name: 'Hämta forumets ledamöter' }).click();
  await expect(
    page.getByText(/^Ingen lades till: alla \d+ ledamöter den dagen finns redan i närvarolistan\.$/),
  ).toBeVisible();
});
