import fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { Download, Page } from '@playwright/test';
import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { expectAccessible } from './support/axe';
import { createLocalCertificate, PASSPHRASE } from './support/signing';

/**
 * Signing Word exports from the UI, as a secretary does it: the sign option names the
 * certificate, explains what is missing (no certificate, locked keystore) and lets the user fix
 * it in place; the file that comes out carries a package signature the Verify page accepts.
 */

// Signing and verifying share two cores with other tests here: give each step room.
const expect = baseExpect.configure({ timeout: 30_000 });

const CERTIFICATE = 'Södertälje kommun – lokal signering';

/** The part names of a downloaded .docx; a signed one has an `_xmlsignatures/` folder. */
async function partsOf(download: Download): Promise<string[]> {
  return Object.keys(unzipSync(new Uint8Array(fs.readFileSync((await download.path())!))));
}

async function lockKeystore(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Certifikat' }).click();
  await page.getByRole('button', { name: 'Lås', exact: true }).click();
  await expect(page.getByTestId('keystore-status')).toHaveText('Låst');
}

/** Uploads a file on the Verify page and expects one valid signature by the local certificate. */
async function expectValidSignature(page: Page, download: Download): Promise<void> {
  await page.getByRole('link', { name: 'Verifiera dokument' }).click();
  await page.locator('input[type="file"]').setInputFiles((await download.path())!);
  await page.getByRole('button', { name: 'Verifiera', exact: true }).click();
  const result = page.getByTestId('verify-result');
  await expect(result.getByText('Giltig underskrift')).toBeVisible();
  await expect(result).toContainText('CN=Södertälje kommun dokumentsignering (lokal)');
  await expect(result).toContainText('Betrodd utfärdare');
}

async function openMeeting(page: Page, date: string): Promise<void> {
  await page.getByRole('link', { name: 'Sammanträden' }).click();
  await page.getByText('Tidigare', { exact: true }).click();
  await page.getByRole('link', { name: `Öppna sammanträdet Chefssamrådet ${date}` }).click();
}

test('signs an attested protocol and a § extract from the export menu; the Verify page finds the signatures valid', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000);
  await openApp(page, app);
  await loadExample(page);

  // The agenda never signs: its menu offers no signed choice.
  await openMeeting(page, '2017-03-14');
  await page.getByRole('button', { name: 'Kallelse med dagordning (Word)' }).click();
  await expect(page.getByRole('menuitem', { name: 'Svenska (.docx)' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /signerad/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Attested, but no certificate yet: the signed choice says so and leads to the Certificates page.
  await page.getByRole('tab', { name: 'Protokoll' }).click();
  await expect(page.getByText('Protokollet är justerat')).toBeVisible();
  await page.getByRole('button', { name: 'Protokoll (Word)' }).click();
  await expect(page.getByTestId('export-signed-label')).toHaveText('Signerad – inget certifikat valt');
  await page.getByRole('menuitem', { name: 'Svenska, signerad (.docx)' }).click();
  const noCertificate = page.getByRole('dialog', { name: 'Signera digitalt' });
  await expect(noCertificate).toContainText('Inget signeringscertifikat är valt.');
  await noCertificate.getByRole('button', { name: 'Gå till Certifikat' }).click();
  await expect(page.getByRole('heading', { name: 'Certifikat för signering' })).toBeVisible();
  await expect(noCertificate).toBeHidden();

  await createLocalCertificate(page);

  // With a certificate and the keystore open, the menu names the certificate and signs at once,
  // chosen by keyboard.
  await openMeeting(page, '2017-03-14');
  await page.getByRole('tab', { name: 'Protokoll' }).click();
  await page.getByRole('button', { name: 'Protokoll (Word)' }).click();
  await expect(page.getByTestId('export-signed-label')).toHaveText(`Signeras med ${CERTIFICATE}`);
  // Mantine's menu dropdown keeps a role=presentation wrapper among its children, which
  // aria-required-children reports on every Mantine menu; the items and groups are ours
  await expectAccessible(page, '[role="menu"]', ['aria-required-children']);
  const signedItem = page.getByRole('menuitem', { name: 'Svenska, signerad (.docx)' });
  await signedItem.focus();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const protocol = await downloading;
  expect(protocol.suggestedFilename()).toBe('Protokoll Chefssamrådet 2017-03-14_signerad.docx');
  expect(await partsOf(protocol)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^_xmlsignatures\/.+\.xml$/), 'word/document.xml']),
  );
  await expect(
    page.getByText(`${protocol.suggestedFilename()} har exporterats och signerats digitalt med ${CERTIFICATE}.`),
  ).toBeVisible();
  await expectValidSignature(page, protocol);

  // Locked meanwhile: choosing a signed extract asks for the passphrase, then exports without asking again.
  await lockKeystore(page);
  await openMeeting(page, '2017-03-14');
  await page.getByRole('tab', { name: 'Protokoll' }).click();
  const card = page.getByTestId('paragraph-card').first();
  await card.getByRole('button', { name: 'Protokollsutdrag' }).click();
  await expect(page.getByTestId('export-signed-label')).toHaveText('Signerad – nyckellagret är låst');
  await page.getByRole('menuitem', { name: 'Svenska, signerad (.docx)' }).click();
  const unlock = page.getByRole('dialog', { name: 'Signera digitalt' });
  await expect(unlock).toContainText(`Nyckellagret är låst. Ange lösenfrasen för att signera med ${CERTIFICATE}.`);
  await expectAccessible(page, '[role="dialog"]');
  await unlock.getByLabel('Lösenfras för nyckellagret').fill('inte rätt fras');
  await unlock.getByRole('button', { name: 'Lås upp' }).click();
  await expect(unlock.getByText('Fel lösenfras')).toBeVisible();
  await unlock.getByLabel('Lösenfras för nyckellagret').fill(PASSPHRASE);
  const extractDownloading = page.waitForEvent('download');
  await unlock.getByRole('button', { name: 'Lås upp' }).click();
  const extract = await extractDownloading;
  await expect(unlock).toBeHidden();
  expect(await partsOf(extract)).toEqual(expect.arrayContaining([expect.stringMatching(/^_xmlsignatures\//)]));
  await expectValidSignature(page, extract);
});

test('signs the signed 2017–2018 agreement version, unlocking in place; a lock in another window is followed at once', async ({
  page,
  app,
  context,
}) => {
  test.setTimeout(300_000);
  await openApp(page, app);
  await loadExample(page);
  await createLocalCertificate(page);

  const openExportPanel = async () => {
    await page.getByRole('link', { name: 'Överenskommelser', exact: true }).click();
    await page.getByTestId('version-row').filter({ hasText: '2017-01-01 – 2018-12-31' }).getByRole('link').click();
    await page.getByRole('tab', { name: 'Word-export' }).click();
  };
  const panel = page.getByRole('tabpanel', { name: 'Word-export' });

  // Signing is possible: "Signera digitalt" is on from the start.
  await openExportPanel();
  await expect(panel.getByRole('checkbox', { name: 'Signera digitalt' })).toBeChecked();
  await expect(panel.getByRole('button', { name: 'Exportera och signera' })).toBeVisible();

  await lockKeystore(page);
  await openExportPanel();

  // Locked: the option is off and asks for the passphrase right here.
  const sign = panel.getByRole('checkbox', { name: 'Signera digitalt' });
  await expect(sign).toBeDisabled();
  await expect(panel).toContainText(`Nyckellagret är låst. Ange lösenfrasen för att signera med ${CERTIFICATE}.`);
  await expectAccessible(page, '[role="tabpanel"]');
  await panel.getByLabel('Lösenfras för nyckellagret').fill(PASSPHRASE);
  await panel.getByRole('button', { name: 'Lås upp' }).click();
  await expect(sign).toBeEnabled();
  await expect(sign).toBeChecked();
  await expect(panel).toContainText(`Signeras med ${CERTIFICATE}.`);
  await expect(panel.getByTestId('signing-subject')).toContainText('CN=Södertälje kommun dokumentsignering (lokal)');
  await expectAccessible(page, '[role="tabpanel"]');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Exportera och signera' }).click(),
  ]);
  expect(await partsOf(download)).toEqual(expect.arrayContaining([expect.stringMatching(/^_xmlsignatures\//)]));
  expect(download.suggestedFilename()).toMatch(/_signerad\.docx$/);
  await expect(
    page.getByText(`${download.suggestedFilename()} har exporterats och signerats digitalt med ${CERTIFICATE}.`),
  ).toBeVisible();
  const logRow = page.getByTestId('export-log-row').filter({ hasText: download.suggestedFilename() });
  await expect(logRow).toContainText('Signerad');

  // Unticked, the same panel exports an unsigned file.
  await sign.uncheck();
  const [plain] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Exportera Word' }).click(),
  ]);
  expect((await partsOf(plain)).filter((p) => p.startsWith('_xmlsignatures/'))).toEqual([]);
  expect(plain.suggestedFilename()).toBe(download.suggestedFilename().replace('_signerad.docx', '.docx'));

  // The keystore is locked in another window: this one follows at once (the backend announces
  // it), so the option asks for the passphrase again before anyone tries to sign.
  await sign.check();
  const other = await context.newPage();
  await other.goto(app.url); // carries the bridge token in its fragment
  await lockKeystore(other);
  await other.close();
  await expect(sign).toBeDisabled();
  await expect(panel.getByLabel('Lösenfras för nyckellagret')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Exportera och signera' })).toHaveCount(0);

  await expectValidSignature(page, download);

  // A draft cannot be signed: the option says when it can.
  await page.getByRole('link', { name: 'Överenskommelser', exact: true }).click();
  await page.getByTestId('version-row').filter({ hasText: '2017-01-01 – 2018-12-31' }).getByRole('link').click();
  await page.getByRole('button', { name: 'Förnya' }).click();
  await page
    .getByRole('dialog', { name: /^Förnya / })
    .getByRole('button', { name: 'Förnya' })
    .click();
  await expect(page.getByTestId('version-period')).toContainText('2019-01-01 – 2020-12-31');
  await page.getByRole('tab', { name: 'Word-export' }).click();
  await expect(panel.getByRole('checkbox', { name: 'Signera digitalt' })).toBeDisabled();
  await expect(panel).toContainText('Bara en version som alla parter har undertecknat kan signeras digitalt.');
  await expectAccessible(page, '[role="tabpanel"]');
});
