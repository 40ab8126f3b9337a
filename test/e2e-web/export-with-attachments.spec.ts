import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from '@playwright/test';
import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { planMeeting } from './support/protocol';
import { SAMPLE_PDF, sha256 } from '../support/attachments';

/**
 * Handlingar exported with their document through the real UI: the kallelse menu offers "med
 * handlingar" only once a file is attached, and gives a .zip holding the kallelse, the file named
 * as the kallelse lists it and SHA256SUMS; the protocol's menu does the same under Beslutsunderlag.
 */

const expect = baseExpect.configure({ timeout: 30_000 });

async function entriesOf(download: Promise<Download>) {
  const file = await download;
  return { name: file.suggestedFilename(), entries: unzipSync(new Uint8Array(fs.readFileSync((await file.path())!))) };
}

async function exportBundle(page: Page, menu: string) {
  await page.getByRole('button', { name: menu }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Svenska, med handlingar (.zip)' }).click();
  return entriesOf(downloading);
}

test('kallelse and protocol exported with their handlingar as a .zip', async ({ page, app }) => {
  test.setTimeout(400_000);
  await openApp(page, app, 'Åsa Öberg');
  await loadExample(page);

  await planMeeting(page);
  await page.getByRole('tab', { name: 'Dagordning' }).click();

  // nothing attached yet: the menu offers the Word file only
  await page.getByRole('button', { name: 'Kallelse med dagordning (Word)' }).click();
  await expect(page.getByRole('menuitem', { name: 'Svenska (.docx)', exact: true })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Svenska, med handlingar (.zip)' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  const item = page.getByTestId('agenda-item').first();
  const handlingar = item.getByTestId('attachments');
  await handlingar.locator('input[type=file]').setInputFiles({
    name: 'Åtgärdsplan.pdf',
    mimeType: 'application/pdf',
    buffer: SAMPLE_PDF,
  });
  await expect(handlingar.getByTestId('attachment')).toHaveCount(1);

  const kallelse = await exportBundle(page, 'Kallelse med dagordning (Word)');
  expect(kallelse.name).toMatch(/^Kallelse .* med handlingar\.zip$/);
  const names = Object.keys(kallelse.entries);
  expect(names).toEqual([expect.stringMatching(/\.docx$/), 'Handlingar/Punkt 1 – Åtgärdsplan.pdf', 'SHA256SUMS']);
  expect(Buffer.from(kallelse.entries['Handlingar/Punkt 1 – Åtgärdsplan.pdf']).equals(SAMPLE_PDF)).toBe(true);
  expect(strFromU8(kallelse.entries.SHA256SUMS)).toContain(
    `${sha256(SAMPLE_PDF)}  Handlingar/Punkt 1 – Åtgärdsplan.pdf`,
  );

  // the § made from the item carries it as its beslutsunderlag
  await page.getByRole('tab', { name: 'Protokoll' }).click();
  await page.getByRole('button', { name: 'Skapa protokoll från dagordningen' }).click();
  const protocol = await exportBundle(page, 'Protokoll (Word)');
  expect(protocol.name).toMatch(/^Protokoll .* med handlingar\.zip$/);
  const files = Object.keys(protocol.entries);
  expect(files).toHaveLength(3);
  expect(files[1]).toMatch(/^Beslutsunderlag\/§ \d+ – Åtgärdsplan\.pdf$/);
  expect(Buffer.from(protocol.entries[files[1]]).equals(SAMPLE_PDF)).toBe(true);
  expect(strFromU8(protocol.entries.SHA256SUMS)).toContain(`${sha256(protocol.entries[files[0]])}  ${files[0]}`);
});
