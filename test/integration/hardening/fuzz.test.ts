import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Method } from '../../../shared/contract';
import { ERROR_CODES } from '../../../shared/errors';
import { loadExample } from '../../../electron/backend/example/load';
import { checkDatabase } from '../../../electron/backend/db/check';
import { testBackend, type TestBackend } from '../../support/backend';

/**
 * Property-based fuzzing of every contract method, generated from the contract itself: a
 * method added tomorrow is fuzzed without anyone remembering to. Each gets wrong types,
 * missing and extra fields, huge and deep values, odd Unicode and prototype keys — both as
 * whole inputs and inside the object shape its schema expects. Whatever comes in:
 *   - dispatch resolves (never rejects, never throws) with ok or a typed error;
 *   - a refused call changed nothing (no row written by this connection);
 *   - the answer crosses a transport (JSON) intact, and Object.prototype is untouched.
 * Runs per method: SAMRAD_FUZZ_RUNS (default 15), so the whole file stays well under a minute.
 */
const RUNS = Number(process.env.SAMRAD_FUZZ_RUNS ?? 15);
const METHODS = Object.keys(contract) as Method[];
const CODES = new Set<string>(ERROR_CODES);

let b: TestBackend;
let sandbox: string;
beforeAll(async () => {
  b = await testBackend('2017-03-20T10:00:00Z');
  // real rows, so that generated ids sometimes hit something and handlers run past validation
  loadExample(b.ctx, false);
  sandbox = path.join(b.dir, 'fuzz-out');
  fs.mkdirSync(sandbox);
}, 120_000);
afterAll(() => b?.cleanup());

type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown };
const defOf = (schema: unknown): Def | undefined => (schema as { def?: Def })?.def;

/** The keys of the object a method's input schema expects, through default/optional/pipe wrappers. */
function shapeOf(schema: unknown, depth = 0): string[] | null {
  const def = defOf(schema);
  if (!def || depth > 10) return null;
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.innerType) return shapeOf(def.innerType, depth + 1);
  if (def.in) return shapeOf(def.in, depth + 1);
  return null;
}

const deep = (n: number): unknown => {
  let v: unknown = 'botten';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { content: v };
  return v;
};

const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\uD800',
    '\uDFFF',
    'a\u0000b',
    '\u202Eevil',
    '\uFEFF',
    '\u0007',
    'x'.repeat(200_000),
    '__proto__',
    'constructor',
    '<script>alert(1)</script>',
    '%E0%A4%A',
    '../../../../etc/passwd',
    '/',
    'C:\\Windows',
    'NaN',
    '-1',
    '1e309',
    '0000-00-00',
    '0000-01-01',
    '2017-02-29',
    '9999-12-31',
    '24:00',
    'Europe/Södertälje',
    '🚒'.repeat(1000),
    'e\u0301'.repeat(50),
  ),
);

const oddNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, 2 ** 53 + 1, Number.MAX_VALUE, NaN, Infinity, -Infinity, 1e-300),
);

const protoKeys = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": true}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { toString: 'x', valueOf: 1, hasOwnProperty: null },
);

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.anything({
      maxDepth: 3,
      maxKeys: 5,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withSparseArray: true,
    }),
  },
  { weight: 3, arbitrary: oddString },
  { weight: 2, arbitrary: oddNumber },
  { weight: 1, arbitrary: protoKeys },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      null,
      undefined,
      true,
      false,
      [],
      {},
      deep(150),
      deep(5000),
      Array.from({ length: 300_000 }, () => 0),
    ),
  },
);

type AnyDef = Def & {
  element?: unknown;
  options?: unknown[];
  items?: unknown[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  getter?: () => unknown;
  out?: unknown;
  valueType?: unknown;
  checks?: Array<{ _zod?: { def?: { check?: string; format?: string; pattern?: RegExp } } }>;
};

/**
 * A value shaped like what `schema` accepts — mostly valid, so calls get past validation into
 * the handlers — with an odd value (oddValue) in place of any node now and then.
 */
function fromSchema(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema) as AnyDef | undefined;
  if (!def || depth > 12) return oddValue;
  const inner = (s: unknown) => fromSchema(s, depth + 1);
  const valid = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'object':
        return fc.record(Object.fromEntries(Object.entries(def.shape ?? {}).map(([k, v]) => [k, inner(v)])), {
          requiredKeys: [],
        });
      case 'array':
        return fc.array(inner(def.element), { maxLength: 3 });
      case 'tuple':
        return fc.tuple(...(def.items ?? []).map(inner));
      case 'union':
        return fc.oneof(...(def.options ?? []).map(inner));
      case 'record':
        return fc.dictionary(fc.string({ maxLength: 8 }), inner(def.valueType), { maxKeys: 3 });
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return fc.oneof(inner(def.innerType), fc.constantFrom(undefined, null));
      case 'pipe':
        return inner(defOf(def.in)?.type === 'transform' ? def.out : def.in);
      case 'lazy':
        return fc.constant(null).chain(() => inner(def.getter!()));
      case 'literal':
        return fc.constantFrom(...(def.values ?? [null]));
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: -5, max: 5000 }));
      case 'string': {
        const pattern = def.checks?.map((c) => c._zod?.def).find((d) => d?.format === 'regex')?.pattern;
        const plain = fc.oneof(
          fc.string({ minLength: 1, maxLength: 30 }),
          fc.constantFrom('Södertälje kommun', '2017-03-14', '09:00', '/tmp/samrad-fuzz', 'sv'),
        );
        if (!pattern) return plain;
        // fast-check cannot generate from a case-insensitive regex; what matches without `i` matches with it
        const generable = new RegExp(pattern.source, pattern.flags.replace('i', ''));
        return fc.oneof(fc.stringMatching(generable), plain);
      }
      default:
        return oddValue;
    }
  })();
  return fc.oneof({ weight: 7, arbitrary: valid }, { weight: 1, arbitrary: oddValue });
}

/**
 * Nests a value inside itself `times` times through its first array of objects: a rich text
 * list becomes a list inside a list item inside a list… — the deep, self-similar input that
 * made zod's recursive schemas overflow the stack.
 */
function selfEmbed(value: unknown, times: number): unknown {
  // breadth-first, shallow and narrow: the generated value may already hold a 5000-deep or a
  // 300 000-long odd value, and walking all of it (or shifting a queue that long) took minutes
  const findNest = (root: unknown): { holder: Record<string, unknown>; key: string } | null => {
    const queue: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
    for (let next = 0; next < queue.length; next++) {
      const { node, depth } = queue[next];
      if (!node || typeof node !== 'object' || depth > 8) continue;
      for (const [key, child] of Object.entries(node as Record<string, unknown>).slice(0, 20)) {
        if (Array.isArray(child) && child.slice(0, 20).some((c) => c && typeof c === 'object' && !Array.isArray(c)))
          return { holder: node as Record<string, unknown>, key };
        queue.push({ node: child, depth: depth + 1 });
      }
    }
    return null;
  };
  const nest = findNest(value);
  if (!nest) return value;
  const template = nest.holder[nest.key] as unknown[];
  // the element with the most arrays of objects inside it nests like the recursive schema it came from
  const arrayDepth = (node: unknown, depth = 0): number => {
    if (!node || typeof node !== 'object' || depth > 6) return 0;
    let best = 0;
    for (const child of Object.values(node as Record<string, unknown>)) {
      if (Array.isArray(child)) for (const c of child.slice(0, 3)) best = Math.max(best, 1 + arrayDepth(c, depth + 1));
    }
    return best;
  };
  const objects = template.filter((c) => c && typeof c === 'object' && !Array.isArray(c)) as object[];
  const seed = objects.reduce((a, c) => (arrayDepth(c) > arrayDepth(a) ? c : a), objects[0]);
  let current: unknown[] = template;
  for (let i = 0; i < times; i++) {
    const element = { ...seed } as Record<string, unknown>;
    const inner = Object.keys(element).find((k) => Array.isArray(element[k])) ?? 'content';
    element[inner] = current;
    current = [element];
  }
  nest.holder[nest.key] = current;
  return value;
}

/** Inputs for one method: anything at all; its own schema's shape with odd values in places; that shape nested into itself hundreds deep; extra and prototype keys. */
function inputsFor(method: Method): fc.Arbitrary<unknown> {
  const schema = contract[method].input;
  const shaped = fromSchema(schema);
  const keys = shapeOf(schema) ?? [];
  const withExtra = fc
    .tuple(
      shaped,
      fc.dictionary(fc.oneof(oddString, fc.constantFrom('__proto__', 'constructor', 'prototype')), oddValue, {
        maxKeys: 3,
      }),
    )
    .map(([a, extra]) => (a && typeof a === 'object' && !Array.isArray(a) ? { ...extra, ...a } : a));
  const nested = fc.tuple(shaped, fc.integer({ min: 50, max: 800 })).map(([v, n]) => {
    let copy: unknown;
    try {
      copy = structuredClone(v);
    } catch {
      return v; // too deep to copy already: deep enough as it is
    }
    return selfEmbed(copy, n);
  });
  if (keys.length === 0) return fc.oneof(oddValue, shaped);
  // a schema that refers to itself (rich text) is where depth matters most: mostly nested inputs there
  return isRecursive(schema)
    ? fc.oneof({ weight: 1, arbitrary: fc.oneof(oddValue, shaped, withExtra) }, { weight: 3, arbitrary: nested })
    : fc.oneof(oddValue, shaped, shaped, withExtra, nested);
}

/** Whether the schema contains a lazy (self-referring) part. */
function isRecursive(schema: unknown): boolean {
  const seen = new Set<unknown>();
  const stack = [schema];
  while (stack.length > 0) {
    const def = defOf(stack.pop()) as AnyDef | undefined;
    if (!def || seen.has(def)) continue;
    seen.add(def);
    if (def.type === 'lazy') return true;
    stack.push(
      ...Object.values(def.shape ?? {}),
      def.innerType,
      def.in,
      def.out,
      def.element,
      def.valueType,
      ...(def.options ?? []),
      ...(def.items ?? []),
    );
  }
  return false;
}

/** The methods that write a file or folder the input names. */
const WRITES_TO_TARGET: ReadonlySet<Method> = new Set([
  'archive.export',
  'exports.toFile',
  'database.backup',
  'documents.coSignToFile',
]);

/** Writes may only land in the sandbox: a target that happens to validate is moved there. */
function sandboxed(method: Method, input: unknown): unknown {
  if (
    WRITES_TO_TARGET.has(method) &&
    input &&
    typeof input === 'object' &&
    typeof (input as { target?: unknown }).target === 'string'
  ) {
    return { ...(input as object), target: path.join(sandbox, `a-${Math.random().toString(36).slice(2)}`) };
  }
  return input;
}

const changes = () => b.ctx.db.prepare('SELECT total_changes()').pluck().get() as number;

describe('fuzzing every contract method (issue 13)', () => {
  it('covers the whole contract', () => {
    expect(METHODS.length).toBeGreaterThan(100);
    expect(METHODS).toEqual(
      expect.arrayContaining(['people.create', 'agreements.sections.update', 'archive.export', 'database.restore']),
    );
  });

  for (const method of METHODS) {
    it(
      method,
      async () => {
        await fc.assert(
          fc.asyncProperty(inputsFor(method), async (raw) => {
            const input = sandboxed(method, raw);
            const before = changes();
            let result: Awaited<ReturnType<typeof b.dispatch>>;
            try {
              result = await b.dispatch(method, input);
            } catch (error) {
              throw new Error(`dispatch rejected: ${String(error)}`, { cause: error });
            }
            expect(typeof result.ok).toBe('boolean');
            if (!result.ok) {
              expect(CODES.has(result.error.code), result.error.code).toBe(true);
              expect(typeof result.error.message).toBe('string');
              // refused: nothing written
              expect(changes()).toBe(before);
            }
            // the answer survives a JSON transport (browser mode) unchanged in meaning
            expect(() => JSON.stringify(result)).not.toThrow();
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          }),
          { numRuns: isRecursive(contract[method].input) ? RUNS * 3 : RUNS, endOnFailure: true },
        );
      },
      120_000,
    );
  }

  it('leaves a database that passes every check', async () => {
    // the example loaded at the start, plus whatever valid calls the fuzzer happened to make
    const report = await checkDatabase(b.ctx.db, b.ctx.dbPath);
    expect({
      integrity: report.integrity.ok,
      foreignKeys: report.foreignKeys.ok,
      auditChain: report.auditChain.ok,
    }).toEqual({ integrity: true, foreignKeys: true, auditChain: true });
  });
});
