import { expect, type Page } from '@playwright/test';

/**
 * The example's 2017–2018 agreement renewed (2019–2020) and the renewal sent for signing, left
 * on its Underskrifter tab: three signatories, none signed yet.
 */
export async function renewalSentForSigning(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Överenskommelser', exact: true }).click();
  await page.getByTestId('version-row').filter({ hasText: '2017-01-01 – 2018-12-31' }).getByRole('link').click();
  await page.getByRole('button', { name: 'Förnya' }).click();
  await page
    .getByRole('dialog', { name: /^Förnya / })
    .getByRole('button', { name: 'Förnya' })
    .click();
  await expect(page.getByTestId('version-period')).toContainText('2019-01-01 – 2020-12-31');
  await page.getByRole('tab', { name: 'Underskrifter' }).click();
  await page.getByRole('button', { name: 'Skicka för underskrift' }).click();
  await page
    .getByRole('dialog', { name: 'Skicka för underskrift?' })
    .getByRole('button', { name: 'Skicka för underskrift' })
    .click();
  await expect(page.getByTestId('signing-progress')).toHaveText('0 av 3 har skrivit under');
}
