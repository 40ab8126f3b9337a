import { Document, Packer, Paragraph } from 'docx';
import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { createLocalCertificate, issuePersonalCertificate } from './support/signing';

/**
 * "Sign a document": a signatory picks any Word document and their own certificate held in
 * Samråd, types its password and a role; Samråd saves the co-signed copy and shows its
 * verification, trust first. A file that is not a Word document and a wrong password are
 * refused in words.
 */

const expect = baseExpect.configure({ timeout: 30_000 });

test('a signatory signs a document with her own certificate; the signed copy is saved and verified', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000);
  await openApp(page, app, 'Åsa Öberg');
  await loadExample(page);
  await createLocalCertificate(page);
  await issuePersonalCertificate(page, 'Lars-Göran Uddholm', 'uddholms eget lösen');
  await page.keyboard.press('Escape');

  const document = await Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph('Samverkansöverenskommelse 2017–2018, version 2')] }] }),
  );
  await page.getByRole('link', { name: 'Underteckna dokument' }).click();
  await expect(page.getByRole('heading', { name: 'Underteckna ett dokument' })).toBeVisible();
  const choose = (name: string, buffer: Buffer) =>
    page.locator('input[type="file"]').first().setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer,
    });

  await page.getByRole('combobox', { name: 'Vem undertecknar' }).click();
  await page.getByRole('option', { name: 'Lars-Göran Uddholm' }).click();
  await page.getByRole('combobox', { name: 'Certifikat', exact: true }).click();
  await page.getByRole('option', { name: /Lars-Göran Uddholm \(lokal\) – lokal/ }).click();
  await page.getByRole('textbox', { name: 'Roll' }).fill('Undertecknare för Södertälje kommun');
  await page
    .getByRole('textbox', { name: 'Kommentar (valfri)' })
    .fill('Undertecknar samverkansöverenskommelse 2017–2018, version 2');

  // not a Word document: refused in words, nothing saved
  await choose('inte-ett-dokument.docx', Buffer.from('bara text'));
  await page.getByLabel('Certifikatets lösenord').fill('uddholms eget lösen');
  await page.getByRole('button', { name: 'Underteckna och spara kopia' }).click();
  // the refusal is an alert of its own (the example's "loaded" notification may still be showing)
  await expect(page.getByRole('alert').filter({ hasText: /Filen är (inget Word-dokument|skadad)/ })).toBeVisible();

  // a wrong password is refused beside the field
  await choose('overenskommelse.docx', document);
  await page.getByLabel('Certifikatets lösenord').fill('fel lösen');
  await page.getByRole('button', { name: 'Underteckna och spara kopia' }).click();
  await expect(page.getByText('Fel lösenord för certifikatet.')).toBeVisible();

  await page.getByLabel('Certifikatets lösenord').fill('uddholms eget lösen');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Underteckna och spara kopia' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('overenskommelse – undertecknad.docx');
  await expect(page.getByText('Den undertecknade kopian overenskommelse – undertecknad.docx är sparad.')).toBeVisible();
  const result = page.getByTestId('verify-result');
  await expect(result.getByTestId('verdict')).toContainText('Giltig underskrift');
  const signature = result.getByTestId('signature-details');
  await expect(signature).toHaveCount(1);
  await expect(signature).toContainText('Undertecknare för Södertälje kommun');
  await expect(signature).toContainText('Undertecknar samverkansöverenskommelse 2017–2018, version 2');
  await expect(signature).toContainText('Lars-Göran Uddholm');
});
