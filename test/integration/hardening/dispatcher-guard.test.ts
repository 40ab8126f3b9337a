import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/backend/dispatcher';
import { testBackend, type TestBackend } from '../../support/backend';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

/** A bulleted list nested `depth` levels deep, each level one item. */
function nestedLists(depth: number): unknown {
  let inner: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'botten' }] };
  for (let i = 0; i < depth; i++) inner = { type: 'bulletList', content: [{ type: 'listItem', content: [inner] }] };
  return { type: 'doc', content: [inner] };
}

async function draftVersion(): Promise<number> {
  const agreement = await b.call('agreements.create', {
    name: 'Samverkansöverenskommelse',
    version: { title: 'Överenskommelse 2017–2018', validFrom: '2017-01-01', validTo: '2018-12-31' },
  });
  return agreement.versions[0].id;
}

describe('the dispatcher never rejects (issue 13, case 2)', () => {
  it('rich text nested 500 lists deep is a field error, not a stack overflow', async () => {
    const versionId = await draftVersion();
    const deep = nestedLists(500);
    expect(JSON.stringify(deep).length).toBeGreaterThan(30_000);
    const result = await b.dispatch('agreements.sections.add', { versionId, fields: { heading: 'Djup', body: deep } });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(Object.values((result as { error: { fields: Record<string, string> } }).error.fields)).toEqual(['too_deep']);
  });

  it('lists nested deeper than Word shows are refused at the body; nine levels are fine', async () => {
    const versionId = await draftVersion();
    const tooDeep = await b.fail('agreements.sections.add', {
      versionId,
      fields: { heading: 'Tio', body: nestedLists(10) },
    });
    expect(tooDeep.fields).toEqual({ 'fields.body.content': 'too_deep' });
    const fine = await b.call('agreements.sections.add', {
      versionId,
      fields: { heading: 'Nio', body: nestedLists(9) as never },
    });
    expect(fine.sections).toHaveLength(1);
  });

  it('any method, any shape: a 100 000-deep array, a huge object, a non-string method name', async () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    await expect(b.dispatch('people.create', { name: 'x', extra: deep })).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    await expect(b.dispatch('people.create', wide)).resolves.toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { _: 'too_large' } },
    });
    await expect(b.dispatch(123 as unknown as string, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it('a handler that overflows the stack, or throws a non-Error, still answers with a typed error', async () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    const dispatch = createDispatcher(b.ctx, {
      ...(await import('../../../electron/backend/handlers')).handlers,
      'organisations.list': () => recurse(0),
    } as never);
    await expect(dispatch('organisations.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const throwsString = createDispatcher(b.ctx, {
      ...(await import('../../../electron/backend/handlers')).handlers,
      'organisations.list': () => {
        throw 'nej';
      },
    } as never);
    await expect(throwsString('organisations.list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'nej' },
    });
  });
});

describe('text is stored exactly as typed or refused (issue 13, case 9)', () => {
  it('lone surrogates, NUL and other control characters are field errors; nothing is saved', async () => {
    for (const name of [
      'Anna \uD800 Berg',
      'Anna \uDC00 Berg',
      'Anna\u0000Berg',
      'Anna\u0007Berg',
      'Anna\u001BBerg',
      'Anna\uFFFFBerg',
    ]) {
      expect((await b.fail('people.create', { name })).fields, JSON.stringify(name)).toEqual({
        name: 'invalid_characters',
      });
    }
    const versionId = await draftVersion();
    const body = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Beslut\u000Bfattat' }] }],
    };
    expect(
      (await b.fail('agreements.sections.add', { versionId, fields: { heading: 'Rubrik', body } })).fields,
    ).toEqual({ 'fields.body.content.0.content.0.text': 'invalid_characters' });
    expect((await b.call('people.list', {})).items).toEqual([]);
  });

  it('what can be stored comes back exactly: astral characters, combining marks, tabs and line breaks', async () => {
    const name = 'Åsa Öberg 👩🏽‍⚖️ e\u0301 \u200B';
    const person = await b.call('people.create', { name, title: 'Ordförande' });
    expect((await b.call('people.get', { id: person.id })).name).toBe(name);
    const versionId = await draftVersion();
    const text = 'Första raden\tmed tabb\nandra raden \u{1F692}';
    const body = {
      type: 'doc' as const,
      content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
    };
    const version = await b.call('agreements.sections.add', {
      versionId,
      fields: { heading: 'Rubrik\tmed tabb', body },
    });
    expect(version.sections[0].heading).toBe('Rubrik\tmed tabb');
    expect(version.sections[0].body).toEqual(body);
  });

  it('dates are real calendar dates between 1900 and 2199: year 0000 and 9999 are refused', async () => {
    for (const activeFrom of ['0000-01-01', '0001-01-01', '1899-12-31', '2200-01-01', '9999-12-31']) {
      expect((await b.fail('people.create', { name: 'Anna Berg', activeFrom })).fields, activeFrom).toEqual({
        activeFrom: 'date_out_of_range',
      });
    }
    expect((await b.fail('people.create', { name: 'Anna Berg', activeFrom: '2017-02-29' })).fields).toEqual({
      activeFrom: 'invalid_date',
    });
    expect(await b.call('people.create', { name: 'Anna Berg', activeFrom: '1900-01-01' })).toMatchObject({
      activeFrom: '1900-01-01',
    });
  });
});

describe('paths (issue 13, case 8)', () => {
  it('archive.export refuses a relative target and a NUL in the path with a field error', async () => {
    const base = { from: '2017-01-01', to: '2017-12-31' };
    expect((await b.fail('archive.export', { ...base, target: 'arkiv/2017' })).fields).toEqual({
      target: 'relative_path',
    });
    expect((await b.fail('archive.export', { ...base, target: './arkiv.zip' })).fields).toEqual({
      target: 'relative_path',
    });
    expect((await b.fail('archive.export', { ...base, target: `${b.dir}/ark\u0000iv` })).fields).toEqual({
      target: 'invalid_characters',
    });
  });
});

describe('a locked database (issue 13, case 6)', () => {
  it('retries without blocking for a bounded time, then says the database is in use; other calls are answered meanwhile', async () => {
    const other = new Database(b.ctx.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const writing = b.dispatch('people.create', { name: 'Anna Berg' });
      // a read is answered while the write waits: the backend does not freeze
      const readAt = await b.dispatch('people.list', {}).then(() => Date.now() - started);
      expect(readAt).toBeLessThan(1_000);
      const result = await writing;
      const took = Date.now() - started;
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'DATABASE_BUSY', params: { seconds: expect.any(Number) } },
      });
      expect(took).toBeGreaterThan(3_000);
      expect(took).toBeLessThan(8_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await b.call('people.list', {})).items).toEqual([]);
  });

  it('a lock released while waiting: the write goes through once, not twice', async () => {
    const other = new Database(b.ctx.dbPath);
    other.exec('BEGIN IMMEDIATE');
    setTimeout(() => {
      other.exec('ROLLBACK');
      other.close();
    }, 1_000);
    const result = await b.dispatch('people.create', { name: 'Anna Berg' });
    expect(result.ok).toBe(true);
    expect((await b.call('people.list', {})).items.map((p) => p.name)).toEqual(['Anna Berg']);
  });
});
