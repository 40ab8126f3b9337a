import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { createLocalCertificate, issuePersonalCertificate } from './support/signing';
import { expiredCertificate } from '../support/test-ca';
import { pkcs12Of } from '../support/pkcs12';

/**
 * Whether a person can sign with a certificate is the backend's verdict: a person's expired
 * certificate is marked so among their certificates, and where a certificate is chosen to sign
 * it is offered disabled with the backend's reason, beside the one that can sign.
 */

const expect = baseExpect.configure({ timeout: 30_000 });

test('an expired personal certificate is marked and offered disabled with its reason; the valid one can be chosen', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000); // loading the example alone has taken a minute on the shared machine
  await openApp(page, app, 'Åsa Öberg');
  await loadExample(page);
  await createLocalCertificate(page);
  const { certificates } = await issuePersonalCertificate(page, 'Lars-Göran Uddholm', 'uddholms eget lösen');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-e2e-expired-'));
  try {
    const p12 = pkcs12Of(dir, expiredCertificate('Lars-Göran Uddholm'), 'gammalt lösen');
    await certificates.locator('input[type="file"]').setInputFiles({
      name: 'gammalt.p12',
      mimeType: 'application/x-pkcs12',
      buffer: p12,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await certificates.getByLabel('Filens lösenord').fill('gammalt lösen');
  await certificates.getByRole('button', { name: 'Importera PKCS#12' }).click();
  const rows = certificates.getByRole('row').filter({ hasText: 'Har gått ut' });
  await expect(rows).toHaveCount(1);
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Underteckna dokument' }).click();
  await page.getByRole('combobox', { name: 'Vem undertecknar' }).click();
  await page.getByRole('option', { name: 'Lars-Göran Uddholm' }).click();
  await page.getByRole('combobox', { name: 'Certifikat', exact: true }).click();
  const expired = page.getByRole('option', {
    name: /Signeringscertifikatet gick ut \d{4}-\d{2}-\d{2} och kan inte signera/,
  });
  await expect(expired).toBeVisible();
  await expect(expired).toHaveAttribute('data-combobox-disabled', 'true');
  const valid = page.getByRole('option', { name: /Lars-Göran Uddholm \(lokal\) – lokal/ });
  await expect(valid).not.toHaveAttribute('data-combobox-disabled', 'true');
  // a disabled option cannot be chosen (the list stays open); the valid one can
  await expired.click({ force: true });
  await expect(page.getByRole('combobox', { name: 'Certifikat', exact: true })).toHaveValue('');
  await valid.click();
  await expect(page.getByRole('combobox', { name: 'Certifikat', exact: true })).toHaveValue(
    /Lars-Göran Uddholm \(lokal\)/,
  );
});
