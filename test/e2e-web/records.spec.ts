import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Download, Page } from '@playwright/test';
import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { expectAccessible } from './support/axe';
import { attestAs, planMeetingSentForAttestation } from './support/protocol';

/**
 * The signed document is the record: a secretary renames the chair after the protocol was
 * attested; the protocol she exports afterwards is the very file sealed at justering, with the
 * name it was attested under, and the protocol's page says where the record shows an older name.
 */

const expect = baseExpect.configure({ timeout: 30_000 });

async function bytesOf(download: Download): Promise<Buffer> {
  return fs.readFileSync((await download.path())!);
}

const textOf = (bytes: Buffer) =>
  strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']).replace(/<[^>]+>/g, ' ');

async function openProtocol(page: Page, date: string): Promise<void> {
  await page.getByRole('link', { name: 'Sammanträden' }).click();
  await page.getByText('Tidigare', { exact: true }).click();
  await page.getByRole('link', { name: `Öppna sammanträdet Chefssamrådet ${date}` }).click();
  await page.getByRole('tab', { name: 'Protokoll' }).click();
}

async function exportSwedish(page: Page): Promise<Buffer> {
  await page.getByRole('button', { name: 'Protokoll (Word)' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Svenska (.docx)', exact: true }).click();
  return bytesOf(await downloading);
}

test('a protocol attested in the UI keeps the chair’s name it was attested under; the record page says so', async ({
  page,
  app,
}) => {
  test.setTimeout(400_000);
  await openApp(page, app, 'Åsa Öberg');
  await loadExample(page);

  // A Chefssamråd in March 2018 from the template, its protocol written and sent for justering.
  await planMeetingSentForAttestation(page);

  // The chair and the justerare attest: the protocol is sealed as a record at that moment.
  await attestAs(page, [/Camilla Broo/, /Lars-Göran Uddholm/]);
  const sealed = page.getByTestId('sealed-record');
  await expect(sealed).toContainText('Förseglad handling');
  await expect(sealed).toContainText('Förseglad utan digital signatur');
  await expect(sealed).not.toContainText('heter nu');
  const before = await exportSwedish(page);
  expect(textOf(before)).toContain('Camilla Broo');

  // She changes her surname: the register follows, the attested record does not.
  await page.getByRole('link', { name: 'Deltagare' }).click();
  await page.getByRole('button', { name: 'Redigera Camilla Broo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Redigera deltagare' });
  await dialog.getByRole('textbox', { name: 'Namn' }).fill('Camilla Lindqvist');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('table', { name: 'Deltagare' }).getByRole('row', { name: /Camilla Lindqvist/ }),
  ).toBeVisible();

  await openProtocol(page, '2018-03-13');
  await expect(page.getByTestId('older-names')).toContainText('Camilla Broo – heter nu Camilla Lindqvist');
  await expectAccessible(page, '[data-testid="sealed-record"]');
  const after = await exportSwedish(page);
  expect(after.equals(before)).toBe(true);
  expect(textOf(after)).not.toContain('Camilla Lindqvist');
});
