import type { Page } from '@playwright/test';
import { expect } from './app';

/** The passphrase the browser tests choose for the keystore. */
export const PASSPHRASE = 'vår hemliga fras';

/** On the Certificates page: a local CA and signing certificate for Södertälje kommun; the keystore is then unlocked. */
export async function createLocalCertificate(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Certifikat' }).click();
  await page.getByRole('button', { name: 'Skapa lokalt certifikat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Skapa lokalt certifikat' });
  await dialog.getByRole('textbox', { name: 'Organisation' }).fill('Södertälje kommun');
  await dialog.getByLabel('Lösenfras för nyckellagret').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Skapa' }).click();
  // making the keys and sealing them with scrypt takes a while on a busy machine
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('keystore-status')).toHaveText('Upplåst');
}

/** On the People page: a local personal certificate for `name`, its key sealed with `password`; the dialog stays open. */
export async function issuePersonalCertificate(page: Page, name: string, password: string) {
  await page.getByRole('link', { name: 'Deltagare' }).click();
  await page.getByRole('button', { name: `Certifikat för ${name}` }).click();
  const certificates = page.getByRole('dialog', { name: `Certifikat för ${name}` });
  await certificates.getByLabel('Nytt lösenord för certifikatet').fill(password);
  await certificates.getByRole('button', { name: 'Utfärda lokalt certifikat' }).click();
  const row = certificates.getByRole('row', { name: new RegExp(`${name} \\(lokal\\)`) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  return { certificates, row };
}

/** On the Certificates page: signatures ask the time-stamping service at `url` from now on. */
export async function setTimestampService(page: Page, url: string): Promise<void> {
  await page.getByRole('link', { name: 'Certifikat' }).click();
  await page.getByRole('textbox', { name: 'Adress till tidsstämpeltjänst (TSA)' }).fill(url);
  await page
    .getByRole('region', { name: 'Betrodd tid (tidsstämplar)' })
    .getByRole('button', { name: 'Spara', exact: true })
    .click();
  await expect(page.getByTestId('tsa-current')).toHaveText(`Signaturer begär en tidsstämpel från ${url}.`);
}

/** The organisation's local certificate, then a local personal certificate for each of `people` (name, password), each dialog closed again. */
export async function localCertificatesFor(page: Page, people: Array<[name: string, password: string]>): Promise<void> {
  await createLocalCertificate(page);
  for (const [name, password] of people) {
    await issuePersonalCertificate(page, name, password);
    await page.keyboard.press('Escape');
  }
}
