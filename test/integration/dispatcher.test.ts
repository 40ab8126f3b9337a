import Database from 'better-sqlite3';
import { z } from 'zod';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../shared/errors';
import { createDispatcher } from '../../electron/backend/dispatcher';
import { handlers } from '../../electron/backend/handlers';
import type { HandlerMap } from '../../electron/backend/handler';
import { startBackend } from '../../electron/backend/backend';
import { fieldErrorsFrom, toErrorBody } from '../../electron/backend/dispatcher';
import { LATEST_VERSION } from '../../electron/backend/db/migrations';
import { tempDbPath, testBackend, type TestBackend } from '../support/backend';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

const seen = new Set<ErrorCode>();
function saw(error: ErrorBody): ErrorBody {
  seen.add(error.code);
  return error;
}

/** The real handlers with one replaced: how a broken or misbehaving handler is simulated. */
function dispatcherWith(method: keyof HandlerMap, handler: (...args: never[]) => unknown) {
  return createDispatcher(b.ctx, { ...handlers, [method]: handler } as HandlerMap);
}

async function failWith(
  dispatch: ReturnType<typeof createDispatcher>,
  method: string,
  input: unknown,
): Promise<ErrorBody> {
  const result = await dispatch(method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return saw(result.error);
}

describe('dispatcher: every error code the contract can return', () => {
  it('VALIDATION: names each bad field with a translation key, and saves nothing', async () => {
    const error = saw(
      await b.fail('people.create', { name: '', email: 'ingen-adress', phone: 'ring mig', activeFrom: '2017-02-30' }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual({
      name: 'required',
      email: 'invalid_email',
      phone: 'invalid_phone',
      activeFrom: 'invalid_date',
    });
    expect(error.message).toMatch(/^Invalid input for people.create: /);
    expect((await b.call('people.list', {})).items).toEqual([]);
  });

  it('VALIDATION: nested fields keep their path, a wrong input shape is reported at "_" or the key', async () => {
    const nested = saw(await b.fail('organisations.update', { id: 1, fields: { name: ' ', kind: 'kyrka' } }));
    expect(nested.fields).toEqual({ 'fields.name': 'required', 'fields.kind': 'required' });
    expect((await b.fail('organisations.get', 'inte ett objekt')).fields).toEqual({ _: 'invalid' });
    expect((await b.fail('organisations.get', { id: -3 })).fields).toEqual({ id: 'invalid_id' });
  });

  it('VALIDATION: a rule kept in SQL (overlapping membership) reaches the field', async () => {
    const body = await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' });
    const p = await b.call('people.create', { name: 'Peter Nylind' });
    await b.call('bodies.addMember', { bodyId: body.id, personId: p.id, role: 'ledamot', from: '2017-01-01' });
    // update the second membership into the first one's period: only the SQL trigger sees this
    const second = await b.call('bodies.addMember', {
      bodyId: body.id,
      personId: p.id,
      role: 'ledamot',
      from: '2016-01-01',
      to: '2016-12-31',
    });
    const error = saw(
      await b.fail('bodies.updateMember', {
        id: second.id,
        fields: { bodyId: body.id, personId: p.id, role: 'ledamot', from: '2016-01-01', to: '2017-06-30' },
      }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION', fields: { personId: 'duplicate_member' } });
  });

  it('VALIDATION: a CHECK constraint that a handler ran into is reported as a broken rule, not a crash', async () => {
    const dispatch = dispatcherWith('organisations.create', (ctx: typeof b.ctx) =>
      ctx.db
        .prepare(
          "INSERT INTO organisation (name, name_key, kind, created_at, updated_at) VALUES ('X', 'x', 'kyrka', 'now', 'now')",
        )
        .run(),
    );
    const error = await failWith(dispatch, 'organisations.create', { name: 'X', kind: 'annan' });
    expect(error).toMatchObject({ code: 'VALIDATION', params: { reason: 'constraint' } });
  });

  it('field messages pass through only when they are translation keys; the first issue per field wins', () => {
    const schema = z.object({
      a: z.string().min(3, { message: 'min_3' }).regex(/x/, { message: 'needs_x' }),
      b: z.string().min(1, { message: 'Too short!' }),
      c: z.object({ d: z.number({ message: 'agreements.validation.number' }) }),
    });
    const parsed = schema.safeParse({ a: 'y', b: '', c: { d: 'no' } });
    expect(parsed.success).toBe(false);
    expect(fieldErrorsFrom(parsed.error!)).toEqual({ a: 'min_3', b: 'invalid', 'c.d': 'agreements.validation.number' });
  });

  it('NOT_FOUND: an unknown id, with the entity and id as params', async () => {
    const error = saw(await b.fail('people.get', { id: 4711 }));
    expect(error).toEqual({
      code: 'NOT_FOUND',
      message: 'person 4711 does not exist',
      params: { entity: 'person', id: '4711' },
    });
    expect((await b.fail('bodies.removeMember', { id: 9 })).code).toBe('NOT_FOUND');
  });

  it('CONFLICT: a duplicate name, at the name field', async () => {
    await b.call('bodies.create', { name: 'Chefssamrådet', kind: 'chefssamrad' });
    const error = saw(await b.fail('bodies.create', { name: ' chefssamrådet ', kind: 'annat' }));
    expect(error).toMatchObject({ code: 'CONFLICT', fields: { name: 'duplicate_name' } });
    expect((await b.call('bodies.list', {})).items).toHaveLength(1);
  });

  it('CONFLICT: loading the example into a database with data, without confirmation', async () => {
    await b.call('organisations.create', { name: 'Egen organisation', kind: 'annan' });
    const error = saw(await b.fail('example.load', {}));
    expect(error).toMatchObject({ code: 'CONFLICT', params: { reason: 'example_needs_confirmation' } });
  });

  it('CONFLICT: a unique rule on another column is a conflict without a guessed field', async () => {
    const dispatch = dispatcherWith('organisations.create', (ctx: typeof b.ctx) => {
      ctx.db.prepare("INSERT INTO setting (key, value) VALUES ('k', '1')").run();
      ctx.db.prepare("INSERT INTO setting (key, value) VALUES ('k', '2')").run();
    });
    const error = await failWith(dispatch, 'organisations.create', { name: 'X', kind: 'annan' });
    expect(error).toMatchObject({ code: 'CONFLICT', params: { reason: 'duplicate' } });
    expect(error.fields).toBeUndefined();
  });

  it('UNKNOWN_METHOD: a method the contract does not have, including inherited property names', async () => {
    for (const method of ['organisations.delete', 'toString', '__proto__', 'constructor', '']) {
      const error = saw(await b.fail(method as never, {}));
      expect(error).toMatchObject({ code: 'UNKNOWN_METHOD', params: { method } });
    }
  });

  it('INTERNAL: a handler returning a value outside the contract is not passed on', async () => {
    const dispatch = dispatcherWith('organisations.get', () => ({ id: 'one', name: 42 }));
    const error = await failWith(dispatch, 'organisations.get', { id: 1 });
    expect(error).toEqual({ code: 'INTERNAL', message: 'organisations.get returned an invalid value' });
  });

  it('INTERNAL: a handler that throws a plain error', async () => {
    const dispatch = dispatcherWith('people.list', () => {
      throw new TypeError('boom');
    });
    expect(await failWith(dispatch, 'people.list', {})).toEqual({ code: 'INTERNAL', message: 'boom' });
  });

  it('output is checked and stripped to the contract: extra keys never leave the backend', async () => {
    const org = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    const dispatch = dispatcherWith('organisations.get', () => ({ ...org, secret: 'internal' }));
    const result = await dispatch('organisations.get', { id: org.id });
    expect(result).toEqual({ ok: true, value: org });
  });

  it('LOCKED: a handler that tries to change the audit log is stopped by its trigger', async () => {
    await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
    const dispatch = dispatcherWith('organisations.archive', (ctx: typeof b.ctx) =>
      ctx.db.prepare("UPDATE audit_event SET actor = 'x'").run(),
    );
    const error = await failWith(dispatch, 'organisations.archive', { id: 1, archived: true });
    expect(error).toEqual({ code: 'LOCKED', message: 'The audit log cannot be changed' });
    expect((await b.call('history.recent', {}))[0].actor).toBe('testare');
  });

  it('SCHEMA_TOO_NEW: opening a database from a newer Samråd', async () => {
    const tmp = tempDbPath();
    try {
      const raw = new Database(tmp.file);
      raw.pragma(`user_version = ${LATEST_VERSION + 7}`);
      raw.close();
      const failure = await startBackend(tmp.file).then(
        () => null,
        (error: unknown) => saw(toErrorBody(error)),
      );
      expect(failure).toMatchObject({
        code: 'SCHEMA_TOO_NEW',
        params: { found: LATEST_VERSION + 7, known: LATEST_VERSION },
      });
      expect(failure?.message).toMatch(/newer version of Samråd/);
    } finally {
      tmp.cleanup();
    }
  });

  afterAll(() => {
    // FILE_EXISTS and FILE_NOT_WRITABLE: write-file.test.ts. INVALID_STATE: raised by later slices (agreements, meetings).
    const elsewhere = new Set<ErrorCode>(['FILE_EXISTS', 'FILE_NOT_WRITABLE', 'INVALID_STATE']);
    // the machine's failures (locked, read-only, full, damaged, gone, restarted): test/integration/hardening/ and electron/main/backend-process.test.ts
    for (const code of [
      'DATABASE_BUSY',
      'DATABASE_READ_ONLY',
      'DISK_FULL',
      'DATABASE_CORRUPT',
      'NOT_A_DATABASE',
      'DISK_IO',
      'DATABASE_UNAVAILABLE',
      'BACKEND_RESTARTED',
    ] as const)
      elsewhere.add(code);
    // a broken seal: electron/backend/records/records.test.ts and the archive and migration tests
    elsewhere.add('SEAL_BROKEN');
    // a time-stamping service that is down, slow or answers garbage: electron/backend/signing/timestamp/*.test.ts
    elsewhere.add('TIMESTAMP_FAILED');
    expect(ERROR_CODES.filter((c) => !elsewhere.has(c) && !seen.has(c))).toEqual([]);
  });
});
