/**
 * The keystore passphrase remembered on this computer, for the desktop app only.
 *
 * Private keys stay sealed with the keystore passphrase in the database (scrypt + AES-256-GCM,
 * backend/signing/certificates/key-protection.ts). What this adds: the passphrase itself,
 * wrapped with Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the desktop's
 * secret store on Linux), is kept in a file in the user-data folder, so the desktop user is
 * not asked for it at every start.
 *
 * - after a successful `certificates.unlock`, or a `certificates.createLocal` /
 *   `certificates.importPkcs12` that was given a passphrase, the passphrase is wrapped and
 *   written (atomically, mode 0600);
 * - at start, once the backend is up, it is unwrapped and handed to the backend through the
 *   ordinary contract (`certificates.unlock`); if that fails in any way the file is deleted
 *   and the user is asked as before;
 * - `certificates.lock` deletes the file: the user asked Samråd to forget the passphrase.
 *
 * Nothing is stored where safeStorage is unavailable, or where on Linux it would fall back to
 * the `basic_text` store (a hard-coded key: no protection at all). The passphrase never goes
 * back to the renderer and is never logged. The backend, the browser mode and the CLI know
 * nothing of this; there the passphrase is asked for as before.
 *
 * No runtime import of 'electron': index.ts passes `safeStorage` in (see
 * `electronSafeStorage`), so vitest drives all of this with a fake.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Result } from '../../shared/errors';

type Awaitable<T> = T | Promise<T>;

/** The part of Electron's safeStorage this needs (sync or async shapes both fit). */
export interface SecretWrapper {
  isEncryptionAvailable(): Awaitable<boolean>;
  encryptString(plainText: string): Awaitable<Buffer>;
  decryptString(encrypted: Buffer): Awaitable<string>;
  /** Linux: the secret store in use (`safeStorage.getSelectedStorageBackend()`); absent elsewhere */
  backend?(): string;
}

export type Invoke = (method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * What happened at start. Reasons are fixed words, safe to log; error texts from safeStorage
 * or the backend are deliberately not passed on.
 */
export type RestoreOutcome =
  | { kind: 'none' } // nothing remembered
  | { kind: 'unavailable' } // remembered, but safeStorage cannot be used now: file kept, user asked
  | { kind: 'unlocked' }
  | { kind: 'already-unlocked' }
  | { kind: 'forgotten'; reason: 'corrupt' | 'decrypt-failed' | 'no-keystore' | 'rejected' }
  | { kind: 'backend-error' }; // the backend could not say whether a keystore exists: file kept

/** Linux secret stores that are no protection (`unknown` = asked before `ready`, so not known). */
const UNPROTECTED_BACKENDS = new Set(['basic_text', 'unknown']);

/** Methods whose successful answer means the passphrase in their input is the keystore's. */
const SETS_PASSPHRASE = new Set(['certificates.unlock', 'certificates.createLocal', 'certificates.importPkcs12']);

const FILE_FORMAT = 'samrad-keystore-passphrase';
const MAX_FILE_BYTES = 64 * 1024;

interface StoredFile {
  format: typeof FILE_FORMAT;
  v: 1;
  /** safeStorage.encryptString(passphrase), base64 */
  wrapped: string;
}

/**
 * Where the remembered passphrase for one database lives: one file per database path, so a
 * second database (`--db`) neither uses nor overwrites the first one's passphrase.
 */
export function rememberedPassphraseFile(userDataDir: string, dbPath: string): string {
  const id = crypto.createHash('sha256').update(path.resolve(dbPath)).digest('hex').slice(0, 16);
  return path.join(userDataDir, `keystore-passphrase-${id}.safe`);
}

/** Adapts Electron's safeStorage (passed in by index.ts; main process only). */
export function electronSafeStorage(
  safeStorage: Pick<
    Electron.SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  >,
  platform: NodeJS.Platform = process.platform,
): SecretWrapper {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
    backend: platform === 'linux' ? () => safeStorage.getSelectedStorageBackend() : undefined,
  };
}

/**
 * Writes by a temporary file in the same folder and a rename, so a reader sees the old file
 * or the new one, never a part; created with mode 0600 (owner only).
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

function inputPassphrase(input: unknown): string | null {
  const value = input && typeof input === 'object' ? (input as { passphrase?: unknown }).passphrase : undefined;
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export class KeystorePassphraseMemory {
  /** file operations run one after the other, in the order the backend answered */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      safeStorage: SecretWrapper;
      file: string;
      /** told about a failure to write or delete the file (never given the passphrase) */
      onError?(action: 'remember' | 'forget', error: unknown): void;
    },
  ) {}

  /** safeStorage can really protect the passphrase here and now. */
  async available(): Promise<boolean> {
    const { safeStorage } = this.options;
    try {
      if (!(await safeStorage.isEncryptionAvailable())) return false;
      return !safeStorage.backend || !UNPROTECTED_BACKENDS.has(safeStorage.backend());
    } catch {
      return false;
    }
  }

  /** Whether a passphrase is remembered for this database (a file exists). */
  async remembered(): Promise<boolean> {
    return fs.access(this.options.file).then(
      () => true,
      () => false,
    );
  }

  /** Wraps and stores the passphrase; does nothing where safeStorage gives no protection. */
  remember(passphrase: string): Promise<boolean> {
    return this.serial(
      async () => {
        if (!(await this.available())) return false;
        const wrapped = await this.options.safeStorage.encryptString(passphrase);
        const stored: StoredFile = { format: FILE_FORMAT, v: 1, wrapped: Buffer.from(wrapped).toString('base64') };
        await writeFileAtomically(this.options.file, JSON.stringify(stored));
        return true;
      },
      'remember',
      false,
    );
  }

  forget(): Promise<void> {
    return this.serial(() => fs.rm(this.options.file, { force: true }), 'forget', undefined);
  }

  /**
   * At start, with the backend up: unlocks the keystore with the remembered passphrase
   * through the ordinary contract. Never throws; the outcome says what happened.
   */
  async restore(invoke: Invoke): Promise<RestoreOutcome> {
    let raw: Buffer;
    try {
      raw = await fs.readFile(this.options.file);
    } catch {
      return { kind: 'none' };
    }
    if (!(await this.available())) return { kind: 'unavailable' };

    const forgotten = async (
      reason: Extract<RestoreOutcome, { kind: 'forgotten' }>['reason'],
    ): Promise<RestoreOutcome> => {
      await this.forget();
      return { kind: 'forgotten', reason };
    };

    const stored = parseStored(raw);
    if (!stored) return forgotten('corrupt');
    let passphrase: string;
    try {
      passphrase = await this.options.safeStorage.decryptString(Buffer.from(stored.wrapped, 'base64'));
    } catch {
      return forgotten('decrypt-failed');
    }
    if (typeof passphrase !== 'string' || passphrase.length === 0) return forgotten('decrypt-failed');

    const status = await invoke('certificates.status', {}).catch(() => null);
    if (!status?.ok) return { kind: 'backend-error' };
    const keystore = status.value as { passphraseSet?: boolean; unlocked?: boolean };
    if (keystore.unlocked) return { kind: 'already-unlocked' };
    // `unlock` on a keystore without a passphrase would quietly choose this one for it
    // (say the database was replaced): never do that without the user
    if (!keystore.passphraseSet) return forgotten('no-keystore');

    const unlocked = await invoke('certificates.unlock', { passphrase }).catch(() => null);
    if (!unlocked?.ok) return forgotten('rejected');
    return { kind: 'unlocked' };
  }

  /**
   * The relay middleware: renderer calls wait for `restored` (so the first screen already
   * sees the remembered unlock), pass to the backend unchanged, and a successful answer to a
   * call that set the passphrase stores it; a lock forgets it. The answer is returned as the
   * backend gave it.
   */
  relay(invoke: Invoke, restored: Promise<unknown> = Promise.resolve()): Invoke {
    const waitForRestore = restored.catch(() => undefined);
    return async (method, input) => {
      await waitForRestore;
      const result = await invoke(method, input);
      if (!result.ok) return result;
      if (method === 'certificates.lock') {
        await this.forget();
      } else if (SETS_PASSPHRASE.has(method)) {
        const passphrase = inputPassphrase(input);
        if (passphrase) await this.remember(passphrase);
      }
      return result;
    };
  }

  /** Runs file work in order; a failure is reported (without the passphrase), not thrown. */
  private serial<T>(work: () => Promise<T>, action: 'remember' | 'forget', onFailure: T): Promise<T> {
    const next = this.queue.then(work).catch((error: unknown) => {
      this.options.onError?.(action, error);
      return onFailure;
    });
    this.queue = next;
    return next;
  }
}

function parseStored(raw: Buffer): StoredFile | null {
  if (raw.length === 0 || raw.length > MAX_FILE_BYTES) return null;
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as Partial<StoredFile>;
    if (
      parsed?.format !== FILE_FORMAT ||
      parsed.v !== 1 ||
      typeof parsed.wrapped !== 'string' ||
      !/^[A-Za-z0-9+/]+={0,2}$/.test(parsed.wrapped)
    )
      return null;
    return parsed as StoredFile;
  } catch {
    return null;
  }
}
