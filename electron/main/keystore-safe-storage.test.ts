import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import { startBackend, type Backend } from '../backend/backend';
import {
  electronSafeStorage,
  KeystorePassphraseMemory,
  rememberedPassphraseFile,
  writeFileAtomically,
  type Invoke,
  type SecretWrapper,
} from './keystore-safe-storage';

/**
 * The remembered keystore passphrase without Electron: a fake safeStorage (XOR under a key,
 * with a marker so a foreign or damaged buffer fails to decrypt, as the real one does), a
 * temporary user-data folder, and a fake or a real backend behind the relay middleware.
 */
const dirs: string[] = [];
const backends: Backend[] = [];
afterEach(() => {
  backends.splice(0).forEach((backend) => backend.close());
  dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  vi.restoreAllMocks();
});

const PASSPHRASE = 'korrekt hästbatteri 2017';

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-safe-'));
  dirs.push(dir);
  return dir;
}

function fakeSafeStorage(
  options: { available?: boolean; backend?: string; key?: number } = {},
): SecretWrapper & { calls: string[] } {
  const key = options.key ?? 0x5a;
  const marker = Buffer.from('FAKE');
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ key));
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain) => {
      calls.push('encrypt');
      return Buffer.concat([marker, xor(Buffer.from(plain, 'utf8'))]);
    },
    decryptString: (encrypted) => {
      calls.push('decrypt');
      if (!encrypted.subarray(0, 4).equals(marker))
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(encrypted.subarray(4)).toString('utf8');
    },
    backend: options.backend === undefined ? undefined : () => options.backend!,
  };
}

/** A backend that knows one passphrase and records every call it gets. */
function fakeBackend(state: { passphrase: string | null; unlocked?: boolean }) {
  const calls: Array<[string, unknown]> = [];
  const status = () => ({
    passphraseSet: state.passphrase !== null,
    unlocked: !!state.unlocked,
    activeCertificateId: null,
  });
  const invoke: Invoke = async (method, input) => {
    calls.push([method, input]);
    // like the contract: an empty passphrase means none
    const given = (input as { passphrase?: string | null } | undefined)?.passphrase || null;
    const wrong: Result<unknown> = {
      ok: false,
      error: { code: 'VALIDATION', message: 'The passphrase is not correct' },
    };
    switch (method) {
      case 'certificates.status':
        return { ok: true, value: status() };
      case 'certificates.unlock':
        if (state.passphrase !== null && given !== state.passphrase) return wrong;
        state.passphrase = given;
        state.unlocked = true;
        return { ok: true, value: status() };
      case 'certificates.lock':
        state.unlocked = false;
        return { ok: true, value: status() };
      case 'certificates.createLocal':
      case 'certificates.importPkcs12':
        if (given !== null) {
          if (state.passphrase !== null && given !== state.passphrase) return wrong;
          state.passphrase = given;
          state.unlocked = true;
        } else if (!state.unlocked) {
          return {
            ok: false,
            error: { code: 'VALIDATION', message: 'Give the keystore passphrase to store a private key' },
          };
        }
        return { ok: true, value: { id: 1 } };
      default:
        return { ok: true, value: null };
    }
  };
  return { invoke, calls, state };
}

function setup(safe: SecretWrapper = fakeSafeStorage()) {
  const dir = tempDir();
  const file = rememberedPassphraseFile(dir, path.join(dir, 'samrad.sqlite'));
  const errors: string[] = [];
  const memory = new KeystorePassphraseMemory({ safeStorage: safe, file, onError: (action) => errors.push(action) });
  return { dir, file, memory, safe, errors };
}

function unwrap(file: string, safe: SecretWrapper): string {
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { wrapped: string };
  return safe.decryptString(Buffer.from(stored.wrapped, 'base64')) as string;
}

describe('keystore passphrase remembered with safeStorage (desktop main process)', () => {
  it('stores the passphrase wrapped after a successful unlock, in a 0600 file without the plain text', async () => {
    const { file, memory, safe } = setup();
    const backend = fakeBackend({ passphrase: PASSPHRASE });
    const relay = memory.relay(backend.invoke);

    expect(await relay('certificates.unlock', { passphrase: 'fel lösenfras!' })).toMatchObject({ ok: false });
    expect(fs.existsSync(file)).toBe(false);

    const answer = await relay('certificates.unlock', { passphrase: PASSPHRASE });
    expect(answer).toEqual({ ok: true, value: { passphraseSet: true, unlocked: true, activeCertificateId: null } });
    expect(JSON.stringify(answer)).not.toContain(PASSPHRASE);
    expect(fs.existsSync(file)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(PASSPHRASE);
    expect(text).not.toContain(Buffer.from(PASSPHRASE).toString('base64'));
    expect(unwrap(file, safe)).toBe(PASSPHRASE);
    expect(await memory.remembered()).toBe(true);
  });

  it('stores the passphrase given to createLocal or importPkcs12, not an empty one or a failed call’s', async () => {
    for (const method of ['certificates.createLocal', 'certificates.importPkcs12']) {
      const { file, memory, safe } = setup();
      const backend = fakeBackend({ passphrase: null });
      const relay = memory.relay(backend.invoke);
      expect(await relay(method, { organisation: 'Södertälje kommun', passphrase: '' })).toMatchObject({ ok: false });
      expect(fs.existsSync(file)).toBe(false);
      expect(await relay(method, { organisation: 'Södertälje kommun', passphrase: PASSPHRASE })).toMatchObject({
        ok: true,
      });
      expect(unwrap(file, safe)).toBe(PASSPHRASE);
      // a later call with the held passphrase (none given) leaves the file as it is
      const before = fs.statSync(file).mtimeMs;
      expect(await relay(method, { organisation: 'Södertälje kommun', passphrase: null })).toMatchObject({ ok: true });
      expect(fs.statSync(file).mtimeMs).toBe(before);
      // a refused passphrase is not stored over the right one
      expect(await relay(method, { organisation: 'X', passphrase: 'en annan lösenfras' })).toMatchObject({ ok: false });
      expect(unwrap(file, safe)).toBe(PASSPHRASE);
    }
  });

  it('unlocks at start through the ordinary contract with the remembered passphrase', async () => {
    const { memory } = setup();
    const first = fakeBackend({ passphrase: PASSPHRASE });
    await memory.relay(first.invoke)('certificates.unlock', { passphrase: PASSPHRASE });

    const next = fakeBackend({ passphrase: PASSPHRASE });
    expect(await memory.restore(next.invoke)).toEqual({ kind: 'unlocked' });
    expect(next.calls).toEqual([
      ['certificates.status', {}],
      ['certificates.unlock', { passphrase: PASSPHRASE }],
    ]);
    expect(next.state.unlocked).toBe(true);
    expect(await memory.remembered()).toBe(true);
  });

  it('does nothing at start when nothing is remembered', async () => {
    const safe = fakeSafeStorage();
    const { memory } = setup(safe);
    const backend = fakeBackend({ passphrase: PASSPHRASE });
    expect(await memory.restore(backend.invoke)).toEqual({ kind: 'none' });
    expect(backend.calls).toEqual([]);
    expect(safe.calls).toEqual([]);
  });

  it('forgets the passphrase on lock', async () => {
    const { file, memory } = setup();
    const backend = fakeBackend({ passphrase: PASSPHRASE });
    const relay = memory.relay(backend.invoke);
    await relay('certificates.unlock', { passphrase: PASSPHRASE });
    expect(fs.existsSync(file)).toBe(true);
    expect(await relay('certificates.lock', {})).toMatchObject({ ok: true, value: { unlocked: false } });
    expect(fs.existsSync(file)).toBe(false);
    // the next start asks as before
    expect(await memory.restore(fakeBackend({ passphrase: PASSPHRASE }).invoke)).toEqual({ kind: 'none' });
  });

  it('keeps unlock and lock in the order the backend answered, even when sent at once', async () => {
    const { file, memory } = setup();
    const relay = memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke);
    await Promise.all([relay('certificates.unlock', { passphrase: PASSPHRASE }), relay('certificates.lock', {})]);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('deletes the file and leaves the keystore locked when the remembered passphrase is refused', async () => {
    const { file, memory } = setup();
    await memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke)('certificates.unlock', {
      passphrase: PASSPHRASE,
    });

    // the keystore's passphrase is another one now (say, a database restored from a backup)
    const changed = fakeBackend({ passphrase: 'en helt annan fras' });
    expect(await memory.restore(changed.invoke)).toEqual({ kind: 'forgotten', reason: 'rejected' });
    expect(changed.state.unlocked).toBeFalsy();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('deletes a damaged file, or one safeStorage cannot decrypt, without calling the backend', async () => {
    const { file, memory } = setup();
    const backend = fakeBackend({ passphrase: PASSPHRASE });

    fs.writeFileSync(file, 'not json at all', { mode: 0o600 });
    expect(await memory.restore(backend.invoke)).toEqual({ kind: 'forgotten', reason: 'corrupt' });
    expect(fs.existsSync(file)).toBe(false);

    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'samrad-keystore-passphrase',
        v: 1,
        wrapped: Buffer.from('wrapped by another key').toString('base64'),
      }),
      { mode: 0o600 },
    );
    expect(await memory.restore(backend.invoke)).toEqual({ kind: 'forgotten', reason: 'decrypt-failed' });
    expect(fs.existsSync(file)).toBe(false);
    expect(backend.calls).toEqual([]);
  });

  it('deletes the file when the operating system key changed (decrypt throws)', async () => {
    const { file, memory } = setup(fakeSafeStorage({ key: 1 }));
    await memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke)('certificates.unlock', {
      passphrase: PASSPHRASE,
    });
    const other = new KeystorePassphraseMemory({
      safeStorage: {
        ...fakeSafeStorage({ key: 2 }),
        decryptString: () => {
          throw new Error('decrypt failed');
        },
      },
      file,
    });
    expect(await other.restore(fakeBackend({ passphrase: PASSPHRASE }).invoke)).toEqual({
      kind: 'forgotten',
      reason: 'decrypt-failed',
    });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('never sets a passphrase on a keystore that has none (the database was replaced): forgets instead', async () => {
    const { file, memory } = setup();
    await memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke)('certificates.unlock', {
      passphrase: PASSPHRASE,
    });
    const fresh = fakeBackend({ passphrase: null });
    expect(await memory.restore(fresh.invoke)).toEqual({ kind: 'forgotten', reason: 'no-keystore' });
    expect(fresh.calls.map(([method]) => method)).toEqual(['certificates.status']);
    expect(fresh.state.passphrase).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('keeps the file when the backend cannot answer the status call', async () => {
    const { file, memory } = setup();
    await memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke)('certificates.unlock', {
      passphrase: PASSPHRASE,
    });
    const broken: Invoke = async () => ({
      ok: false,
      error: { code: 'INTERNAL', message: 'The Samråd backend stopped' },
    });
    expect(await memory.restore(broken)).toEqual({ kind: 'backend-error' });
    expect(fs.existsSync(file)).toBe(true);
  });

  it.each([
    ['encryption is unavailable', { available: false }],
    ['Linux falls back to basic_text', { backend: 'basic_text' }],
    ['Linux cannot tell its secret store yet', { backend: 'unknown' }],
  ])('stores nothing when %s, and the user is asked as before', async (_why, options) => {
    const safe = fakeSafeStorage(options);
    const { file, memory } = setup(safe);
    const backend = fakeBackend({ passphrase: PASSPHRASE });
    expect(await memory.available()).toBe(false);
    expect(await memory.relay(backend.invoke)('certificates.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
    });
    expect(fs.existsSync(file)).toBe(false);
    expect(safe.calls).toEqual([]);
  });

  it('stores with a real Linux secret store (gnome_libsecret, kwallet)', async () => {
    for (const backendName of ['gnome_libsecret', 'kwallet6']) {
      const { file, memory } = setup(fakeSafeStorage({ backend: backendName }));
      expect(await memory.available()).toBe(true);
      await memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke)('certificates.unlock', {
        passphrase: PASSPHRASE,
      });
      expect(fs.existsSync(file)).toBe(true);
    }
  });

  it('keeps a remembered file but does not use it while safeStorage is unavailable', async () => {
    const { file } = setup();
    const safe = fakeSafeStorage();
    await new KeystorePassphraseMemory({ safeStorage: safe, file }).relay(
      fakeBackend({ passphrase: PASSPHRASE }).invoke,
    )('certificates.unlock', { passphrase: PASSPHRASE });
    const later = new KeystorePassphraseMemory({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), file });
    const backend = fakeBackend({ passphrase: PASSPHRASE });
    expect(await later.restore(backend.invoke)).toEqual({ kind: 'unavailable' });
    expect(backend.calls).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('works with the asynchronous safeStorage shape too', async () => {
    const sync = fakeSafeStorage();
    const asyncSafe: SecretWrapper = {
      isEncryptionAvailable: async () => true,
      encryptString: async (plain) => sync.encryptString(plain),
      decryptString: async (encrypted) => sync.decryptString(encrypted),
    };
    const { memory } = setup(asyncSafe);
    await memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke)('certificates.unlock', {
      passphrase: PASSPHRASE,
    });
    expect(await memory.restore(fakeBackend({ passphrase: PASSPHRASE }).invoke)).toEqual({ kind: 'unlocked' });
  });

  it('reports a failed write without the passphrase and still answers the renderer', async () => {
    const { memory, errors } = setup({
      ...fakeSafeStorage(),
      encryptString: () => {
        throw new Error('Encryption is not available.');
      },
    });
    expect(
      await memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke)('certificates.unlock', {
        passphrase: PASSPHRASE,
      }),
    ).toMatchObject({ ok: true });
    expect(errors).toEqual(['remember']);
  });

  it('holds renderer calls until the start-up unlock is done, so the first screen sees it', async () => {
    const { memory } = setup();
    await memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke)('certificates.unlock', {
      passphrase: PASSPHRASE,
    });
    const backend = fakeBackend({ passphrase: PASSPHRASE });
    // the renderer asks before the restore has even begun its calls
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gatedInvoke: Invoke = async (method, input) => {
      await gate;
      return backend.invoke(method, input);
    };
    const restored = memory.restore(gatedInvoke);
    const relay = memory.relay(backend.invoke, restored);
    const status = relay('certificates.status', {});
    release();
    expect(await status).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(backend.calls.map(([method]) => method)).toEqual([
      'certificates.status',
      'certificates.unlock',
      'certificates.status',
    ]);
  });

  it('never logs the passphrase', async () => {
    const logged: unknown[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation((...args) => void logged.push(...args));
    const { file, memory } = setup();
    const relay = memory.relay(fakeBackend({ passphrase: PASSPHRASE }).invoke);
    await relay('certificates.unlock', { passphrase: PASSPHRASE });
    await memory.restore(fakeBackend({ passphrase: PASSPHRASE }).invoke);
    await memory.restore(fakeBackend({ passphrase: 'annan fras här' }).invoke);
    fs.writeFileSync(file, '{');
    await memory.restore(fakeBackend({ passphrase: PASSPHRASE }).invoke);
    expect(JSON.stringify(logged)).not.toContain(PASSPHRASE);
  });

  it('keeps one file per database', () => {
    const dir = tempDir();
    const a = rememberedPassphraseFile(dir, path.join(dir, 'a.sqlite'));
    expect(path.dirname(a)).toBe(dir);
    expect(rememberedPassphraseFile(dir, path.join(dir, 'b.sqlite'))).not.toBe(a);
    expect(rememberedPassphraseFile(dir, path.join(dir, '.', 'a.sqlite'))).toBe(a);
  });

  it('asks Electron for the secret store only on Linux', () => {
    const electron = {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from(plain),
      decryptString: (encrypted: Buffer) => encrypted.toString(),
      getSelectedStorageBackend: () => 'basic_text' as const,
    };
    expect(electronSafeStorage(electron, 'linux').backend?.()).toBe('basic_text');
    expect(electronSafeStorage(electron, 'darwin').backend).toBeUndefined();
    expect(electronSafeStorage(electron, 'win32').backend).toBeUndefined();
  });
});

describe('writeFileAtomically', () => {
  it('replaces the file by rename (a new inode), 0600, leaving no temporary file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'nested', 'secret.safe');
    await writeFileAtomically(file, 'first');
    const first = fs.statSync(file);
    await writeFileAtomically(file, 'second');
    expect(fs.readFileSync(file, 'utf8')).toBe('second');
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).ino).not.toBe(first.ino);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(fs.readdirSync(path.dirname(file))).toEqual(['secret.safe']);
  });

  it('leaves the old file whole and removes its temporary file when the write fails', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'secret.safe');
    fs.mkdirSync(file); // a folder where the file should be: the rename fails
    await expect(writeFileAtomically(file, 'new')).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['secret.safe']);
    expect(fs.statSync(file).isDirectory()).toBe(true);
  });
});

describe('with the real backend (database, scrypt, contract)', () => {
  async function open(dbPath: string): Promise<Backend> {
    const backend = await startBackend(dbPath, { osUserName: 'testare' });
    backends.push(backend);
    return backend;
  }

  it('a local certificate made with a passphrase is unlocked at the next start; lock forgets it', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'samrad.sqlite');
    const file = rememberedPassphraseFile(dir, dbPath);
    const safe = fakeSafeStorage({ backend: 'gnome_libsecret' });

    const first = await open(dbPath);
    const relay = new KeystorePassphraseMemory({ safeStorage: safe, file }).relay(first.dispatch);
    expect(
      await relay('certificates.createLocal', { organisation: 'Södertälje kommun', passphrase: PASSPHRASE }),
    ).toMatchObject({ ok: true, value: { active: true } });
    expect(unwrap(file, safe)).toBe(PASSPHRASE);
    first.close();
    backends.splice(backends.indexOf(first), 1);

    // next start: a new backend on the same database, locked until main restores
    const second = await open(dbPath);
    expect(await second.dispatch('certificates.status', {})).toMatchObject({
      ok: true,
      value: { passphraseSet: true, unlocked: false },
    });
    const memory = new KeystorePassphraseMemory({ safeStorage: safe, file });
    const restored = memory.restore(second.dispatch);
    expect(await restored).toEqual({ kind: 'unlocked' });
    const secondRelay = memory.relay(second.dispatch, restored);
    expect(await secondRelay('certificates.status', {})).toMatchObject({
      ok: true,
      value: { passphraseSet: true, unlocked: true },
    });

    await secondRelay('certificates.lock', {});
    expect(fs.existsSync(file)).toBe(false);
    expect(await second.dispatch('certificates.status', {})).toMatchObject({ ok: true, value: { unlocked: false } });
  });
});
