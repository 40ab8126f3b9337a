import { expect, loadExample, openApp, test } from './support/app';

/**
 * The history drawer reads as sentences naming who did what to whom, in Swedish, with the
 * raw values behind a "Detaljer" toggle that works from the keyboard.
 */
test('history in sentences: a meeting moved, a substitute, a protocol sent for justering; the raw values behind Detaljer', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000);
  await openApp(page, app, 'Camilla Broo');
  await loadExample(page);

  // plan a meeting, then move it and change its place
  await page.getByRole('link', { name: 'Sammanträden', exact: true }).click();
  await page.getByRole('button', { name: 'Nytt sammanträde' }).click();
  const form = page.getByRole('dialog', { name: /Nytt sammanträde/ });
  await form.getByRole('textbox', { name: 'Datum' }).fill('2030-03-12');
  await form.getByLabel('Starttid').fill('09:00');
  await form.getByLabel('Sluttid').fill('11:00');
  await form.getByRole('textbox', { name: 'Plats' }).fill('Stadshuset, Södertälje');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Chefssamrådet 2030-03-12' })).toBeVisible();
  await page.getByRole('button', { name: 'Ändra eller flytta' }).click();
  const edit = page.getByRole('dialog').filter({ has: page.getByRole('textbox', { name: 'Datum' }) });
  await edit.getByRole('textbox', { name: 'Datum' }).fill('2030-03-19');
  await edit.getByRole('textbox', { name: 'Plats' }).fill('Polishuset');
  await edit.getByRole('button', { name: 'Spara' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Chefssamrådet 2030-03-19' })).toBeVisible();

  await page.getByRole('button', { name: 'Historik för Chefssamrådet 2030-03-19' }).click();
  const history = page.getByRole('dialog', { name: 'Historik: Chefssamrådet 2030-03-19' });
  const moved = history
    .getByRole('row')
    .filter({ hasText: 'Camilla Broo flyttade sammanträdet från 2030-03-12 kl. 09.00 till 2030-03-19 kl. 09.00' });
  await expect(moved).toBeVisible();
  await expect(moved).toContainText('Datum ändrades från 2030-03-12 till 2030-03-19');
  await expect(moved).toContainText('Plats ändrades från Stadshuset, Södertälje till Polishuset');
  await expect(
    history.getByText(/Camilla Broo planerade sammanträdet Chefssamrådet 2030-03-12 kl\. 09\.00/),
  ).toBeVisible();
  // no internals: raw field names, JSON, computed fields or untranslated actions
  for (const raw of ['daysLeftToAttest', 'attestationDeadline', '"id"', 'move', '→'])
    await expect(history).not.toContainText(raw);

  // the raw values stay available behind Detaljer, opened from the keyboard
  const details = moved.getByRole('button', { name: 'Detaljer' });
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await details.focus();
  await page.keyboard.press('Enter');
  await expect(moved.getByRole('button', { name: 'Dölj detaljer' })).toHaveAttribute('aria-expanded', 'true');
  const raw = moved.getByRole('table');
  await expect(raw.getByRole('row').filter({ hasText: 'place' })).toContainText('"Stadshuset, Södertälje"');
  await expect(raw.getByRole('row').filter({ hasText: 'place' })).toContainText('"Polishuset"');
  await expect(raw.getByRole('row').filter({ hasText: /^date/ })).toContainText('"2030-03-19"');
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();

  // an example meeting: a substitute and a protocol sent for justering, said with whose
  await page.getByRole('link', { name: 'Sammanträden', exact: true }).click();
  await page.getByText('Tidigare', { exact: true }).click();
  await page.getByRole('link', { name: 'Öppna sammanträdet Chefssamrådet 2017-09-12' }).click();
  await page.getByRole('button', { name: 'Historik för Chefssamrådet 2017-09-12' }).click();
  const example = page.getByRole('dialog', { name: 'Historik: Chefssamrådet 2017-09-12' });
  await expect(example.getByText('Camilla Broo skickade protokollet för justering')).toBeVisible();
  await expect(example.getByText(/noterade att Anders Wikström ersätter Peter Nylind/)).toBeVisible();
  await expect(example.getByText(/Camilla Broo ändrade närvaron för /).first()).toBeVisible();
  await expect(example).not.toContainText('ready_for_attestation');
});
