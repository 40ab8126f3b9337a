import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { localCertificatesFor, setTimestampService } from './support/signing';
import { renewalSentForSigning } from './support/agreements';
import { expectAccessible } from './support/axe';
import { startLocalTsa } from '../support/local-tsa';
import { opensslPkcs12 } from '../support/pkcs12';

/**
 * An agreement version signed two ways. Camilla Broo signs here while the time-stamping service
 * answers garbage: Samråd says so, "try again later" records nothing, "sign without a timestamp"
 * records her signature on her own clock. Lars-Göran Uddholm signs away: the version is exported
 * for signing, co-signed with his own PKCS#12 (made by openssl) by `samrad sign`, and imported on
 * the version page — a copy whose text was changed is refused by part, so is one signed by a
 * person who does not sign this version, a missing place is asked
 * for, his certificate is confirmed as his, and neither the same copy again nor a second
 * signature by him (his local certificate, on the Sign a document page) records anything more.
 */

const expect = baseExpect.configure({ timeout: 30_000 });
const BIN = path.resolve(__dirname, '../../bin/samrad.js');

/** Co-signs `file` as the holder of `p12` would in their own Samråd, with the command line. */
function signAway(file: string, p12: string, out: string): void {
  const signed = spawnSync(
    process.execPath,
    [BIN, 'sign', file, '--p12', p12, '--password-env', 'P12_PW', '--role', 'Undertecknare', '--out', out],
    {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, P12_PW: 'uddholms-p12', SAMRAD_DB: '', SAMRAD_DATA_DIR: path.dirname(out) },
    },
  );
  expect(signed.status, signed.stderr).toBe(0);
}

test('an agreement version: signing here when the TSA fails offers signing without a timestamp; a copy signed away is imported on the version page', async ({
  page,
  app,
}) => {
  test.setTimeout(600_000);
  const tsa = await startLocalTsa('garbage');
  try {
    await openApp(page, app, 'Åsa Öberg');
    await loadExample(page);
    await localCertificatesFor(page, [
      ['Camilla Broo', 'broos eget lösen'],
      ['Lars-Göran Uddholm', 'uddholms eget lösen'],
      ['Maria Lindqvist', 'lindqvists eget lösen'],
    ]);
    await setTimestampService(page, tsa.url);
    await renewalSentForSigning(page);
    const progress = page.getByTestId('signing-progress');
    const signatories = page.getByRole('table', { name: 'Undertecknare' });

    // here, with the TSA answering garbage: the choice, never the computer's clock unasked
    await page.getByRole('button', { name: 'Underteckna digitalt för Södertälje kommun' }).click();
    const sign = page.getByRole('dialog', { name: 'Camilla Broo undertecknar för Södertälje kommun' });
    await sign.getByRole('combobox', { name: 'Certifikat', exact: true }).click();
    await page.getByRole('option', { name: /Camilla Broo \(lokal\) – lokal/ }).click();
    await sign.getByLabel('Certifikatets lösenord').fill('broos eget lösen');
    await sign.getByRole('textbox', { name: 'Ort' }).fill('Södertälje');
    await sign.getByRole('button', { name: 'Underteckna digitalt' }).click();
    const failed = page.getByRole('dialog', { name: 'Ingen tidsstämpel kunde hämtas' });
    await expect(failed).toBeVisible();
    await expect(failed).toContainText('XAdES-BES');
    await failed.getByRole('button', { name: 'Försök igen senare' }).click();
    await expect(failed).toBeHidden();
    await expect(progress).toHaveText('0 av 3 har skrivit under');
    // back in the form as it was: signing again meets the same failure, and she signs without
    await expect(sign.getByLabel('Certifikatets lösenord')).toHaveValue('broos eget lösen');
    await sign.getByRole('button', { name: 'Underteckna digitalt' }).click();
    await failed.getByRole('button', { name: 'Signera utan tidsstämpel' }).click();
    await expect(failed).toBeHidden();
    await expect(sign).toBeHidden();
    await expect(progress).toHaveText('1 av 3 har skrivit under');
    expect(tsa.requests).toBeGreaterThanOrEqual(2);
    const kommun = signatories.getByRole('row', { name: /Södertälje kommun/ });
    await expect(kommun).toContainText(
      /Digitalt undertecknat av Camilla Broo \(CN=Camilla Broo.*lokal; \d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}, tid enligt undertecknarens egen klocka\)/,
    );

    // away: exported for signing, co-signed with Uddholm's own PKCS#12
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportera för underskrift' }).click();
    const exported = path.join(app.dir, 'for-signing.docx');
    await (await downloading).saveAs(exported);
    const p12 = opensslPkcs12(app.dir, {
      name: 'Lars-Göran Uddholm',
      organisation: 'Södertörns brandförsvarsförbund',
      password: 'uddholms-p12',
    });
    const signedCopy = path.join(app.dir, 'uddholm.docx');
    signAway(exported, p12.file, signedCopy);
    const parts = unzipSync(fs.readFileSync(exported));
    parts['word/document.xml'] = strToU8(strFromU8(parts['word/document.xml']).replace('</w:t>', ' (ändrad)</w:t>'));
    const changed = path.join(app.dir, 'changed.docx');
    fs.writeFileSync(changed, zipSync(parts));
    const changedCopy = path.join(app.dir, 'uddholm-changed.docx');
    signAway(changed, p12.file, changedCopy);

    // the place offered is the one recorded last
    const openImport = async (file: string, lastPlace = 'Södertälje') => {
      await page.getByRole('button', { name: 'Importera undertecknad kopia' }).click();
      const dialog = page.getByRole('dialog', { name: 'Importera undertecknad kopia' });
      await dialog.locator('input[type="file"]').setInputFiles(file);
      await expect(dialog.getByRole('textbox', { name: 'Ort' })).toHaveValue(lastPlace);
      return dialog;
    };
    const importCopy = async (file: string, lastPlace?: string) => {
      const dialog = await openImport(file, lastPlace);
      await dialog.getByRole('button', { name: 'Importera undertecknad kopia' }).click();
      return dialog;
    };

    /** Co-signs `file` on the Sign a document page with `who`'s local certificate held in Samråd (the TSA failing there too). */
    const signOnSignPage = async (file: string, who: string, password: string) => {
      await page.getByRole('link', { name: 'Underteckna dokument' }).click();
      await page.locator('input[type="file"]').first().setInputFiles(file);
      await page.getByRole('combobox', { name: 'Vem undertecknar' }).click();
      await page.getByRole('option', { name: who }).click();
      await page.getByRole('combobox', { name: 'Certifikat', exact: true }).click();
      await page.getByRole('option', { name: new RegExp(`${who} \\(lokal\\) – lokal`) }).click();
      await page.getByRole('textbox', { name: 'Roll' }).fill('Undertecknare');
      await page.getByLabel('Certifikatets lösenord').fill(password);
      const signed = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Underteckna och spara kopia' }).click();
      await failed.getByRole('button', { name: 'Signera utan tidsstämpel' }).click();
      const out = path.join(app.dir, `${who} – ${path.basename(file)}`);
      await (await signed).saveAs(out);
      return out;
    };
    const backToVersion = async () => {
      await page.getByRole('link', { name: 'Överenskommelser', exact: true }).click();
      await page.getByTestId('version-row').filter({ hasText: '2019-01-01 – 2020-12-31' }).getByRole('link').click();
      await page.getByRole('tab', { name: 'Underskrifter' }).click();
      await expect(progress).toBeVisible();
    };

    // a copy whose text was changed is refused, naming the part; nothing is recorded
    let dialog = await importCopy(changedCopy);
    await expect(
      page.getByRole('alert').filter({
        hasText:
          'Den returnerade kopian skiljer sig från dokumentet som skickades för justering eller underskrift i word/document.xml.',
      }),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect(dialog).toBeHidden();
    await expect(progress).toHaveText('1 av 3 har skrivit under');

    // signed by someone Samråd knows who does not sign this version: refused, naming the certificate
    const strangers = await signOnSignPage(exported, 'Maria Lindqvist', 'lindqvists eget lösen');
    await backToVersion();
    dialog = await importCopy(strangers);
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: /Certifikatet CN=Maria Lindqvist.* tillhör en person som inte undertecknar versionen\./ }),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect(progress).toHaveText('1 av 3 har skrivit under');

    // the signed copy, without a place: asked for at its field, the message gone once one is typed
    dialog = await openImport(signedCopy);
    await dialog.getByRole('textbox', { name: 'Ort' }).fill('');
    await dialog.getByRole('button', { name: 'Importera undertecknad kopia' }).click();
    const placeRequired = dialog.getByText('Ange orten där underskriften gjordes');
    await expect(placeRequired).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Ort' }).fill('Tumba');
    await expect(placeRequired).toBeHidden();
    await expect(progress).toHaveText('1 av 3 har skrivit under');
    // his certificate is new to Samråd, so whose it is is confirmed first
    await dialog.getByRole('button', { name: 'Importera undertecknad kopia' }).click();
    await expect(dialog.getByText('Okänt certifikat')).toBeVisible();
    await expect(dialog).toContainText('CN=Lars-Göran Uddholm');
    await expectAccessible(page, '[role="dialog"]');
    await expect(progress).toHaveText('1 av 3 har skrivit under');
    await dialog.getByRole('combobox', { name: 'Certifikatet tillhör' }).click();
    await page.getByRole('option', { name: 'Lars-Göran Uddholm' }).click();
    await dialog.getByRole('button', { name: 'Bekräfta och importera' }).click();
    await expect(dialog).toBeHidden();
    await expect(progress).toHaveText('2 av 3 har skrivit under');
    const brand = signatories.getByRole('row', { name: /Södertörns brandförsvarsförbund/ });
    await expect(brand.getByText('Digitalt undertecknat', { exact: true })).toBeVisible();
    await expect(brand).toContainText(
      /Digitalt undertecknat av Lars-Göran Uddholm \(CN=Lars-Göran Uddholm.*bekräftat från undertecknad kopia; \d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}, tid enligt undertecknarens egen klocka\)/,
    );
    await expect(brand.getByRole('button', { name: /Underteckna digitalt/ })).toHaveCount(0);

    // the same copy again carries no new signature: refused, nothing more recorded
    dialog = await importCopy(signedCopy, 'Tumba');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Den returnerade kopian har ingen ny underskrift.' }),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect(progress).toHaveText('2 av 3 har skrivit under');

    // a second signature by him, with his other certificate (held in Samråd), made on the Sign a document page
    const again = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportera för underskrift' }).click();
    const exportedAgain = path.join(app.dir, 'for-signing-again.docx');
    await (await again).saveAs(exportedAgain);
    const secondCopy = await signOnSignPage(exportedAgain, 'Lars-Göran Uddholm', 'uddholms eget lösen');
    await backToVersion();
    dialog = await importCopy(secondCopy, 'Tumba');
    await expect(
      page.getByRole('alert').filter({
        hasText: 'Undertecknaren har redan skrivit under versionen; en andra underskrift registreras inte.',
      }),
    ).toBeVisible();
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect(progress).toHaveText('2 av 3 har skrivit under');
  } finally {
    await tsa.close();
  }
});
