import { test, expect, openApp } from './support/app';

test('a new user adds an organisation with å/ä/ö and sees a field error on an empty name', async ({ page, app }) => {
  await openApp(page, app);
  await page.getByRole('link', { name: 'Organisationer' }).click();
  await expect(page.getByText('Inga organisationer ännu')).toBeVisible();

  await page.getByRole('button', { name: 'Ny organisation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ny organisation' });
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog.getByText('Obligatoriskt fält').first()).toBeVisible();

  await dialog.getByRole('textbox', { name: 'Namn' }).fill('Räddningstjänsten Östra Götaland');
  await dialog.getByRole('combobox', { name: 'Typ' }).click();
  await page.getByRole('option', { name: 'Räddningstjänst' }).click();
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Räddningstjänsten Östra Götaland', exact: true })).toBeVisible();

  await app.restart();
  await page.goto(app.url);
  await page.getByRole('link', { name: 'Organisationer' }).click();
  await expect(page.getByRole('cell', { name: 'Räddningstjänsten Östra Götaland', exact: true })).toBeVisible();
});
