import { diffChars } from 'diff';

/**
 * How the audit log stores a change instead of a copy: the difference between two states of
 * a record, from which either state follows exactly given the other. Pure functions over JSON
 * values; `applyDelta(base, deltaOf(base, target))` gives a value whose JSON is `target`'s,
 * byte for byte (key order included), which is what lets the log keep older events' hashes.
 */

/** A text edit: a number keeps that many characters, `-x` deletes the text x, `+x` inserts x. */
export type TextOps = Array<number | string>;

/**
 * The difference between two JSON values. For two plain objects: `s` sets fields to values,
 * `t` edits long text fields, `d` removes fields, `o` gives the key order when it is not the
 * base's order with new keys after. Anything else (a first state, an array, a change of type)
 * is `v`, the target itself.
 */
export type Delta =
  { v: unknown } | { s?: Record<string, unknown>; t?: Record<string, TextOps>; d?: string[]; o?: string[] };

/** Texts shorter than this are stored whole when they change: an edit script would not be smaller. */
const LONG_TEXT = 80;
/** Beyond this many edited characters the edit script costs more than it saves, and its search time grows. */
const MAX_EDIT = 4_000;

export type JsonObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** An edit script from `from` to `to`, or null when storing `to` whole is as small. */
export function textOps(from: string, to: string): TextOps | null {
  const parts = diffChars(from, to, { maxEditLength: MAX_EDIT });
  if (!parts) return null;
  const ops: TextOps = [];
  for (const part of parts) {
    if (part.added) ops.push(`+${part.value}`);
    else if (part.removed) ops.push(`-${part.value}`);
    else ops.push(part.value.length);
  }
  return JSON.stringify(ops).length < JSON.stringify(to).length ? ops : null;
}

/** Applies an edit script forwards (from → to). Throws when the text is not the one it was made from. */
export function applyTextOps(from: string, ops: TextOps): string {
  let at = 0;
  let out = '';
  for (const op of ops) {
    if (typeof op === 'number') {
      out += from.slice(at, at + op);
      at += op;
    } else if (op.startsWith('+')) {
      out += op.slice(1);
    } else {
      if (from.slice(at, at + op.length - 1) !== op.slice(1)) throw new Error('text edit does not fit its base');
      at += op.length - 1;
    }
  }
  if (at !== from.length) throw new Error('text edit does not fit its base');
  return out;
}

export function deltaOf(base: unknown, target: unknown): Delta {
  if (!isPlainObject(base) || !isPlainObject(target)) return { v: target };
  const delta: { s?: JsonObject; t?: Record<string, TextOps>; d?: string[]; o?: string[] } = {};
  for (const [key, value] of Object.entries(target)) {
    if (value === undefined) continue;
    const old = base[key];
    if (Object.hasOwn(base, key) && same(old, value)) continue;
    const ops =
      typeof old === 'string' && typeof value === 'string' && value.length >= LONG_TEXT ? textOps(old, value) : null;
    if (ops) (delta.t ??= {})[key] = ops;
    else (delta.s ??= {})[key] = value;
  }
  const targetKeys = Object.keys(target).filter((k) => target[k] !== undefined);
  const removed = Object.keys(base).filter((k) => base[k] !== undefined && target[k] === undefined);
  if (removed.length > 0) delta.d = removed;
  const kept = Object.keys(base).filter((k) => base[k] !== undefined && !removed.includes(k));
  const naturalOrder = [...kept, ...targetKeys.filter((k) => !kept.includes(k))];
  if (!same(naturalOrder, targetKeys)) delta.o = targetKeys;
  return delta;
}

export function applyDelta(base: unknown, delta: Delta): unknown {
  if ('v' in delta) return delta.v;
  if (!isPlainObject(base)) throw new Error('object delta without an object to apply it to');
  const out: JsonObject = {};
  const removed = new Set(delta.d ?? []);
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && !removed.has(key)) out[key] = value;
  }
  for (const [key, ops] of Object.entries(delta.t ?? {})) {
    const old = out[key];
    if (typeof old !== 'string') throw new Error(`text edit of ${key} without a text to apply it to`);
    out[key] = applyTextOps(old, ops);
  }
  for (const [key, value] of Object.entries(delta.s ?? {})) out[key] = value;
  if (!delta.o) return out;
  return Object.fromEntries(delta.o.map((key) => [key, out[key]]));
}

/** The fields whose value differs between two states, in the target's order, then the removed ones. */
export function changedFields(
  before: unknown,
  after: unknown,
): Array<{ field: string; before: unknown; after: unknown }> {
  if (!isPlainObject(before) || !isPlainObject(after)) return [];
  const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !Object.hasOwn(after, k))];
  return keys
    .filter((k) => !same(before[k] ?? null, after[k] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}
