import type { Input, Method, Output } from '../../../shared/contract';
import type { Backend } from '../backend';
import { AppError } from '../../../shared/errors';
import type { Page } from '../../../shared/contract/paging';
import { UsageError, type Command } from './command';
import { meetingListKinds } from '../meetings/cli';
import { agreementListKinds } from '../agreements/cli';

/** One kind `samrad list <kind>` knows: which method answers it and how rows print. */
export interface ListKind<M extends Method = Method> {
  method: M;
  input?: Input<M>;
  /** table columns for people; --json prints the method's value as is */
  columns: Array<[header: string, value: (row: Output<M> extends Array<infer R> ? R : never) => unknown]>;
}

function kind<M extends Method>(k: ListKind<M>): ListKind {
  return k as unknown as ListKind;
}

/** Each area adds its kinds here. */
export const listKinds: Record<string, ListKind> = {
  organisations: kind({
    method: 'organisations.list',
    input: { includeArchived: true },
    columns: [
      ['id', (o) => o.id],
      ['name', (o) => o.name],
      ['kind', (o) => o.kind],
      ['part of', (o) => o.parentName],
      ['archived', (o) => (o.archived ? 'yes' : '')],
    ],
  }),
  people: kind({
    method: 'people.list',
    input: {},
    columns: [
      ['id', (p) => p.id],
      ['name', (p) => p.name],
      ['title', (p) => p.title],
      ['organisation', (p) => p.organisationName],
      ['phone', (p) => p.phone],
      ['e-mail', (p) => p.email],
    ],
  }),
  bodies: kind({
    method: 'bodies.list',
    input: { includeArchived: true },
    columns: [
      ['id', (b) => b.id],
      ['name', (b) => b.name],
      ['kind', (b) => b.kind],
      ['members', (b) => b.memberCount],
    ],
  }),
  records: kind({
    method: 'records.list',
    input: {},
    columns: [
      ['record', (r) => r.recordId],
      ['kind', (r) => r.kind],
      ['id', (r) => r.id],
      ['what', (r) => r.label],
      ['sealed', (r) => r.sealedAt],
      ['signed', (r) => (r.signedAtSealing ? 'at sealing' : r.laterSignatures > 0 ? 'later' : '')],
      ['document sha256', (r) => r.documentSha256.slice(0, 16)],
      ['note', (r) => (r.brokenAtMigration ? 'seal broken at migration' : '')],
    ],
  }),
  ...meetingListKinds,
  ...agreementListKinds,
};

export function formatTable(headers: string[], rows: unknown[][]): string[] {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

export async function callOrThrow(backend: Backend, method: string, input: unknown): Promise<unknown> {
  const result = await backend.dispatch(method, input);
  if (!result.ok)
    throw new AppError(result.error.code, result.error.message, {
      fields: result.error.fields,
      params: result.error.params,
    });
  return result.value;
}

/** The rows of a list; a paged list is followed page by page to its end (each page bounded by the contract). */
async function allRows(backend: Backend, method: string, input: object): Promise<unknown[]> {
  const first = await callOrThrow(backend, method, input);
  if (Array.isArray(first)) return first;
  const rows: unknown[] = [];
  for (let page = first as Page<unknown>; ;) {
    rows.push(...page.items);
    if (page.next === null) return rows;
    page = (await callOrThrow(backend, method, { ...input, limit: LIST_PAGE, after: page.next })) as Page<unknown>;
  }
}
const LIST_PAGE = 500;

export const listCommand: Command = {
  usage: `samrad list ${Object.keys(listKinds).join('|')} [--json] [--db FILE]`,
  summary: 'list records; --json prints stable JSON for scripts',
  flags: ['json'],
  async run(ctx) {
    const name = ctx.args[0];
    const k = name ? listKinds[name] : undefined;
    if (!k) throw new UsageError(`list what? one of: ${Object.keys(listKinds).join(', ')}`);
    const backend = await ctx.openBackend();
    try {
      const rows = await allRows(backend, k.method, k.input ?? {});
      if (ctx.flags.json) ctx.io.out(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) ctx.io.out(`(no ${name})`);
      else
        for (const line of formatTable(
          k.columns.map(([h]) => h),
          rows.map((r) => k.columns.map(([, v]) => v(r as never))),
        ))
          ctx.io.out(line);
      return 0;
    } finally {
      backend.close();
    }
  },
};
