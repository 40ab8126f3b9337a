import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { expectAccessible } from './support/axe';

// Several helpers share two cores here: give each step room without hiding real failures.
const expect = baseExpect.configure({ timeout: 30_000 });

test('renewing asks for the period and confirms; the text’s dates follow the new period and old dates left in the text are listed', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await openApp(page, app);
  await loadExample(page);

  await page.getByRole('link', { name: 'Överenskommelser', exact: true }).click();
  await page.getByRole('button', { name: 'Förnya Samverkansöverenskommelse 2017–2018 för nästa period' }).click();
  const dialog = page.getByRole('dialog', { name: 'Förnya Samverkansöverenskommelse 2017–2018' });
  // proposed: the same length right after the old period
  await expect(dialog.getByRole('textbox', { name: 'Gäller från' })).toHaveValue('2019-01-01');
  await expect(dialog.getByRole('textbox', { name: 'Gäller till' })).toHaveValue('2020-12-31');
  await expectAccessible(page, '[role="dialog"]');

  // A period that begins inside the old one is refused at its field; nothing is created.
  await dialog.getByRole('textbox', { name: 'Gäller från' }).fill('2018-07-01');
  await dialog.getByRole('button', { name: 'Förnya' }).click();
  await expect(dialog.getByText('Den nya perioden måste börja efter att den version som förnyas slutar')).toBeVisible();
  // and one that runs backwards
  await dialog.getByRole('textbox', { name: 'Gäller från' }).fill('2021-01-01');
  await dialog.getByRole('button', { name: 'Förnya' }).click();
  await expect(dialog.getByText('Slutdatum måste ligga efter startdatum')).toBeVisible();

  await dialog.getByRole('textbox', { name: 'Gäller från' }).fill('2019-01-01');
  await dialog.getByRole('textbox', { name: 'Gäller till' }).fill('2021-12-31');
  await dialog.getByRole('button', { name: 'Förnya' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('version-period')).toContainText('2019-01-01 – 2021-12-31');
  await expect(page.getByRole('heading', { name: 'Samverkansöverenskommelse 2019–2021', level: 2 })).toBeVisible();

  // The Giltighet section names the new period: its dates are fields of the version.
  const text = page.getByRole('textbox', { name: 'Text: Giltighet' });
  await expect(text).toContainText('gäller från och med den 1 januari 2019 till och med den 31 december 2021');
  await expect(text.locator('[data-period-field="validFrom"]')).toHaveText('1 januari 2019');
  await expect(page.getByTestId('stale-dates')).toHaveCount(0);

  // Text typed with an old date is listed until it is fixed.
  await text.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Uppföljningen från 2018 ligger till grund.');
  await expect(page.getByTestId('autosave-status').filter({ hasText: 'Sparat' })).toHaveCount(1, { timeout: 15_000 });
  const stale = page.getByTestId('stale-dates');
  await expect(stale).toContainText('Texten nämner fortfarande den förra periodens datum (2017-01-01 – 2018-12-31)');
  await expect(stale).toContainText('Avsnittet Giltighet: ”2018”');

  // The Word file says 2019–2021 on its title page and in its text.
  await page.getByRole('tab', { name: 'Word-export' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Word-export' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Exportera Word' }).click(),
  ]);
  const zip = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
  const xml = strFromU8(zip['word/document.xml']);
  const words = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  expect(words).toContain('2019-01-01 – 2021-12-31');
  expect(words).toContain('från och med den 1 januari 2019 till och med den 31 december 2021');
  expect(words).not.toContain('1 januari 2017');
});
