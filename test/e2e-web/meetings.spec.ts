import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import type { Download, Locator, Page } from '@playwright/test';
import { test, expect, openApp } from './support/app';
import { attestAs, finishEveryParagraph, sendForAttestation } from './support/protocol';

/**
 * A Chefssamråd from kallelse to attested protocol, as a new user does it through the UI:
 * the chair prepares the meeting and its agenda and sends out the kallelse; the secretary
 * keeps attendance and writes the protocol; chair and justerare attest it; the protocol and
 * an extract are exported as Word files.
 */

const NEW_ITEM = 'Fordonsbränder i Hovsjö – lägesbild och åtgärder';
const SECOND_ITEM = 'Trygghetsvandringar våren 2018';
const ACTION = 'Ta fram åtgärdsplan mot fordonsbränder i Hovsjö';

/** The text of the document body of a .docx download, after checking it is a real Word package. */
async function docxText(download: Download): Promise<string> {
  const file = await download.path();
  const files = unzipSync(new Uint8Array(fs.readFileSync(file)));
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']));
  const xml = strFromU8(files['word/document.xml']);
  expect(xml).toContain('<w:body>');
  // Runs split words; the text nodes joined give what a reader sees.
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

async function exportWord(page: Page, button: Locator, language = 'Svenska (.docx)'): Promise<Download> {
  await button.click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: language }).click();
  return downloading;
}

/** The titles of the agenda, in the order shown. */
async function agendaTitles(page: Page): Promise<string[]> {
  const texts = await page
    .getByTestId('agenda-item')
    .locator('p')
    .filter({ hasText: /^\d+\. / })
    .allTextContents();
  return texts.map((t) => t.replace(/^\d+\. /, ''));
}

test('the Chefssamråd from kallelse to attested protocol and extract', async ({ page, app }) => {
  test.setTimeout(900_000); // a long journey; on the shared 2-core machine it has taken 8 minutes under load
  await openApp(page, app, 'Camilla Broo');
  await page.getByRole('button', { name: 'Läs in exempel' }).click();
  await expect(page.getByText('Exemplet är inläst.')).toBeVisible({ timeout: 60_000 });

  // ---- The chair creates a meeting from the template.
  await page.getByRole('link', { name: 'Sammanträden' }).click();
  await expect(page.getByRole('combobox', { name: 'Samverkansforum', exact: true })).toHaveValue('Chefssamrådet');
  await page.getByRole('button', { name: 'Nytt sammanträde' }).click();
  const form = page.getByRole('dialog', { name: /Nytt sammanträde/ });
  // A meeting that ends before it starts is refused at the field and nothing is saved.
  await form.getByRole('textbox', { name: 'Datum' }).fill('2018-03-13');
  await form.getByLabel('Starttid').fill('11:00');
  await form.getByLabel('Sluttid').fill('09:00');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByText('Sluttiden måste vara efter starttiden')).toBeVisible();
  await form.getByLabel('Starttid').fill('09:00');
  await form.getByLabel('Sluttid').fill('11:00');
  await form.getByRole('textbox', { name: 'Plats' }).fill('Stadshuset, Södertälje');
  await form.getByLabel('Justerare', { exact: true }).first().click();
  await page.getByRole('option', { name: /Lars-Göran Uddholm/ }).click();
  await page.keyboard.press('Escape');
  await expect(form.getByRole('checkbox', { name: 'Lägg in forumets stående punkter på dagordningen' })).toBeChecked();
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Chefssamrådet 2018-03-13' })).toBeVisible();

  // The standing items of the template are there, with running clock times from 09:00.
  await expect(page.getByTestId('agenda-item').first()).toContainText('09:00');
  const standing = await agendaTitles(page);
  expect(standing.length).toBeGreaterThanOrEqual(5);
  expect(standing.join(' | ')).toMatch(/öppnande/i);

  // ---- Adds two items.
  for (const [title, kind, minutes] of [
    [NEW_ITEM, 'Beslut', '20'],
    [SECOND_ITEM, 'Information', '15'],
  ] as const) {
    await page.getByRole('button', { name: 'Ny punkt' }).click();
    const itemForm = page.getByRole('dialog', { name: 'Ny punkt på dagordningen' });
    await itemForm.getByRole('textbox', { name: 'Rubrik' }).fill(title);
    await itemForm.getByRole('combobox', { name: 'Typ av punkt', exact: true }).click();
    await page.getByRole('option', { name: kind, exact: true }).click();
    await itemForm.getByLabel('Planerad tid (minuter)').fill(minutes);
    await itemForm.getByRole('textbox', { name: 'Föredragande' }).fill('Lars-Göran Uddholm');
    await itemForm.getByRole('button', { name: 'Spara' }).click();
    await expect(itemForm).toBeHidden();
    await expect(page.getByTestId('agenda-item').filter({ hasText: title })).toBeVisible();
  }

  // ---- Reorders: once with the keyboard (move-up button, Enter), once by dragging with the mouse.
  let order = await agendaTitles(page);
  const secondAt = order.indexOf(SECOND_ITEM);
  expect(secondAt).toBe(order.indexOf(NEW_ITEM) + 1);
  const moveUp = page.getByRole('button', { name: `Flytta upp: ${SECOND_ITEM}` });
  await moveUp.focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => agendaTitles(page))
    .toEqual([...order.slice(0, secondAt - 1), SECOND_ITEM, NEW_ITEM, ...order.slice(secondAt + 1)]);
  // Focus stays on the moved item, so the keyboard user can keep moving it.
  await expect(page.getByRole('button', { name: `Flytta upp: ${SECOND_ITEM}` })).toBeFocused();
  order = await agendaTitles(page);
  // The move is stored: after a reload the order is the same.
  await page.reload();
  await expect.poll(() => agendaTitles(page)).toEqual(order);

  // Mouse: drag the new item's handle onto the second item's place.
  const handle = page.getByRole('button', { name: `Dra för att flytta: ${NEW_ITEM}` });
  await page.getByTestId('sortable-row').filter({ hasText: SECOND_ITEM }).scrollIntoViewIfNeeded();
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const row = (await page.getByTestId('sortable-row').filter({ hasText: NEW_ITEM }).boundingBox())!;
  const to = (await page.getByTestId('sortable-row').filter({ hasText: SECOND_ITEM }).boundingBox())!;
  const x = from.x + from.width / 2;
  await page.mouse.move(x, from.y + from.height / 2);
  await page.mouse.down();
  // Past the activation distance, then in small steps until the dragged row sits where the
  // other one was; the pauses let the list measure itself on a busy machine.
  await page.mouse.move(x, from.y + from.height / 2 - 8, { steps: 2 });
  await page.waitForTimeout(300);
  const distance = to.y - row.y - 4;
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(x, from.y + from.height / 2 - 8 + (distance * i) / 8);
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(300);
  await page.mouse.up();
  const newAt = order.indexOf(NEW_ITEM);
  await expect
    .poll(() => agendaTitles(page))
    .toEqual([...order.slice(0, newAt - 1), NEW_ITEM, SECOND_ITEM, ...order.slice(newAt + 1)]);
  await page.reload();
  await expect
    .poll(() => agendaTitles(page))
    .toEqual([...order.slice(0, newAt - 1), NEW_ITEM, SECOND_ITEM, ...order.slice(newAt + 1)]);

  // ---- Exports the kallelse med dagordning.
  const kallelse = await docxText(
    await exportWord(page, page.getByRole('button', { name: 'Kallelse med dagordning (Word)' })),
  );
  expect(kallelse).toContain(NEW_ITEM);
  expect(kallelse).toContain(SECOND_ITEM);

  // ---- The secretary marks attendance: Nylind absent, Wikström serves for him.
  await page.getByRole('tab', { name: 'Närvaro' }).click();
  const nylindPresent = page.getByRole('switch', { name: 'Närvarande: Peter Nylind' });
  await expect(nylindPresent).toBeChecked();
  await nylindPresent.click({ force: true });
  await expect(nylindPresent).not.toBeChecked();
  const wikstromPresent = page.getByRole('switch', { name: 'Närvarande: Anders Wikström' });
  if (!(await wikstromPresent.isChecked())) {
    await wikstromPresent.click({ force: true });
    await expect(wikstromPresent).toBeChecked();
  }
  await page.getByRole('combobox', { name: 'Anders Wikström tjänstgör för', exact: true }).click();
  await page.getByRole('option', { name: /Peter Nylind/ }).click();
  await expect(page.getByText('Anders Wikström ersätter Peter Nylind')).toBeVisible();

  // ---- Writes the protocol.
  await page.getByRole('tab', { name: 'Protokoll' }).click();
  await page.getByRole('button', { name: 'Skapa protokoll från dagordningen' }).click();
  const card = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: new RegExp(`§ \\d+ ${NEW_ITEM}`) }) });
  await expect(card).toBeVisible();
  const heading = (await card.getByRole('heading').first().textContent())!;
  expect(heading).toMatch(/^§ \d+ /);

  const decision = card.getByRole('textbox', { name: 'Beslut' });
  await decision.fill('Chefssamrådet beslutar att anta åtgärdsplanen för Hovsjö.');
  await expect(card.getByText('Sparat').first()).toBeVisible();
  await card
    .getByRole('textbox', { name: 'Expedieras till' })
    .fill('Södertörns brandförsvarsförbund, Södertälje kommun');
  // Leaving the field saves at once (no waiting for the pause).
  await card.getByRole('textbox', { name: 'Diarienummer' }).click();

  // Jäv: Wikström does not take part in this §.
  await card.getByLabel('Jäv', { exact: true }).first().click();
  await page.getByRole('option', { name: 'Anders Wikström' }).click();
  await page.keyboard.press('Escape');
  await expect(card.getByText(/Jäv: Anders Wikström/)).toBeVisible();

  // An action item owned by an organisation.
  await card.getByRole('textbox', { name: 'Uppdrag' }).fill(ACTION);
  await card.getByRole('combobox', { name: 'Ansvarig', exact: true }).click();
  await page.getByRole('option', { name: 'Södertörns brandförsvarsförbund', exact: true }).click();
  await card.getByRole('textbox', { name: 'Klart senast' }).fill('2018-05-31');
  await card.getByRole('button', { name: 'Lägg till uppdrag' }).click();
  await expect(card.getByTestId('paragraph-action').filter({ hasText: ACTION })).toBeVisible();

  // The decision survived: reload and it is still there.
  await page.reload();
  await expect(card.getByRole('textbox', { name: 'Beslut' })).toHaveValue(
    'Chefssamrådet beslutar att anta åtgärdsplanen för Hovsjö.',
  );
  await expect(card.getByRole('textbox', { name: 'Expedieras till' })).toHaveValue(
    'Södertörns brandförsvarsförbund, Södertälje kommun',
  );

  // Every § finished, then off for attestation.
  await finishEveryParagraph(page);
  await sendForAttestation(page);
  await expect(page.getByText('För justering').first()).toBeVisible();
  await expect(page.getByText(/dagar? (kvar att justera|sen)/).first()).toBeVisible();

  // ---- Chair and justerare attest.
  await attestAs(page, [/Camilla Broo/, /Lars-Göran Uddholm/]);
  await expect(page.getByText('Protokollet är justerat')).toBeVisible();
  // Attested: read-only.
  await expect(card.getByRole('textbox', { name: 'Beslut' })).toHaveAttribute('readonly', '');
  await expect(card.getByRole('button', { name: 'Lägg till uppdrag' })).toHaveCount(0);

  // ---- The protocol and an extract as Word.
  const protocolText = await docxText(await exportWord(page, page.getByRole('button', { name: 'Protokoll (Word)' })));
  expect(protocolText).toContain(NEW_ITEM);
  expect(protocolText).toContain('§');
  expect(protocolText).toContain('Chefssamrådet beslutar att anta åtgärdsplanen för Hovsjö.');
  const extractText = await docxText(await exportWord(page, card.getByRole('button', { name: 'Protokollsutdrag' })));
  expect(extractText).toContain(NEW_ITEM);
  expect(extractText).toContain(heading.split(' ').slice(0, 2).join(' '));

  // ---- The action item is followed in the overview.
  await page.getByRole('link', { name: 'Uppdrag' }).click();
  const overviewRow = page.getByRole('row').filter({ hasText: ACTION });
  await expect(overviewRow).toContainText('Södertörns brandförsvarsförbund');
  await expect(overviewRow).toContainText('2018-05-31');
});

test('the chair plans a year of four meetings in one step and cancels one after confirming', async ({ page, app }) => {
  test.setTimeout(600_000); // loading the example alone has taken a minute on the shared machine
  await openApp(page, app, 'Camilla Broo');
  await page.getByRole('button', { name: 'Läs in exempel' }).click();
  await expect(page.getByText('Exemplet är inläst.')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('link', { name: 'Sammanträden' }).click();
  await page.getByRole('button', { name: 'Planera årets sammanträden' }).click();
  const series = page.getByRole('dialog', { name: /Planera sammanträden/ });
  const dates = ['2018-02-13', '2018-05-15', '2018-09-11', '2018-09-11'];
  for (const [i, date] of dates.entries()) await series.getByRole('textbox', { name: `Datum ${i + 1}` }).fill(date);
  await series.getByRole('textbox', { name: 'Plats' }).fill('Stadshuset, Södertälje');
  // The same date twice: refused, nothing created.
  await series.getByRole('button', { name: 'Skapa sammanträdena' }).click();
  await expect(series.getByText('Samma datum finns två gånger')).toBeVisible();
  await series.getByRole('textbox', { name: 'Datum 4' }).fill('2018-12-11');
  await series.getByRole('button', { name: 'Skapa sammanträdena' }).click();
  await expect(page.getByText('4 sammanträden skapades.')).toBeVisible();

  await page.getByText('Tidigare', { exact: true }).click();
  for (const date of ['2018-02-13', '2018-05-15', '2018-09-11', '2018-12-11']) {
    await expect(page.getByRole('link', { name: `Öppna sammanträdet Chefssamrådet ${date}` })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Ställ in sammanträdet 2018-09-11' }).click();
  const cancel = page.getByRole('dialog', { name: 'Ställa in sammanträdet?' });
  await cancel.getByRole('textbox', { name: /Skäl/ }).fill('Krockar med krisövning');
  await cancel.getByRole('button', { name: 'Ställ in sammanträdet' }).click();
  await expect(cancel).toBeHidden();
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: 'Öppna sammanträdet Chefssamrådet 2018-09-11' }) });
  await expect(row).toContainText('Inställt');
  await expect(row.getByRole('button', { name: 'Återuppta det inställda sammanträdet 2018-09-11' })).toBeVisible();
});
