import type { Page } from '@playwright/test';
import { test, expect as baseExpect, loadExample, openApp, type RunningApp } from './support/app';

// the machine running these is shared and often busy: wait longer than the default for the UI
const expect = baseExpect.configure({ timeout: 25_000 });

/** The main menu's link, by its exact label, so links elsewhere on a page never match. */
const navLink = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

/** The language switch in the header (a segmented control: its radio inputs are visually hidden). */
async function chooseLanguage(page: Page, label: 'Svenska' | 'English') {
  await page.getByRole('banner').getByText(label, { exact: true }).click();
  await expect(page.getByRole('radio', { name: label })).toBeChecked();
}

async function pick(page: Page, combobox: ReturnType<Page['getByRole']>, option: string) {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a new user loads the example, adds an organisation and a person with å/ä/ö, sees field errors, switches language and finds it all after a restart', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000); // a long journey with two backend restarts, on a shared 2-core machine
  await openApp(page, app);

  // a new user is welcomed, with the example one click away
  await expect(page.getByTestId('welcome')).toContainText('Välkommen till Samråd');
  await loadExample(page);
  await expect(page.getByTestId('welcome')).toBeHidden();
  // at least the participants part of the example (other parts of the example may add more)
  for (const [list, atLeast] of [
    ['organisations', 8],
    ['people', 3],
    ['bodies', 2],
  ] as const) {
    await expect(page.getByTestId(`count-${list}`)).toHaveText(/^\d+$/);
    expect(Number(await page.getByTestId(`count-${list}`).textContent())).toBeGreaterThanOrEqual(atLeast);
  }

  // loading again asks first, and cancelling changes nothing
  await page.getByRole('button', { name: 'Läs in exempel' }).click();
  const confirm = page.getByRole('dialog', { name: 'Databasen innehåller redan uppgifter' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Avbryt' }).click();
  await expect(confirm).toBeHidden();

  // the three parties and the named chiefs with titles and phone numbers
  await navLink(page, 'Organisationer').click();
  for (const name of ['Södertälje kommun', 'Södertälje lokalpolisområde', 'Södertörns brandförsvarsförbund']) {
    await expect(page.getByRole('row', { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await navLink(page, 'Deltagare').click();
  const people = page.getByRole('table', { name: 'Deltagare' });
  await expect(people.getByRole('row', { name: /Camilla Broo/ })).toContainText('tf kommundirektör (tf stadsdirektör)');
  await expect(people.getByRole('row', { name: /Camilla Broo/ })).toContainText('08-523 069 63');
  await expect(people.getByRole('row', { name: /Lars-Göran Uddholm/ })).toContainText('brandchef');
  await expect(people.getByRole('row', { name: /Lars-Göran Uddholm/ })).toContainText('08-721 22 90');
  await expect(people.getByRole('row', { name: /Peter Nylind/ })).toContainText('lokalpolisområdeschef Södertälje');
  await expect(people.getByRole('row', { name: /Peter Nylind/ })).toContainText('070-682 80 33');

  // Chefssamrådet with its members
  await navLink(page, 'Samverkansforum').click();
  await page.getByRole('link', { name: 'Chefssamrådet', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Chefssamrådet' })).toBeVisible();
  const members = page.getByRole('table', { name: 'Ledamöter i Chefssamrådet' });
  await expect(members.getByRole('row', { name: /^Camilla Broo/ })).toContainText('Ordförande');
  await expect(members.getByRole('row', { name: /^Camilla Broo/ })).toContainText('2017-01-01 – 2018-12-31');
  await expect(members.getByRole('row', { name: /^Peter Nylind/ })).toContainText('Ledamot');
  await expect(members.getByRole('row', { name: /^Lars-Göran Uddholm/ })).toContainText('Ledamot');

  // a new organisation with å/ä/ö
  await navLink(page, 'Organisationer').click();
  await page.getByRole('button', { name: 'Ny organisation' }).click();
  const orgDialog = page.getByRole('dialog', { name: 'Ny organisation' });
  await orgDialog.getByRole('textbox', { name: 'Namn' }).fill('Ängsö trygghetsråd');
  await pick(page, orgDialog.getByRole('combobox', { name: 'Typ' }), 'Annan');
  await orgDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(orgDialog).toBeHidden();
  await expect(page.getByRole('cell', { name: 'Ängsö trygghetsråd', exact: true })).toBeVisible();

  // a new person: an invalid e-mail is shown at its field and nothing is saved
  await navLink(page, 'Deltagare').click();
  await page.getByRole('button', { name: 'Ny deltagare' }).click();
  let personDialog = page.getByRole('dialog', { name: 'Ny deltagare' });
  await personDialog.getByRole('textbox', { name: 'Namn' }).fill('Åsa Öberg-Ärlemark');
  await personDialog.getByRole('textbox', { name: 'E-post' }).fill('asa.oberg@');
  await personDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(personDialog.getByRole('textbox', { name: 'E-post' })).toHaveAccessibleDescription(
    /Ogiltig e-postadress/,
  );
  await page.keyboard.press('Escape');
  await expect(personDialog).toBeHidden();
  await expect(people.getByRole('row', { name: /Åsa/ })).toHaveCount(0);

  // then an end date before the start date, shown at the end date; then fixed and saved
  await page.getByRole('button', { name: 'Ny deltagare' }).click();
  personDialog = page.getByRole('dialog', { name: 'Ny deltagare' });
  await personDialog.getByRole('textbox', { name: 'Namn' }).fill('Åsa Öberg-Ärlemark');
  await personDialog.getByRole('textbox', { name: 'Titel' }).fill('säkerhetssamordnare');
  await pick(page, personDialog.getByRole('combobox', { name: 'Organisation' }), 'Ängsö trygghetsråd');
  await personDialog.getByRole('textbox', { name: 'E-post' }).fill('asa.oberg@angso.se');
  await personDialog.getByRole('textbox', { name: 'Telefon' }).fill('08-523 000 00');
  await personDialog.getByRole('textbox', { name: 'Aktiv från' }).fill('2017-06-01');
  await personDialog.getByRole('textbox', { name: 'Aktiv till' }).fill('2017-01-31');
  await personDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(personDialog.getByRole('textbox', { name: 'Aktiv till' })).toHaveAccessibleDescription(
    /Slutdatum ligger före startdatum/,
  );
  await expect(personDialog.getByRole('textbox', { name: 'Aktiv från' })).not.toHaveAttribute('aria-invalid', 'true');
  await personDialog.getByRole('textbox', { name: 'Aktiv till' }).fill('2018-12-31');
  await personDialog.getByRole('textbox', { name: 'Aktiv till' }).press('Enter');
  await expect(personDialog).toBeHidden();
  const asa = people.getByRole('row', { name: /Åsa Öberg-Ärlemark/ });
  await expect(asa).toContainText('säkerhetssamordnare');
  await expect(asa).toContainText('Ängsö trygghetsråd');
  await expect(asa).toContainText('2017-06-01 – 2018-12-31');

  // search and the organisation filter
  await page.getByRole('searchbox', { name: 'Sök' }).fill('öberg');
  await expect(people.getByRole('row')).toHaveCount(2); // header + Åsa
  await expect(asa).toBeVisible();
  await page.getByRole('searchbox', { name: 'Sök' }).fill('');
  await pick(page, page.getByRole('combobox', { name: 'Organisation' }), 'Södertörns brandförsvarsförbund');
  await expect(people.getByRole('row', { name: /Lars-Göran Uddholm/ })).toBeVisible();
  await expect(people.getByRole('row', { name: /Camilla Broo|Peter Nylind|Åsa Öberg/ })).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Sök' }).fill('nylind');
  await expect(page.getByText('Ingen deltagare matchar sökningen.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Sök' }).fill('');

  // English, and back
  await chooseLanguage(page, 'English');
  await expect(navLink(page, 'People')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'People' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await chooseLanguage(page, 'Svenska');
  await expect(navLink(page, 'Deltagare')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');

  // choose English, restart the backend: data and language are still there
  await chooseLanguage(page, 'English');
  await expect(navLink(page, 'People')).toBeVisible();
  await restartAndReload(page, app);
  await expect(navLink(page, 'People')).toBeVisible();
  await expect(page.getByTestId('current-actor')).toHaveText('Working as Sekreterare Test');
  await navLink(page, 'People').click();
  await expect(
    page.getByRole('table', { name: 'People' }).getByRole('row', { name: /Åsa Öberg-Ärlemark/ }),
  ).toContainText('2017-06-01 – 2018-12-31');
  await navLink(page, 'Organisations').click();
  await expect(page.getByRole('cell', { name: 'Ängsö trygghetsråd', exact: true })).toBeVisible();
  await navLink(page, 'Bodies').click();
  await page.getByRole('link', { name: 'Chefssamrådet', exact: true }).click();
  await expect(
    page.getByRole('table', { name: 'Members of Chefssamrådet' }).getByRole('row', { name: /^Camilla Broo/ }),
  ).toContainText('Chair');

  // back to Swedish, remembered too
  await chooseLanguage(page, 'Svenska');
  await expect(navLink(page, 'Deltagare')).toBeVisible();
  await restartAndReload(page, app);
  await expect(navLink(page, 'Deltagare')).toBeVisible();
});

async function restartAndReload(page: Page, app: RunningApp) {
  await app.restart();
  await page.goto(app.url);
  await expect(page.getByRole('navigation')).toBeVisible();
}

test('bodies: members with roles and periods, a substitute standing in, duplicate refused at the field, removal confirmed, history', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await openApp(page, app);
  await loadExample(page);
  await navLink(page, 'Samverkansforum').click();
  await expect(page.getByRole('row', { name: /Fasta lägesmöten/ })).toContainText('Lägesmöte');

  // a new body
  await page.getByRole('button', { name: 'Nytt forum' }).click();
  const bodyDialog = page.getByRole('dialog', { name: 'Nytt forum' });
  await bodyDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(bodyDialog.getByRole('textbox', { name: 'Namn' })).toHaveAccessibleDescription(/Obligatoriskt fält/);
  await bodyDialog.getByRole('textbox', { name: 'Namn' }).fill('Arbetsgruppen för trygghet i Hovsjö');
  await pick(page, bodyDialog.getByRole('combobox', { name: 'Typ' }), 'Arbetsgrupp');
  await bodyDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(bodyDialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Arbetsgruppen för trygghet i Hovsjö/ })).toContainText('Arbetsgrupp');

  // members of Chefssamrådet: a substitute standing in for Peter Nylind
  await page.getByRole('link', { name: 'Chefssamrådet', exact: true }).click();
  const members = page.getByRole('table', { name: 'Ledamöter i Chefssamrådet' });
  await page.getByRole('button', { name: 'Lägg till ledamot' }).click();
  let memberDialog = page.getByRole('dialog', { name: 'Lägg till ledamot' });
  await pick(page, memberDialog.getByRole('combobox', { name: 'Person' }), 'Lars-Göran Uddholm (brandchef)');
  await pick(page, memberDialog.getByRole('combobox', { name: 'Roll' }), 'Ersättare');
  await pick(page, memberDialog.getByRole('combobox', { name: 'Ersätter' }), 'Peter Nylind');
  await memberDialog.getByRole('textbox', { name: 'Från' }).fill('2017-01-01');
  await memberDialog.getByRole('textbox', { name: 'Till' }).fill('2017-06-30');
  await memberDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(memberDialog).toBeHidden();
  const substitute = members.getByRole('row', { name: /^Lars-Göran Uddholm.*Ersättare/ });
  await expect(substitute).toContainText('Lars-Göran Uddholm');
  await expect(substitute).toContainText('ersätter Peter Nylind');
  await expect(substitute).toContainText('2017-01-01 – 2017-06-30');

  // the same person in the same role over an overlapping period is refused at the person field
  await page.getByRole('button', { name: 'Lägg till ledamot' }).click();
  memberDialog = page.getByRole('dialog', { name: 'Lägg till ledamot' });
  await pick(
    page,
    memberDialog.getByRole('combobox', { name: 'Person' }),
    'Peter Nylind (lokalpolisområdeschef Södertälje)',
  );
  await pick(page, memberDialog.getByRole('combobox', { name: 'Roll' }), 'Ledamot');
  await memberDialog.getByRole('textbox', { name: 'Från' }).fill('2018-01-01');
  await memberDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(memberDialog.getByRole('combobox', { name: 'Person' })).toHaveAccessibleDescription(
    /Personen har redan den rollen/,
  );
  // end before start on a membership, at the end date
  await memberDialog.getByRole('textbox', { name: 'Från' }).fill('2019-01-01');
  await memberDialog.getByRole('textbox', { name: 'Till' }).fill('2018-01-01');
  await memberDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(memberDialog.getByRole('textbox', { name: 'Till' })).toHaveAccessibleDescription(
    /Slutdatum ligger före startdatum/,
  );
  await memberDialog.getByRole('button', { name: 'Avbryt' }).click();
  await expect(members.getByRole('row', { name: /^Peter Nylind/ })).toHaveCount(1);

  // removal asks first; cancel keeps, confirm removes
  await members.getByRole('button', { name: 'Ta bort Lars-Göran Uddholm (Ersättare)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Ta bort ledamoten?' });
  await expect(confirm).toContainText('Lars-Göran Uddholm tas bort som Ersättare i Chefssamrådet');
  await confirm.getByRole('button', { name: 'Avbryt' }).click();
  await expect(substitute).toBeVisible();
  await members.getByRole('button', { name: 'Ta bort Lars-Göran Uddholm (Ersättare)' }).click();
  await confirm.getByRole('button', { name: 'Ta bort' }).click();
  await expect(confirm).toBeHidden();
  await expect(substitute).toHaveCount(0);

  // the body's history shows the member added and removed, and by whom
  await page.getByRole('button', { name: 'Historik för Chefssamrådet' }).click();
  const history = page.getByRole('dialog', { name: 'Historik: Chefssamrådet' });
  await expect(
    history.getByText('Sekreterare Test lade till Lars-Göran Uddholm i forumet som Ersättare').first(),
  ).toBeVisible();
  await expect(history.getByText('Sekreterare Test tog bort Lars-Göran Uddholm ur forumet')).toBeVisible();
  await history.getByRole('button', { name: 'Stäng dialogen' }).click();
  await expect(history).toBeHidden();

  // archiving asks first, then the body leaves the list
  await page.getByRole('link', { name: '← Tillbaka till listan' }).click();
  await page.getByRole('button', { name: 'Arkivera Arbetsgruppen för trygghet i Hovsjö' }).click();
  await page.getByRole('dialog', { name: 'Arkivera forumet?' }).getByRole('button', { name: 'Arkivera' }).click();
  await expect(page.getByRole('row', { name: /Arbetsgruppen för trygghet i Hovsjö/ })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Visa arkiverade' }).check();
  await expect(page.getByRole('row', { name: /Arbetsgruppen för trygghet i Hovsjö/ })).toContainText('Arkiverat');
});

test("the person working can be changed later from the header, and a person's history shows edits", async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await loadExample(page);
  await page.getByRole('button', { name: 'Byt användare' }).click();
  const chooser = page.getByRole('dialog', { name: 'Byt användare' });
  await pick(page, chooser.getByRole('combobox', { name: 'Välj bland deltagarna' }), 'Camilla Broo');
  await chooser.getByRole('button', { name: 'Spara' }).click();
  await expect(chooser).toBeHidden();
  await expect(page.getByTestId('current-actor')).toHaveText('Inloggad som Camilla Broo');

  await navLink(page, 'Deltagare').click();
  await page.getByRole('button', { name: 'Redigera Peter Nylind' }).click();
  const dialog = page.getByRole('dialog', { name: 'Redigera deltagare' });
  await dialog.getByRole('textbox', { name: 'E-post' }).fill('peter.nylind@polisen.se');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Peter Nylind/ })).toContainText('peter.nylind@polisen.se');

  await page.getByRole('button', { name: 'Historik för Peter Nylind' }).click();
  const history = page.getByRole('dialog', { name: 'Historik: Peter Nylind' });
  const edited = history.getByRole('row').filter({ hasText: 'Camilla Broo ändrade deltagaren Peter Nylind' });
  await expect(edited).toContainText('E-post: peter.nylind@polisen.se');
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();
});
