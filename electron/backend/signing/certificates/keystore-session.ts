import type crypto from 'node:crypto';
import type { Ctx } from '../../context';

/**
 * The keystore passphrase held for the life of one backend (one open database), and keys
 * already opened with it. Never written anywhere; `lock` forgets it.
 */
interface Unlocked {
  passphrase: string;
  keys: Map<number, crypto.KeyObject>;
}

const sessions = new WeakMap<Ctx, Unlocked>();

export function heldPassphrase(ctx: Ctx): string | null {
  return sessions.get(ctx)?.passphrase ?? null;
}

export function holdPassphrase(ctx: Ctx, passphrase: string): void {
  const current = sessions.get(ctx);
  if (current?.passphrase === passphrase) return;
  sessions.set(ctx, { passphrase, keys: new Map() });
}

export function forgetPassphrase(ctx: Ctx): void {
  sessions.delete(ctx);
}

export function cachedKey(
  ctx: Ctx,
  certificateId: number,
  open: (passphrase: string) => crypto.KeyObject,
): crypto.KeyObject | null {
  const session = sessions.get(ctx);
  if (!session) return null;
  let key = session.keys.get(certificateId);
  if (!key) {
    key = open(session.passphrase);
    session.keys.set(certificateId, key);
  }
  return key;
}
