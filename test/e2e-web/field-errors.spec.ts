import type { Route } from '@playwright/test';
import { test, expect, loadExample, openApp } from './support/app';
import { planMeeting } from './support/protocol';

test('a required-field error goes away as soon as that field is filled, and only that one', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('link', { name: 'Organisationer' }).click();
  await page.getByRole('button', { name: 'Ny organisation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ny organisation' });
  const name = dialog.getByRole('textbox', { name: 'Namn' });
  const kind = dialog.getByRole('combobox', { name: 'Typ' });

  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog.getByText('Obligatoriskt fält')).toHaveCount(2);
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(kind).toHaveAttribute('aria-invalid', 'true');

  await name.fill('Länsstyrelsen');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Obligatoriskt fält')).toHaveCount(1);
  await expect(kind).toHaveAttribute('aria-invalid', 'true');

  // put back to the refused value, the field is wrong again
  await name.fill('');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Obligatoriskt fält')).toHaveCount(2);

  await name.fill('Länsstyrelsen');
  await kind.click();
  await page.getByRole('option', { name: 'Räddningstjänst' }).click();
  await expect(dialog.getByText('Obligatoriskt fält')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Länsstyrelsen', exact: true })).toBeVisible();
});

test('a certificate form: the refused field that was changed loses its error, the other keeps it', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page.getByRole('link', { name: 'Certifikat' }).click();
  await page.getByRole('button', { name: 'Skapa lokalt certifikat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Skapa lokalt certifikat' });
  const organisation = dialog.getByRole('textbox', { name: 'Organisation' });
  const passphrase = dialog.getByLabel('Lösenfras för nyckellagret');
  const tooShort = dialog.getByText('Lösenfrasen måste ha minst 8 tecken');

  // no organisation and a passphrase too short: both refused at once
  await passphrase.fill('kort');
  await dialog.getByRole('button', { name: 'Skapa' }).click();
  await expect(organisation).toHaveAttribute('aria-invalid', 'true');
  await expect(tooShort).toBeVisible();

  await organisation.fill('Södertälje kommun');
  await expect(organisation).not.toHaveAttribute('aria-invalid', 'true');
  await expect(tooShort).toBeVisible();

  await passphrase.fill('nyckelfras-2017');
  await expect(tooShort).toBeHidden();
  await dialog.getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('certificate-row')).toHaveCount(2);
});

test('a refused list of dates: its error goes away as soon as a date is changed', async ({ page, app }) => {
  test.setTimeout(300_000); // loading the example alone has taken a minute on the shared machine
  await openApp(page, app, 'Camilla Broo');
  await loadExample(page);
  await page.getByRole('link', { name: 'Sammanträden' }).click();
  await page.getByRole('button', { name: 'Planera årets sammanträden' }).click();
  const series = page.getByRole('dialog', { name: /Planera sammanträden/ });
  const first = series.getByRole('textbox', { name: 'Datum 1' });
  const second = series.getByRole('textbox', { name: 'Datum 2' });
  const submit = series.getByRole('button', { name: 'Skapa sammanträdena' });

  await submit.click();
  await expect(series.getByText('Obligatoriskt fält')).toBeVisible();
  await first.fill('2018-02-13');
  await expect(series.getByText('Obligatoriskt fält')).toBeHidden();
  // emptied again, the refused value is back and so is its error
  await first.fill('');
  await expect(series.getByText('Obligatoriskt fält')).toBeVisible();

  await first.fill('2018-02-13');
  await second.fill('2018-02-13');
  await submit.click();
  await expect(series.getByText('Samma datum finns två gånger')).toBeVisible();
  await second.fill('2018-05-15');
  await expect(series.getByText('Samma datum finns två gånger')).toBeHidden();
  await expect(series).toBeVisible();
});

test("an autosaved field's error goes away as soon as its refused text is changed", async ({ page, app }) => {
  test.setTimeout(300_000); // loading the example alone has taken a minute on the shared machine
  await openApp(page, app);
  await loadExample(page);
  await planMeeting(page);
  await page.getByRole('tab', { name: 'Protokoll' }).click();
  await page.getByRole('button', { name: 'Skapa protokoll från dagordningen' }).click();
  const card = page.getByTestId('paragraph-card').first();
  const title = card.getByRole('textbox', { name: 'Rubrik' });

  // leaving the emptied field saves it at once: refused
  await title.fill('');
  await card.getByRole('textbox', { name: 'Diarienummer' }).click();
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(card.getByText('Obligatoriskt fält')).toBeVisible();
  // the next saves are held back, so what hides the error is the typing, not a save that succeeded
  const held: Route[] = [];
  await page.route('**/api/call', (route) =>
    route.request().postData()?.includes('protocol.updateParagraph') ? void held.push(route) : route.continue(),
  );
  await title.pressSequentially('Sammanträdet öppnas');
  await expect(title).not.toHaveAttribute('aria-invalid', 'true');
  await expect(card.getByText('Obligatoriskt fält')).toBeHidden();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  for (const route of held) await route.continue();
  await page.unroute('**/api/call');
  await expect(card.getByText('Sparat').first()).toBeVisible();
  await expect(card.getByText('Obligatoriskt fält')).toBeHidden();
});
