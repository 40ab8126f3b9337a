import { test, expect as baseExpect, openApp, loadExample } from './support/app';
import { expectAccessible } from './support/axe';

const expect = baseExpect.configure({ timeout: 30_000 });

test('the home page is the secretary’s desk: the agreement, what waits for justering and the overdue uppdrag, each line leading to its place', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await openApp(page, app);
  await loadExample(page);
  const desk = page.getByTestId('desk');
  await expect(desk.getByRole('heading', { name: 'Sekreterarens skrivbord' })).toBeVisible();
  // the example's agreement ended 2018-12-31 and was never renewed
  await expect(desk.getByTestId('desk-agreement')).toHaveText(
    'Ingen version gäller i dag; den senaste gällde till 2018-12-31.',
  );
  await expect(desk.getByText('Förnya nu')).toBeVisible();
  await expect(desk.getByText('Chefssamrådet är inte en kommunal nämnd')).toBeVisible();
  await expect(desk.getByTestId('desk-overdue').getByRole('listitem').first()).toContainText(/: \d+ försena(t|de)$/);
  await expectAccessible(page, '[data-testid="desk"]');

  // a deadline setting changes what the desk says
  const justering = desk.getByTestId('desk-justering').getByRole('listitem');
  if ((await justering.count()) > 0) {
    const before = (await justering.first().textContent())!;
    await desk.getByLabel('Justeras senast (dagar efter sammanträdet)').fill('21');
    await desk.getByRole('button', { name: 'Spara' }).click();
    await expect(justering.first()).not.toHaveText(before);
    await justering.first().getByRole('link').click();
    await expect(page.getByRole('tab', { name: 'Protokoll' })).toBeVisible();
  } else {
    await desk.getByTestId('desk-overdue').getByRole('link').first().click();
    await expect(page.getByRole('heading', { name: 'Uppdrag', level: 2 })).toBeVisible();
  }
});
