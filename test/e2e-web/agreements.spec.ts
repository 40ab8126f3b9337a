import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { test, expect, openApp } from './support/app';

/** The text a reader sees in a .docx body: every w:t run, paragraphs on their own lines. */
function documentText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

test('a new user renews the 2017–2018 agreement, edits it, compares, collects three signatures and exports Word', async ({ page, app }) => {
  test.setTimeout(180_000);
  await openApp(page, app);

  // Load the Södertälje example from the overview.
  await page.getByRole('button', { name: 'Läs in exempel' }).click();
  await expect(page.getByText('Exemplet är inläst.')).toBeVisible();

  // Open the agreement signed 2016-12-20, valid 2017–2018.
  await page.getByRole('link', { name: 'Överenskommelser' }).click();
  await expect(page.getByRole('heading', { name: 'Samverkansöverenskommelser', level: 2 })).toBeVisible();
  const row2017 = page.getByTestId('version-row').filter({ hasText: '2017-01-01 – 2018-12-31' });
  await expect(row2017).toHaveCount(1);
  await row2017.getByRole('link').click();
  await expect(page.getByTestId('version-period')).toContainText('2017-01-01 – 2018-12-31');
  await expect(page.getByTestId('frozen-banner')).toContainText('undertecknad');

  // Renew: a draft for 2019–2020 with the same text, parties and priorities.
  await page.getByRole('button', { name: 'Förnya' }).click();
  await expect(page.getByTestId('version-period')).toContainText('2019-01-01 – 2020-12-31');
  await expect(page.locator('[data-status="draft"]').first()).toBeVisible();
  const renewedUrl = page.url();

  // Edit the first section: type at the end of its text; it saves itself.
  const editor = page.getByTestId('section-editor').first();
  const textbox = editor.getByRole('textbox', { name: /^Text: / });
  await textbox.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  const added = 'Parterna följer upp trygghetsmätningen årligen under 2019–2020.';
  await page.keyboard.type(added);
  await expect(editor.getByTestId('autosave-status')).toHaveText('Sparat', { timeout: 15_000 });

  // What was typed survives leaving the page and coming back.
  await page.getByRole('link', { name: 'Överenskommelser' }).click();
  await page.goto(renewedUrl);
  await expect(page.getByTestId('section-editor').first().getByRole('textbox', { name: /^Text: / })).toContainText(added);

  // Compare with the previous version: the typed text is marked as inserted.
  await page.getByRole('button', { name: 'Jämför med föregående version' }).click();
  await expect(page.getByRole('heading', { name: 'Jämför versioner', level: 2 })).toBeVisible();
  const inserted = page.locator('ins[data-change="insert"]').filter({ hasText: 'trygghetsmätningen' });
  await expect(inserted.first()).toBeVisible();
  await expect(inserted.first()).toContainText('[infogat:');
  await expect(page.locator('ins[data-change="insert"]').filter({ hasText: '2019' }).first()).toBeVisible();

  // Back to the new version: send it for signing.
  await page.getByRole('link', { name: 'Öppna den nyare versionen' }).click();
  await page.getByRole('tab', { name: 'Underskrifter' }).click();
  await page.getByRole('button', { name: 'Skicka för underskrift' }).click();
  const sendDialog = page.getByRole('dialog', { name: 'Skicka för underskrift?' });
  await sendDialog.getByRole('button', { name: 'Skicka för underskrift' }).click();
  await expect(sendDialog).toBeHidden();
  await expect(page.getByTestId('signing-progress')).toHaveText('0 av 3 har skrivit under');
  await expect(page.getByTestId('frozen-banner')).toContainText('skickad för underskrift');

  // Record the three signatures; name, title and organisation come prefilled from the party.
  for (let signed = 1; signed <= 3; signed++) {
    const record = page.getByRole('button', { name: /^Registrera underskrift för / }).first();
    const label = (await record.getAttribute('aria-label'))!;
    await record.click();
    const dialog = page.getByRole('dialog', { name: label });
    await expect(dialog.getByRole('textbox', { name: 'Namn' })).not.toHaveValue('');
    await expect(dialog.getByRole('textbox', { name: 'Organisation' })).not.toHaveValue('');
    const place = dialog.getByRole('textbox', { name: 'Ort' });
    if ((await place.inputValue()) === '') await place.fill('Södertälje');
    await dialog.getByRole('button', { name: 'Registrera underskrift' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('signing-progress')).toHaveText(`${signed} av 3 har skrivit under`);
  }
  await expect(page.getByText('Alla har skrivit under')).toBeVisible();
  await expect(page.getByTestId('content-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('frozen-banner')).toContainText('kan inte ändras');

  // Export Word in Swedish; the download is a real .docx showing the new period.
  await page.getByRole('tab', { name: 'Word-export' }).click();
  await page.getByText('Svenska', { exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera Word' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const file = await download.path();
  const zip = unzipSync(new Uint8Array(fs.readFileSync(file!)));
  expect(Object.keys(zip)).toContain('word/document.xml');
  const text = documentText(strFromU8(zip['word/document.xml']));
  expect(text).toContain('2019-01-01 – 2020-12-31');
  expect(text).toContain(added);
  expect(text).toMatch(/Södertälje/);

  // The export is logged and shows in the version's history.
  await expect(page.getByTestId('export-log-row')).toHaveCount(1);
  await expect(page.getByTestId('export-log-row')).toContainText(download.suggestedFilename());
});
