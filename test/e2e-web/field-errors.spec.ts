import { test, expect, loadExample, openApp } from './support/app';

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
