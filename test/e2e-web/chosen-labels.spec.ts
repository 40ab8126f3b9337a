import { startBackend } from '../../electron/backend/backend';
import type { Organisation } from '../../shared/contract/participants';
import { expect, openApp, test } from './support/app';
import { dispatched } from './support/dispatched';

/**
 * Pickers offer the first 100 of a register by name; a chosen value further down is still
 * shown by its name (fetched by id), so editing a record never shows a blank or an id, and
 * saving it unchanged keeps the value.
 */
test('a chosen person and organisation beyond the first 100 keep their names in the pickers', async ({ page, app }) => {
  test.setTimeout(240_000);
  await app.restart(async () => {
    const backend = await startBackend(app.dbPath);
    try {
      for (let i = 1; i <= 110; i++)
        dispatched(
          await backend.dispatch('organisations.create', {
            name: `Alfa organisation ${String(i).padStart(3, '0')}`,
            kind: 'kommun',
          }),
        );
      // Ö sorts after z in Swedish: last in both registers
      const far = dispatched<Organisation>(
        await backend.dispatch('organisations.create', { name: 'Östra Zetterlunds förbund', kind: 'annan' }),
      );
      for (let i = 1; i <= 110; i++)
        dispatched(
          await backend.dispatch('people.create', {
            name: `Anna Person ${String(i).padStart(3, '0')}`,
            organisationId: null,
          }),
        );
      dispatched(await backend.dispatch('people.create', { name: 'Östen Zetterlund', organisationId: far.id }));
    } finally {
      backend.close();
    }
  });
  await openApp(page, app);

  // the person working: chosen by typing, then the dialog opened again shows them
  await page.getByRole('button', { name: 'Byt användare' }).click();
  const chooser = page.getByRole('dialog', { name: 'Byt användare' });
  const person = chooser.getByRole('combobox', { name: 'Välj bland deltagarna' });
  await person.click();
  await person.pressSequentially('Zetter');
  await page.getByRole('listbox').getByRole('option', { name: 'Östen Zetterlund' }).click();
  await chooser.getByRole('button', { name: 'Spara' }).click();
  await expect(chooser).toBeHidden();
  await expect(page.getByTestId('current-actor')).toHaveText('Inloggad som Östen Zetterlund');
  await page.getByRole('button', { name: 'Byt användare' }).click();
  await expect(chooser.getByRole('combobox', { name: 'Välj bland deltagarna' })).toHaveValue('Östen Zetterlund');
  await chooser.getByRole('button', { name: 'Spara' }).click();
  await expect(chooser).toBeHidden();
  await expect(page.getByTestId('current-actor')).toHaveText('Inloggad som Östen Zetterlund');

  // a person's organisation, far down the register of organisations
  await page.evaluate(() => (location.hash = '#/people'));
  await page.getByRole('searchbox', { name: 'Sök' }).fill('Zetterlund');
  await page.getByRole('button', { name: 'Redigera Östen Zetterlund' }).click();
  const dialog = page.getByRole('dialog', { name: 'Redigera deltagare' });
  const organisation = dialog.getByRole('combobox', { name: 'Organisation' });
  await expect(organisation).toHaveValue('Östra Zetterlunds förbund');
  await organisation.click();
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(101);
  await page.keyboard.press('Escape');
  await dialog.getByRole('textbox', { name: 'Titel' }).fill('Samordnare');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Östen Zetterlund/ })).toContainText('Östra Zetterlunds förbund');
});
