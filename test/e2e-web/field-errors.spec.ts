import { test, expect, openApp } from './support/app';

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
