import { startBackend } from '../../electron/backend/backend';
import type { Meeting } from '../../shared/contract/meetings';
import type { Body, Person } from '../../shared/contract/participants';
import { expect, openApp, test } from './support/app';
import { dispatched } from './support/dispatched';

/**
 * A meeting's people pickers with a register larger than a picker's page: the body's members
 * come first, and someone far down the register is found by typing, searched on the backend.
 */
test('attendance picker: members first; a person beyond the first 100 is found by typing and added by keyboard', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  let meetingId = 0;
  await app.restart(async () => {
    const backend = await startBackend(app.dbPath);
    try {
      const body = dispatched<Body>(
        await backend.dispatch('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' }),
      );
      const chair = dispatched<Person>(
        await backend.dispatch('people.create', { name: 'Camilla Broo', organisationId: null }),
      );
      dispatched(
        await backend.dispatch('bodies.addMember', {
          bodyId: body.id,
          personId: chair.id,
          role: 'ordforande',
          from: '2024-01-01',
        }),
      );
      for (let i = 1; i <= 130; i++)
        dispatched(
          await backend.dispatch('people.create', {
            name: `Anna Person ${String(i).padStart(3, '0')}`,
            organisationId: null,
          }),
        );
      dispatched(await backend.dispatch('people.create', { name: 'Östen Zetterlund', organisationId: null }));
      meetingId = dispatched<Meeting>(
        await backend.dispatch('meetings.create', {
          bodyId: body.id,
          date: '2030-03-12',
          startTime: '09:00',
          endTime: '11:00',
          place: 'Stadshuset',
          justerareIds: [],
          applyTemplate: false,
        }),
      ).id;
      // a member who joins after the meeting was planned, so the roster does not list them yet
      const member = dispatched<Person>(
        await backend.dispatch('people.create', { name: 'Peter Nylind', organisationId: null }),
      );
      dispatched(
        await backend.dispatch('bodies.addMember', {
          bodyId: body.id,
          personId: member.id,
          role: 'ledamot',
          from: '2024-01-01',
        }),
      );
    } finally {
      backend.close();
    }
  });
  await openApp(page, app);
  await page.evaluate((id) => (location.hash = `#/meetings/${id}/attendance`), meetingId);

  const add = page.getByRole('region', { name: 'Lägg till deltagare' });
  const picker = add.getByRole('combobox', { name: 'Person' });
  await picker.click();
  const listbox = page.getByRole('listbox');
  await expect(listbox.getByRole('option').first()).toHaveText('Peter Nylind (Ledamot)');
  await expect(listbox.getByRole('option', { name: 'Anna Person 100' })).toBeAttached();
  // the member, then a page of 100 others by name (the chair is on the roster already), nobody further down
  await expect(listbox.getByRole('option')).toHaveCount(101);
  await expect(listbox.getByRole('option', { name: 'Camilla Broo' })).toHaveCount(0);
  await expect(listbox.getByRole('option', { name: 'Östen Zetterlund' })).toHaveCount(0);

  await picker.pressSequentially('Zetter');
  const found = listbox.getByRole('option', { name: 'Östen Zetterlund' });
  await expect(found).toBeVisible();
  await expect(listbox.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue('Östen Zetterlund');
  await add.getByRole('button', { name: 'Lägg till' }).click();
  await expect(page.getByTestId('attendee-row').filter({ hasText: 'Östen Zetterlund' })).toBeVisible();
});
