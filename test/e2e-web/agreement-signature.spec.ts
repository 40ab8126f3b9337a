import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { createLocalCertificate, issuePersonalCertificate } from './support/signing';
import { renewalSentForSigning } from './support/agreements';

/**
 * A signatory signs an agreement version with his own certificate: the secretary issues him a
 * local personal certificate, he picks it on the version's Underskrifter tab and types its
 * password himself; the version then says "digitally signed" for him and "recorded without
 * digital signature" for the parties whose signing on paper the secretary records.
 */

const expect = baseExpect.configure({ timeout: 30_000 });

test('a signatory signs an agreement version in the UI with his own certificate; the version shows digitally signed', async ({
  page,
  app,
}) => {
  test.setTimeout(400_000);
  await openApp(page, app, 'Åsa Öberg');
  await loadExample(page);
  await createLocalCertificate(page);
  await issuePersonalCertificate(page, 'Lars-Göran Uddholm', 'uddholms eget lösen');
  await page.keyboard.press('Escape');

  await renewalSentForSigning(page);

  // he signs digitally: a wrong password first is refused and records nothing
  await page.getByRole('button', { name: 'Underteckna digitalt för Södertörns brandförsvarsförbund' }).click();
  const sign = page.getByRole('dialog', {
    name: 'Lars-Göran Uddholm undertecknar för Södertörns brandförsvarsförbund',
  });
  await sign.getByRole('combobox', { name: 'Certifikat', exact: true }).click();
  await page.getByRole('option', { name: /Lars-Göran Uddholm \(lokal\) – lokal/ }).click();
  await sign.getByLabel('Certifikatets lösenord').fill('fel lösen');
  const place = sign.getByRole('textbox', { name: 'Ort' });
  if ((await place.inputValue()) === '') await place.fill('Tumba');
  await sign.getByRole('button', { name: 'Underteckna digitalt' }).click();
  await expect(sign.getByText('Fel lösenord för certifikatet.')).toBeVisible();
  await expect(page.getByTestId('signing-progress')).toHaveText('0 av 3 har skrivit under');
  await sign.getByLabel('Certifikatets lösenord').fill('uddholms eget lösen');
  // the refusal goes away as soon as the password is changed
  await expect(sign.getByText('Fel lösenord för certifikatet.')).toBeHidden();
  await sign.getByRole('button', { name: 'Underteckna digitalt' }).click();
  await expect(sign).toBeHidden();
  await expect(page.getByTestId('signing-progress')).toHaveText('1 av 3 har skrivit under');

  const signatories = page.getByRole('table', { name: 'Undertecknare' });
  const his = signatories.getByRole('row', { name: /Södertörns brandförsvarsförbund/ });
  await expect(his.getByText('Digitalt undertecknat', { exact: true })).toBeVisible();
  await expect(his).toContainText(
    /Digitalt undertecknat av Lars-Göran Uddholm \(CN=Lars-Göran Uddholm.*lokal; \d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}, tid enligt undertecknarens egen klocka\)/,
  );
  await expect(his.getByRole('button', { name: /Registrera underskrift/ })).toHaveCount(0);

  // the two others sign on paper: recorded by the operator, never confused with a signature
  for (let signed = 2; signed <= 3; signed++) {
    const record = page.getByRole('button', { name: /^Registrera underskrift för / }).first();
    const label = (await record.getAttribute('aria-label'))!;
    await record.click();
    const dialog = page.getByRole('dialog', { name: label });
    const paperPlace = dialog.getByRole('textbox', { name: 'Ort' });
    if ((await paperPlace.inputValue()) === '') await paperPlace.fill('Södertälje');
    await dialog.getByRole('button', { name: 'Registrera underskrift' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('signing-progress')).toHaveText(`${signed} av 3 har skrivit under`);
  }
  await expect(page.getByText('Alla har skrivit under')).toBeVisible();
  const kommun = signatories
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'Södertälje kommun', exact: true }) });
  await expect(kommun.getByText('Registrerat utan digital underskrift', { exact: true })).toBeVisible();
  await expect(kommun).toContainText('Registrerat utan digital underskrift av Åsa Öberg');
  await expect(his.getByText('Digitalt undertecknat', { exact: true })).toBeVisible();
});
