import { expect, loadExample, openApp, test } from './support/app';
import { planMeeting } from './support/protocol';

/**
 * An agenda item's and an action item's own Edit and Remove buttons: named after the row, the
 * edit opens its form, and removing asks first — cancelled, the row stays; confirmed, it goes.
 */
test("agenda and action items are edited and removed from their row's buttons, removal only after confirming", async ({
  page,
  app,
}) => {
  test.setTimeout(300_000); // loading the example alone has taken a minute on the shared machine
  await openApp(page, app);
  await loadExample(page);
  await planMeeting(page);

  const items = page.getByTestId('agenda-item');
  await expect(items.first()).toBeVisible();
  const before = await items.count();
  await items
    .first()
    .getByRole('button', { name: /^Ändra punkten / })
    .click();
  const itemForm = page.getByRole('dialog', { name: 'Ändra punkt' });
  await expect(itemForm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(itemForm).toBeHidden();

  const removeItem = items.last().getByRole('button', { name: /^Ta bort punkten / });
  const askItem = page.getByRole('dialog', { name: 'Ta bort punkten?' });
  await removeItem.click();
  await askItem.getByRole('button', { name: 'Avbryt' }).click();
  await expect(askItem).toBeHidden();
  await expect(items).toHaveCount(before);
  await removeItem.click();
  await askItem.getByRole('button', { name: 'Ta bort' }).click();
  await expect(items).toHaveCount(before - 1);

  await page.getByRole('tab', { name: 'Protokoll' }).click();
  await page.getByRole('button', { name: 'Skapa protokoll från dagordningen' }).click();
  const card = page.getByTestId('paragraph-card').first();
  const description = 'Ta fram en gemensam lägesbild';
  await card.getByRole('textbox', { name: 'Uppdrag' }).fill(description);
  await card.getByRole('combobox', { name: 'Ansvarig', exact: true }).click();
  await page.getByRole('option', { name: 'Södertörns brandförsvarsförbund', exact: true }).click();
  await card.getByRole('button', { name: 'Lägg till uppdrag' }).click();
  const action = card.getByTestId('paragraph-action').filter({ hasText: description });
  await expect(action).toBeVisible();

  await card.getByRole('button', { name: `Ändra uppdraget ${description}` }).click();
  const actionForm = card.getByRole('form', { name: 'Ändra uppdrag' });
  await expect(actionForm).toBeVisible();
  await actionForm.getByRole('button', { name: 'Avbryt' }).click();
  await expect(actionForm).toBeHidden();

  const askAction = page.getByRole('dialog', { name: 'Ta bort uppdraget?' });
  await card.getByRole('button', { name: `Ta bort uppdraget ${description}` }).click();
  await askAction.getByRole('button', { name: 'Avbryt' }).click();
  await expect(action).toBeVisible();
  await card.getByRole('button', { name: `Ta bort uppdraget ${description}` }).click();
  await askAction.getByRole('button', { name: 'Ta bort' }).click();
  await expect(action).toHaveCount(0);
});
