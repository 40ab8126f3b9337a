import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Document, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { test, expect, openApp } from './support/app';
import { createLocalCertificate, PASSPHRASE } from './support/signing';
import { expectAccessible } from './support/axe';
import { packDocx } from '../../electron/backend/export/pack';
import { openPrivateKey } from '../../electron/backend/signing/certificates/key-protection';
import { signPackage } from '../../electron/backend/signing/opc/sign-package';

/** Signs a small protocol with the certificate the user created in the UI, read from the app's database. */
async function signWithAppCertificate(dbPath: string): Promise<Uint8Array> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT certificate_der, private_key, chain FROM certificate WHERE active = 1').get() as {
      certificate_der: Buffer;
      private_key: string;
      chain: string;
    };
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('§ 1 Chefssamrådet beslutar att godkänna dagordningen.')] }),
          ],
        },
      ],
    });
    return signPackage(
      await packDocx(document),
      {
        certificate: new crypto.X509Certificate(row.certificate_der),
        privateKey: openPrivateKey(row.private_key, PASSPHRASE),
        chain: (JSON.parse(row.chain) as string[]).map((b) => new crypto.X509Certificate(Buffer.from(b, 'base64'))),
      },
      new Date(),
    );
  } finally {
    db.close();
  }
}

test('creates a local certificate, then verifies a signed file as valid and a tampered one as invalid', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page.getByRole('link', { name: 'Certifikat' }).click();
  await expect(page.getByText('Inga certifikat')).toBeVisible();

  await page.getByRole('button', { name: 'Skapa lokalt certifikat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Skapa lokalt certifikat' });
  await dialog.getByRole('textbox', { name: 'Organisation' }).fill('Södertälje kommun');
  await dialog.getByLabel('Lösenfras för nyckellagret').fill('kort');
  await dialog.getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog.getByText('Lösenfrasen måste ha minst 8 tecken')).toBeVisible();
  await dialog.getByLabel('Lösenfras för nyckellagret').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  const rows = page.getByTestId('certificate-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Södertälje kommun – lokal signering');
  await expect(rows.first()).toContainText('Lokal');
  await expect(rows.first()).toContainText('Används');
  await expect(rows.nth(1)).toContainText('Betrodd');
  await expect(page.getByTestId('keystore-status')).toHaveText('Upplåst');

  const signed = await signWithAppCertificate(app.dbPath);
  await page.getByRole('link', { name: 'Verifiera dokument' }).click();
  const upload = async (name: string, bytes: Uint8Array) => {
    await page.locator('input[type="file"]').setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(bytes),
    });
    await page.getByRole('button', { name: 'Verifiera', exact: true }).click();
  };

  await upload('protokoll.docx', signed);
  const result = page.getByTestId('verify-result');
  await expect(result.getByText('Giltig underskrift')).toBeVisible();
  await expect(result).toContainText('CN=Södertälje kommun dokumentsignering (lokal)');
  await expect(result).toContainText('Betrodd utfärdare');

  const parts = unzipSync(signed);
  parts['word/document.xml'] = strToU8(strFromU8(parts['word/document.xml']).replace('godkänna', 'avslå'));
  await upload('protokoll-andrad.docx', zipSync(parts));
  await expect(result.getByText('Ogiltig underskrift')).toBeVisible();
  // said in Swedish on the Swedish page (the CLI keeps the English sentence)
  await expect(result).toContainText('word/document.xml: ändrad efter signeringen');
  await expect(result).not.toContainText('changed after signing');

  await upload('inte-word.docx', strToU8('detta är ingen Word-fil'));
  await expect(page.getByRole('alert')).toContainText('Filen är inget Word-dokument');
});

test('the archive page downloads a signed E-ARK package in browser mode, which the Verify page accepts as valid and trusted; a typed target is written once, then refused', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await createLocalCertificate(page);

  await page.getByRole('link', { name: 'Arkivexport' }).click();
  await page.getByRole('textbox', { name: 'Från' }).fill('2017-01-01');
  await page.getByRole('textbox', { name: 'Till' }).fill('2017-12-31');
  // browser mode: download is the default; no folder picker (that is the desktop's)
  await expect(page.getByRole('checkbox', { name: 'Ladda ner som .zip-fil' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Välj mapp…' })).toHaveCount(0);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Starta export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('arkiv_2017-01-01_2017-12-31.zip');
  await expect(page.getByRole('status')).toContainText('SHA256SUMS är signerad av organisationens certifikat');
  await expectAccessible(page, 'main');
  const zip = fs.readFileSync((await download.path())!);
  expect(Object.keys(unzipSync(new Uint8Array(zip)))).toEqual(
    expect.arrayContaining(['METS.xml', 'SHA256SUMS', 'SHA256SUMS.p7s', 'metadata/preservation/premis.xml']),
  );

  await page.getByRole('link', { name: 'Verifiera dokument' }).click();
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'arkiv.zip', mimeType: 'application/zip', buffer: zip });
  await page.getByRole('button', { name: 'Verifiera', exact: true }).click();
  const result = page.getByTestId('archive-verify-result');
  await expect(result.getByRole('status')).toContainText('Giltigt och betrott arkivpaket');
  await expect(result).toContainText('Paketets signatur');
  await expectAccessible(page, '[data-testid="archive-verify-result"]');
  const parts = unzipSync(new Uint8Array(zip));
  parts['documentation/README.txt'] = strToU8('ändrad');
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'arkiv-andrat.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(parts)) });
  await page.getByRole('button', { name: 'Verifiera', exact: true }).click();
  await expect(result.getByRole('status')).toContainText('Ogiltigt arkivpaket');
  // said in Swedish, from the finding's code (the CLI keeps the English sentence)
  await expect(result).toContainText(
    'documentation/README.txt stämmer inte med sin SHA-256 i SHA256SUMS (ändrad eller utbytt)',
  );
  await expect(result).not.toContainText('differs from its SHA-256');

  // a typed target: never inside the database's folder; once written, not again
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-e2e-arkiv-'));
  try {
    await page.getByRole('link', { name: 'Arkivexport' }).click();
    await page.getByRole('textbox', { name: 'Från' }).fill('2017-01-01');
    await page.getByRole('textbox', { name: 'Till' }).fill('2017-12-31');
    await page.getByRole('checkbox', { name: 'Ladda ner som .zip-fil' }).uncheck();
    await page.getByRole('textbox', { name: /Mål/ }).fill(`${app.dir}/arkiv-2017.zip`);
    await page.getByRole('button', { name: 'Starta export' }).click();
    await expect(page.getByText('Arkivet kan inte skrivas i databasens mapp')).toBeVisible();
    await page.getByRole('textbox', { name: /Mål/ }).fill(`${outside}/arkiv-2017.zip`);
    await page.getByRole('button', { name: 'Starta export' }).click();
    await expect(page.getByRole('status')).toContainText('Arkivet är skrivet');
    await expect(page.getByRole('status')).toContainText('arkiv-2017.zip');
    await page.getByRole('button', { name: 'Starta export' }).click();
    await expect(page.getByRole('alert')).toContainText('Målet finns redan');
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});
