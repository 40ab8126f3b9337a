import { expect, type Page } from '@playwright/test';

/** Ticks "Färdigskriven" on every § still unfinished, one at a time as a secretary does. */
export async function finishEveryParagraph(page: Page): Promise<void> {
  const unfinished = page.getByRole('checkbox', { name: 'Färdigskriven', checked: false });
  await expect(unfinished.first()).toBeVisible();
  while ((await unfinished.count()) > 0) {
    const count = await unfinished.count();
    await unfinished.first().click();
    await expect(unfinished).toHaveCount(count - 1);
  }
}

/** Sends the protocol for justering, confirming the question. */
export async function sendForAttestation(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Skicka för justering' }).click();
  await page
    .getByRole('dialog', { name: 'Skicka protokollet för justering?' })
    .getByRole('button', { name: 'Skicka för justering' })
    .click();
}

/** Each of `attesters` (the chair, the justerare) attests the protocol in the Justera dialog. */
export async function attestAs(page: Page, attesters: RegExp[]): Promise<void> {
  for (const who of attesters) {
    await page.getByRole('button', { name: 'Justera', exact: true }).click();
    const attest = page.getByRole('dialog', { name: 'Justera protokollet' });
    await attest.getByRole('combobox', { name: 'Vem justerar', exact: true }).click();
    await page.getByRole('option', { name: who }).click();
    await attest.getByRole('button', { name: 'Justera' }).click();
    await expect(attest).toBeHidden();
  }
}

/** A Chefssamråd on 2018-03-13 with Lars-Göran Uddholm as justerare, its agenda from the body's template; its page open. */
export async function planMeeting(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sammanträden' }).click();
  await page.getByRole('button', { name: 'Nytt sammanträde' }).click();
  const form = page.getByRole('dialog', { name: /Nytt sammanträde/ });
  await form.getByRole('textbox', { name: 'Datum' }).fill('2018-03-13');
  await form.getByLabel('Starttid').fill('09:00');
  await form.getByLabel('Sluttid').fill('11:00');
  await form.getByRole('textbox', { name: 'Plats' }).fill('Stadshuset, Södertälje');
  await form.getByLabel('Justerare', { exact: true }).first().click();
  await page.getByRole('option', { name: /Lars-Göran Uddholm/ }).click();
  await page.keyboard.press('Escape');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form).toBeHidden({ timeout: 30_000 });
}

/** The same meeting, its protocol made from the agenda and every § finished. */
export async function planMeetingWithFinishedProtocol(page: Page): Promise<void> {
  await planMeeting(page);
  await page.getByRole('tab', { name: 'Protokoll' }).click();
  await page.getByRole('button', { name: 'Skapa protokoll från dagordningen' }).click();
  await finishEveryParagraph(page);
}

/** The same meeting, its protocol also sent for justering. */
export async function planMeetingSentForAttestation(page: Page): Promise<void> {
  await planMeetingWithFinishedProtocol(page);
  await sendForAttestation(page);
}
