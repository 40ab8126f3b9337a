import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { test, expect as baseExpect, openApp } from './support/app';

// Several helpers share two cores here: give each step room without hiding real failures.
const expect = baseExpect.configure({ timeout: 30_000 });

/** The text a reader sees in a .docx body: every w:t run, paragraphs on their own lines. */
function documentText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

test('a new user renews the 2017–2018 agreement, edits it, compares, collects three signatures and exports Word', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000);
  await openApp(page, app);

  // Load the Södertälje example from the overview.
  await page.getByRole('button', { name: 'Läs in exempel' }).click();
  await expect(page.getByText('Exemplet är inläst.')).toBeVisible();

  // Open the agreement signed 2016-12-20, valid 2017–2018.
  await page.getByRole('link', { name: 'Överenskommelser', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Samverkansöverenskommelser', level: 2 })).toBeVisible();
  const row2017 = page.getByTestId('version-row').filter({ hasText: '2017-01-01 – 2018-12-31' });
  await expect(row2017).toHaveCount(1);
  await row2017.getByRole('link').click();
  await expect(page.getByTestId('version-period')).toContainText('2017-01-01 – 2018-12-31');
  await expect(page.getByTestId('frozen-banner')).toContainText('undertecknad');

  // Renew: a draft for 2019–2020 with the same text, parties and priorities.
  await page.getByRole('button', { name: 'Förnya' }).click();
  await page
    .getByRole('dialog', { name: /^Förnya / })
    .getByRole('button', { name: 'Förnya' })
    .click();
  await expect(page.getByTestId('version-period')).toContainText('2019-01-01 – 2020-12-31');
  await expect(page.locator('[data-status="draft"]').first()).toBeVisible();
  const renewedUrl = page.url();

  // Edit the first section: type at the end of its text; it saves itself.
  const editor = page.getByTestId('section-editor').first();
  const textbox = editor.getByRole('textbox', { name: /^Text: / });
  await textbox.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  const added = 'Parterna följer upp trygghetsmätningen årligen under 2019–2020.';
  await page.keyboard.type(added);
  await expect(editor.getByTestId('autosave-status')).toHaveText('Sparat', { timeout: 15_000 });

  // What was typed survives leaving the page and coming back.
  await page.getByRole('link', { name: 'Överenskommelser', exact: true }).click();
  await page.goto(renewedUrl);
  await expect(
    page
      .getByTestId('section-editor')
      .first()
      .getByRole('textbox', { name: /^Text: / }),
  ).toContainText(added);

  // Compare with the previous version: the typed text is marked as inserted.
  await page.getByRole('button', { name: 'Jämför med föregående version' }).click();
  await expect(page.getByRole('heading', { name: 'Jämför versioner', level: 2 })).toBeVisible();
  const inserted = page.locator('ins[data-change="insert"]').filter({ hasText: 'trygghetsmätningen' });
  await expect(inserted.first()).toBeVisible();
  await expect(inserted.first()).toContainText('[infogat:');
  await expect(page.locator('ins[data-change="insert"]').filter({ hasText: '2019' }).first()).toBeVisible();

  // Back to the new version: send it for signing.
  await page.getByRole('link', { name: 'Öppna den nyare versionen' }).click();
  await page.getByRole('tab', { name: 'Underskrifter' }).click();
  await page.getByRole('button', { name: 'Skicka för underskrift' }).click();
  const sendDialog = page.getByRole('dialog', { name: 'Skicka för underskrift?' });
  await sendDialog.getByRole('button', { name: 'Skicka för underskrift' }).click();
  await expect(sendDialog).toBeHidden();
  await expect(page.getByTestId('signing-progress')).toHaveText('0 av 3 har skrivit under');
  await expect(page.getByTestId('frozen-banner')).toContainText('skickad för underskrift');

  // Record the three signatures; name, title and organisation come prefilled from the party.
  for (let signed = 1; signed <= 3; signed++) {
    const record = page.getByRole('button', { name: /^Registrera underskrift för / }).first();
    const label = (await record.getAttribute('aria-label'))!;
    await record.click();
    const dialog = page.getByRole('dialog', { name: label });
    await expect(dialog.getByRole('textbox', { name: 'Namn' })).not.toHaveValue('');
    await expect(dialog.getByRole('textbox', { name: 'Organisation' })).not.toHaveValue('');
    const place = dialog.getByRole('textbox', { name: 'Ort' });
    if ((await place.inputValue()) === '') await place.fill('Södertälje');
    await dialog.getByRole('button', { name: 'Registrera underskrift' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('signing-progress')).toHaveText(`${signed} av 3 har skrivit under`);
  }
  await expect(page.getByText('Alla har skrivit under')).toBeVisible();
  // the signings default to today, long after this version's period: recorded, and flagged by each
  const rows = page.getByTestId('signatory-row');
  await expect(rows).toHaveCount(3);
  for (let i = 0; i < 3; i++)
    await expect(rows.nth(i).getByRole('note')).toHaveText(
      /^Undertecknat \d{4}-\d{2}-\d{2}, efter överenskommelsens sista dag 2020-12-31$/,
    );
  await expect(page.getByTestId('content-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('frozen-banner')).toContainText('kan inte ändras');

  // Export Word in Swedish; the download is a real .docx showing the new period.
  await page.getByRole('tab', { name: 'Word-export' }).click();
  const exportPanel = page.getByRole('tabpanel', { name: 'Word-export' });
  await exportPanel.getByText('Svenska', { exact: true }).click();
  await expect(exportPanel.getByRole('radio', { name: 'Svenska' })).toBeChecked();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportPanel.getByRole('button', { name: 'Exportera Word' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const file = await download.path();
  const zip = unzipSync(new Uint8Array(fs.readFileSync(file!)));
  expect(Object.keys(zip)).toContain('word/document.xml');
  const text = documentText(strFromU8(zip['word/document.xml']));
  expect(text).toContain('2019-01-01 – 2020-12-31');
  expect(text).toContain(added);
  expect(text).toMatch(/Södertälje/);

  // The export is logged and shows in the version's history.
  await expect(page.getByTestId('export-log-row')).toHaveCount(1);
  await expect(page.getByTestId('export-log-row')).toContainText(download.suggestedFilename());
});

test('field errors show at the field, sections reorder by keyboard, and withdrawing from signing clears the signings', async ({
  page,
  app,
}) => {
  test.setTimeout(300_000);
  await openApp(page, app);
  // Two parties and their chiefs in the register (set up through the same contract the pages use).
  const api = (method: string, input: unknown) =>
    page.evaluate(
      async ([m, i]) => {
        const response = await fetch('/api/call', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-samrad-token': sessionStorage.getItem('samrad.token') ?? '',
          },
          body: JSON.stringify({ method: m, input: i }),
        });
        return (await response.json()) as { ok: boolean; value: { id: number } };
      },
      [method, input] as const,
    );
  for (const [name, kind, person] of [
    ['Nykvarns kommun', 'kommun', 'Åsa Öberg'],
    ['Lokalpolisområde Nykvarn', 'polis', 'Örjan Ågren'],
  ]) {
    const organisation = await api('organisations.create', { name, kind });
    await api('people.create', { name: person, title: 'Chef', organisationId: organisation.value.id });
  }

  await page.getByRole('link', { name: 'Överenskommelser', exact: true }).click();
  await expect(page.getByText('Inga överenskommelser ännu')).toBeVisible();
  await page.getByRole('button', { name: 'Ny överenskommelse' }).first().click();
  const create = page.getByRole('dialog', { name: 'Ny överenskommelse' });
  await create.getByRole('button', { name: 'Skapa' }).click();
  await expect(create.getByText('Ange en titel').first()).toBeVisible();
  await create.getByRole('textbox', { name: 'Överenskommelsens namn' }).fill('Samverkan i Nykvarn');
  await create.getByRole('textbox', { name: 'Titel' }).fill('Överenskommelse 2025–2026');
  await create.getByRole('textbox', { name: 'Gäller från' }).fill('2025-01-01');
  await create.getByRole('textbox', { name: 'Gäller till' }).fill('2024-06-30');
  await create.getByRole('button', { name: 'Skapa' }).click();
  await expect(create.getByText('Slutdatum måste ligga efter startdatum')).toBeVisible();
  await create.getByRole('textbox', { name: 'Gäller till' }).fill('2026-12-31');
  await create.getByRole('button', { name: 'Skapa' }).click();
  await expect(create).toBeHidden();
  await expect(page.getByTestId('version-period')).toContainText('2025-01-01 – 2026-12-31');

  // An empty title is refused at the field and nothing is saved.
  await page.getByRole('tab', { name: 'Uppgifter och parter' }).click();
  const title = page.getByRole('textbox', { name: 'Titel' });
  await title.fill('');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Ange en titel')).toBeVisible();
  await page.getByRole('button', { name: 'Ångra ändringar' }).click();
  await expect(title).toHaveValue('Överenskommelse 2025–2026');

  // A party without a signatory is refused; then both parties are added with their chiefs.
  await page.getByRole('button', { name: 'Lägg till part' }).click();
  let party = page.getByRole('dialog', { name: 'Lägg till part' });
  await party.getByRole('combobox', { name: 'Organisation' }).click();
  await page.getByRole('option', { name: 'Nykvarns kommun' }).click();
  await party.getByRole('button', { name: 'Spara' }).click();
  await expect(party.getByText('Välj vem som skriver under för parten')).toBeVisible();
  await party.getByRole('combobox', { name: 'Undertecknare' }).click();
  await page.getByRole('option', { name: /Åsa Öberg/ }).click();
  await party.getByRole('button', { name: 'Spara' }).click();
  await expect(party).toBeHidden();
  await page.getByRole('button', { name: 'Lägg till part' }).click();
  party = page.getByRole('dialog', { name: 'Lägg till part' });
  await party.getByRole('combobox', { name: 'Organisation' }).click();
  await page.getByRole('option', { name: 'Lokalpolisområde Nykvarn' }).click();
  await party.getByRole('combobox', { name: 'Undertecknare' }).click();
  await page.getByRole('option', { name: /Örjan Ågren/ }).click();
  await party.getByRole('button', { name: 'Spara' }).click();
  await expect(party).toBeHidden();
  await expect(page.getByTestId('party-row')).toHaveCount(2);

  // Two sections; the second is moved up with the keyboard.
  await page.getByRole('tab', { name: 'Text' }).click();
  await page.getByRole('button', { name: 'Lägg till avsnitt' }).click();
  const first = page.getByRole('textbox', { name: 'Rubrik, avsnitt 1' });
  await first.fill('Bakgrund');
  await first.blur();
  await expect(page.getByTestId('autosave-status').first()).toHaveText('Sparat', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Lägg till avsnitt' }).click();
  const second = page.getByRole('textbox', { name: 'Rubrik, avsnitt 2' });
  await second.fill('Syfte');
  await second.blur();
  await expect(page.getByTestId('autosave-status').nth(1)).toHaveText('Sparat', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Flytta upp: Syfte' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Rubrik, avsnitt 1' })).toHaveValue('Syfte');
  await expect(page.getByRole('textbox', { name: 'Rubrik, avsnitt 2' })).toHaveValue('Bakgrund');
  // Bold from the toolbar: the button says whether it is on.
  const body = page.getByRole('textbox', { name: 'Text: Syfte' });
  await body.click();
  const bold = page
    .getByRole('toolbar', { name: 'Formatering för Text: Syfte' })
    .getByRole('button', { name: 'Fetstil' });
  await expect(bold).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('Trygghet för alla');
  await expect(bold).toHaveAttribute('aria-pressed', 'true');
  await expect(body.locator('strong')).toHaveText('Trygghet för alla');
  await expect(page.getByTestId('autosave-status').first()).toHaveText('Sparat', { timeout: 15_000 });

  // Send for signing, record one signing, then withdraw: the version is a draft again with no signings.
  await page.getByRole('tab', { name: 'Underskrifter' }).click();
  await page.getByRole('button', { name: 'Skicka för underskrift' }).click();
  await page
    .getByRole('dialog', { name: 'Skicka för underskrift?' })
    .getByRole('button', { name: 'Skicka för underskrift' })
    .click();
  await expect(page.getByTestId('signing-progress')).toHaveText('0 av 2 har skrivit under');
  await page.getByRole('button', { name: 'Registrera underskrift för Nykvarns kommun' }).click();
  const signing = page.getByRole('dialog', { name: 'Registrera underskrift för Nykvarns kommun' });
  await expect(signing.getByRole('textbox', { name: 'Namn' })).toHaveValue('Åsa Öberg');
  await signing.getByRole('textbox', { name: 'Datum' }).fill('2150-01-01');
  await signing.getByRole('textbox', { name: 'Ort' }).fill('Nykvarn');
  await signing.getByRole('button', { name: 'Registrera underskrift' }).click();
  await expect(signing.getByText(/senare än i dag|later than today/)).toBeVisible();
  await signing.getByRole('textbox', { name: 'Datum' }).fill('2024-12-15');
  await signing.getByRole('button', { name: 'Registrera underskrift' }).click();
  await expect(signing).toBeHidden();
  await expect(page.getByTestId('signing-progress')).toHaveText('1 av 2 har skrivit under');

  await page.getByRole('button', { name: 'Dra tillbaka från underskrift' }).click();
  const withdraw = page.getByRole('dialog', { name: 'Dra tillbaka från underskrift?' });
  await expect(withdraw).toContainText('alla registrerade underskrifter (1) rensas');
  await withdraw.getByRole('button', { name: 'Dra tillbaka från underskrift' }).click();
  await expect(withdraw).toBeHidden();
  await expect(page.locator('[data-status="draft"]')).toBeVisible();
  await expect(page.getByTestId('signing-progress')).toBeHidden();
  await expect(page.getByTestId('frozen-banner')).toBeHidden();
  await page.getByRole('tab', { name: 'Underskrifter' }).click();
  await expect(page.getByTestId('signatory-row').filter({ hasText: 'Inte undertecknat' })).toHaveCount(2);
});
