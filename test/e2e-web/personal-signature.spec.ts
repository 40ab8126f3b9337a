import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { attestAs, planMeetingSentForAttestation } from './support/protocol';
import { createLocalCertificate } from './support/signing';

/**
 * A justerare attests with his own certificate: the secretary issues him a local personal
 * certificate on his page, he picks it in the protocol and types its password himself; the
 * protocol then says "digitally signed" for him and "recorded without digital signature" for
 * the chair, who attests on paper.
 */

const expect = baseExpect.configure({ timeout: 30_000 });

test('a justerare signs in the UI with his own certificate; the protocol shows digitally signed', async ({
  page,
  app,
}) => {
  test.setTimeout(400_000);
  await openApp(page, app, 'Åsa Öberg');
  await loadExample(page);
  await createLocalCertificate(page);

  // his own certificate, on his page
  await page.getByRole('link', { name: 'Deltagare' }).click();
  await page.getByRole('button', { name: 'Certifikat för Lars-Göran Uddholm' }).click();
  const certificates = page.getByRole('dialog', { name: 'Certifikat för Lars-Göran Uddholm' });
  await expect(certificates.getByText('Inga certifikat')).toBeVisible();
  await certificates.getByLabel('Nytt lösenord för certifikatet').fill('uddholms eget lösen');
  await certificates.getByRole('button', { name: 'Utfärda lokalt certifikat' }).click();
  const row = certificates.getByRole('row', { name: /Lars-Göran Uddholm \(lokal\)/ });
  await expect(row).toBeVisible();
  await expect(row.getByText('lokal', { exact: true })).toBeVisible();
  await expect(row).toContainText(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  await page.keyboard.press('Escape');

  // a protocol sent for justering
  await planMeetingSentForAttestation(page);

  // he signs digitally: a wrong password first is refused and records nothing
  await page.getByRole('button', { name: 'Justera digitalt' }).click();
  const sign = page.getByRole('dialog', { name: 'Justera med egen underskrift' });
  await sign.getByRole('combobox', { name: 'Vem justerar', exact: true }).click();
  await page.getByRole('option', { name: /Lars-Göran Uddholm/ }).click();
  await sign.getByRole('combobox', { name: 'Certifikat', exact: true }).click();
  await page.getByRole('option', { name: /Lars-Göran Uddholm \(lokal\) – lokal/ }).click();
  await sign.getByLabel('Certifikatets lösenord').fill('fel lösen');
  await sign.getByRole('button', { name: 'Justera digitalt' }).click();
  await expect(sign.getByText('Fel lösenord för certifikatet.')).toBeVisible();
  await sign.getByLabel('Certifikatets lösenord').fill('uddholms eget lösen');
  // the refusal goes away as soon as the password is changed
  await expect(sign.getByText('Fel lösenord för certifikatet.')).toBeHidden();
  await sign.getByRole('button', { name: 'Justera digitalt' }).click();
  await expect(sign).toBeHidden();

  const attestations = page.getByRole('table', { name: 'Justeringar' });
  const his = attestations.getByRole('row', { name: /Lars-Göran Uddholm/ });
  await expect(his.getByText('Digitalt undertecknat', { exact: true })).toBeVisible();
  await expect(his).toContainText(
    /Digitalt undertecknat av Lars-Göran Uddholm \(CN=Lars-Göran Uddholm.*lokal; \d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}, tid enligt undertecknarens egen klocka\)/,
  );

  // the chair attests on paper: recorded by the operator, never confused with a signature
  await attestAs(page, [/Camilla Broo/]);
  const chair = attestations.getByRole('row', { name: /Camilla Broo/ });
  await expect(chair.getByText('Registrerat utan digital underskrift', { exact: true })).toBeVisible();
  await expect(chair).toContainText('Registrerat utan digital underskrift av Åsa Öberg');
  await expect(page.getByTestId('sealed-record')).toContainText('Förseglad handling');
});
