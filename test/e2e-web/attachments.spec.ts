import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { planMeeting } from './support/protocol';
import { SAMPLE_PDF } from '../support/attachments';

/**
 * Handlingar through the real UI: the secretary attaches a PDF to an agenda item, sees it
 * listed, opens it (the same bytes come back), is refused a file that is no PDF whatever its
 * name says, removes it after confirming; chooses the protocol's anslagsbevis block; an attested
 * meeting offers no attaching at all.
 */

const expect = baseExpect.configure({ timeout: 30_000 });

test('attach, open, refuse, remove with confirmation; nothing offered once attested', async ({ page, app }) => {
  test.setTimeout(400_000);
  await openApp(page, app, 'Åsa Öberg');
  await loadExample(page);

  await planMeeting(page);
  await page.getByRole('tab', { name: 'Dagordning' }).click();

  const item = page.getByTestId('agenda-item').first();
  const handlingar = item.getByTestId('attachments');
  await expect(handlingar).toContainText('Inga handlingar bifogade.');
  await expect(handlingar).toContainText('högst 20 MB');

  // a text file named .pdf is refused, by its content, and nothing is listed
  await handlingar.locator('input[type=file]').setInputFiles({
    name: 'anteckning.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('bara text'),
  });
  await expect(handlingar.getByRole('alert')).toContainText('varken PDF, Word-dokument eller PNG-/JPEG-bild');
  await expect(handlingar.getByTestId('attachment')).toHaveCount(0);

  await handlingar.locator('input[type=file]').setInputFiles({
    name: 'Åtgärdsplan.pdf',
    mimeType: 'application/pdf',
    buffer: SAMPLE_PDF,
  });
  const row = handlingar.getByTestId('attachment');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Åtgärdsplan.pdf');
  await expect(handlingar.getByRole('alert')).toHaveCount(0);

  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: 'Åtgärdsplan.pdf', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Åtgärdsplan.pdf');
  expect(fs.readFileSync((await download.path())!).equals(SAMPLE_PDF)).toBe(true);

  // removing asks first; cancelling keeps it
  await row.getByRole('button', { name: 'Ta bort Åtgärdsplan.pdf' }).click();
  const confirm = page.getByRole('dialog', { name: 'Ta bort handlingen?' });
  await confirm.getByRole('button', { name: 'Avbryt' }).click();
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Ta bort Åtgärdsplan.pdf' }).click();
  await confirm.getByRole('button', { name: 'Ta bort' }).click();
  await expect(handlingar.getByTestId('attachment')).toHaveCount(0);

  // the protocol may carry an anslagsbevis block: chosen on the protocol, shown in its Word file
  await page.getByRole('tab', { name: 'Protokoll' }).click();
  await page.getByRole('button', { name: 'Skapa protokoll från dagordningen' }).click();
  const announcement = page.getByRole('checkbox', { name: 'Anslagsbevis i protokollet' });
  await expect(announcement).not.toBeChecked();
  await announcement.click(); // the box shows what the backend stored, once it has
  await expect(announcement).toBeChecked();
  await page.getByRole('button', { name: 'Protokoll (Word)' }).click();
  const exporting = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Svenska (.docx)', exact: true }).click();
  const xml = strFromU8(
    unzipSync(new Uint8Array(fs.readFileSync((await (await exporting).path())!)))['word/document.xml'],
  );
  expect(xml).toContain('Anslagsbevis');
  expect(xml).toContain('Datum då anslaget sätts upp');

  // an attested meeting of the example: its agenda offers no attaching
  await page.getByRole('link', { name: 'Sammanträden' }).first().click();
  await page.getByText('Tidigare', { exact: true }).click();
  await page.getByRole('link', { name: 'Öppna sammanträdet Chefssamrådet 2017-03-14' }).click();
  await page.getByRole('tab', { name: 'Dagordning' }).click();
  await expect(page.getByTestId('agenda-item').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Bifoga fil' })).toHaveCount(0);
});
