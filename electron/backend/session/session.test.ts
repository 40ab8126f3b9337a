import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackend } from '../backend';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { LATEST_VERSION } from '../db/migrations';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

const lastActor = () => b.ctx.db.prepare('SELECT actor FROM audit_event ORDER BY id DESC LIMIT 1').pluck().get();

describe('session', () => {
  it('starts with no chosen actor, Swedish, and the OS user name in the audit log', async () => {
    expect(await b.call('session.get', {})).toEqual({
      actor: null,
      osUserName: 'testare',
      language: 'sv',
      schemaVersion: LATEST_VERSION,
      databasePath: b.ctx.dbPath,
      timeZone: 'Europe/Stockholm',
    });
    await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    expect(lastActor()).toBe('testare');
  });

  it('names the chosen person in the audit log from then on, by their current name', async () => {
    const p = await b.call('people.create', { name: 'Camila Broo' });
    const session = await b.call('session.setActor', { name: 'something else', personId: p.id });
    expect(session.actor).toEqual({ name: 'Camila Broo', personId: p.id });
    await b.call('people.update', { id: p.id, fields: { name: 'Camilla Broo' } });
    expect(lastActor()).toBe('Camila Broo');
    await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    expect(lastActor()).toBe('Camilla Broo');
    expect((await b.call('session.get', {})).actor).toEqual({ name: 'Camilla Broo', personId: p.id });
  });

  it('accepts a name that is not in the register', async () => {
    expect((await b.call('session.setActor', { name: '  Sekretariatet  ' })).actor).toEqual({
      name: 'Sekretariatet',
      personId: null,
    });
    await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' });
    expect(lastActor()).toBe('Sekretariatet');
  });

  it('validates the choice: an empty name or an unknown person is refused and nothing changes', async () => {
    expect(await b.fail('session.setActor', { name: '   ' })).toMatchObject({
      code: 'VALIDATION',
      fields: { name: 'required' },
    });
    expect(await b.fail('session.setActor', { name: 'Ingen', personId: 999 })).toMatchObject({
      code: 'VALIDATION',
      fields: { personId: 'unknown_person' },
    });
    expect(await b.fail('session.setActor', { name: 'X', personId: 'ett' })).toMatchObject({
      code: 'VALIDATION',
      fields: { personId: 'invalid_id' },
    });
    expect((await b.call('session.get', {})).actor).toBeNull();
  });

  it('remembers the language and the actor across a restart', async () => {
    expect((await b.fail('session.setLanguage', { language: 'de' })).code).toBe('VALIDATION');
    expect((await b.call('session.setLanguage', { language: 'en' })).language).toBe('en');
    await b.call('session.setActor', { name: 'Sekretariatet' });
    b.close();
    const again = await startBackend(b.ctx.dbPath, { osUserName: 'testare' });
    try {
      const result = await again.dispatch('session.get', {});
      expect(result).toMatchObject({
        ok: true,
        value: { language: 'en', actor: { name: 'Sekretariatet', personId: null } },
      });
    } finally {
      again.close();
    }
    b = { ...b, close: () => undefined, cleanup: b.cleanup };
  });

  it('tells listeners that the session changed', async () => {
    const told: unknown[] = [];
    b.events.on('event', (name, payload) => told.push([name, payload]));
    await b.call('session.setLanguage', { language: 'en' });
    expect(told).toEqual([['data.changed', { entity: 'session' }]]);
  });
});
