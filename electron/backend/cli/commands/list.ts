import type { Input, Method, Output } from '../../../../shared/contract';
import { flag, UsageError, type Command, type CommandContext } from '../command';
import type { Page } from '../../../../shared/contract/paging';
import { call } from '../call';
import { formatTable } from '../table';

/** a row of a list: an element of a page's items (every list the CLI prints is paged) */
type Row<M extends Method> = Output<M> extends { items: Array<infer R> } ? R : never;

/** One kind `samrad list <kind>` knows: which method answers it and how rows print. */
interface ListKind<M extends Method = Method> {
  method: M;
  input: Input<M>;
  /** table columns for people; --json prints the method's value as is */
  columns: Array<[header: string, value: (row: Row<M>) => unknown]>;
}

function kind<M extends Method>(k: ListKind<M>): ListKind {
  return k as unknown as ListKind;
}

const listKinds: Record<string, ListKind> = {
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
      [
        'signed',
        (r) =>
          r.signedAtSealing
            ? 'at sealing'
            : r.laterSignatures > 0
              ? 'later'
              : r.sealAwaitsTimestamp
                ? 'awaits timestamp'
                : '',
      ],
      ['document sha256', (r) => r.documentSha256.slice(0, 16)],
      ['note', (r) => (r.brokenAtMigration ? 'seal broken at migration' : '')],
    ],
  }),
  meetings: kind({
    method: 'meetings.list',
    input: { includeCancelled: true },
    columns: [
      ['id', (m) => m.id],
      ['body', (m) => m.bodyName],
      ['date', (m) => m.date],
      ['time', (m) => `${m.startTime}–${m.endTime}`],
      ['place', (m) => m.place],
      ['status', (m) => m.stage],
      ['protocol', (m) => m.protocolStatus],
      ['§§', (m) => (m.paragraphRange ? `${m.paragraphRange[0]}–${m.paragraphRange[1]}` : '')],
    ],
  }),
  paragraphs: kind({
    method: 'paragraphs.list',
    input: {},
    columns: [
      ['id', (p) => p.id],
      ['body', (p) => p.bodyName],
      ['§', (p) => `${p.year} § ${p.number}`],
      ['meeting', (p) => p.meetingDate],
      ['title', (p) => p.title],
      ['dnr', (p) => p.dnr],
      ['attested', (p) => (p.locked ? 'yes' : '')],
      ['open actions', (p) => p.openActions || ''],
    ],
  }),
  actions: kind({
    method: 'actions.list',
    input: {},
    columns: [
      ['id', (a) => a.id],
      ['meeting', (a) => `${a.meetingDate} § ${a.paragraphNumber}`],
      ['action', (a) => a.description],
      ['owner', (a) => a.ownerName],
      ['due', (a) => a.dueDate],
      ['status', (a) => (a.overdue ? 'overdue' : a.status)],
      ['priority', (a) => a.priorityName],
    ],
  }),
  agreements: kind({
    method: 'agreements.list',
    input: {},
    columns: [
      ['id', (a) => a.id],
      ['name', (a) => a.name],
      ['versions', (a) => a.versionCount],
      [
        'in force',
        (a) =>
          a.inForce ? `${a.inForce.title} (v${a.inForce.id}, ${a.inForce.validFrom} – ${a.inForce.validTo})` : '',
      ],
      ['days left', (a) => a.daysLeft],
      ['ending soon', (a) => (a.endingSoon ? 'yes' : '')],
    ],
  }),
  versions: kind({
    method: 'agreements.versions.list',
    input: {},
    columns: [
      ['id', (v) => v.id],
      ['agreement', (v) => v.agreementId],
      ['title', (v) => v.title],
      ['dnr', (v) => v.dnr],
      ['from', (v) => v.validFrom],
      ['to', (v) => v.validTo],
      ['status', (v) => v.status],
      ['predecessor', (v) => v.predecessorId],
      ['signed', (v) => v.signedAt],
      ['content hash', (v) => v.contentHash?.slice(0, 16)],
    ],
  }),
  attestations: kind({
    method: 'attestations.list',
    input: {},
    columns: [
      ['act', (a) => a.act],
      ['id', (a) => a.id],
      [
        'what',
        (a) =>
          a.act === 'agreement'
            ? `${a.agreementTitle} ${a.validFrom}–${a.validTo} (v${a.versionId}, ${a.organisation})`
            : `${a.bodyName} ${a.meetingDate}${a.act === 'paragraph' ? ` § ${a.paragraphNumber}` : ''}`,
      ],
      ['who', (a) => a.name],
      ['role', (a) => a.role],
      ['date', (a) => a.date],
      [
        'proof',
        (a) =>
          a.proof.kind === 'digital'
            ? `digitally signed, ${a.proof.certificateOrigin} certificate ${a.proof.fingerprint.slice(0, 16)}, ${a.proof.signingTime} (${a.proof.timeSource === 'tsa' ? 'timestamp' : "signer's clock"})`
            : `recorded without digital signature by ${a.proof.operator ?? 'unknown'}`,
      ],
    ],
  }),
};

/** a paged list is read this many rows a call while it is followed to its end */
const STREAM_PAGE = 500;

export const listCommand: Command = {
  usage: `samrad list ${Object.keys(listKinds).join('|')} [--json] [--limit N] [--after CURSOR] [--db FILE]`,
  summary:
    'list records; --json prints stable JSON for scripts; every list streams page by page, or prints one page with --limit (and --after the cursor it prints)',
  flags: ['json', 'limit', 'after'],
  async run(ctx) {
    const name = ctx.args[0];
    const k = name ? listKinds[name] : undefined;
    if (!k) throw new UsageError(`list what? one of: ${Object.keys(listKinds).join(', ')}`);
    const limitFlag = flag(ctx, 'limit');
    const after = flag(ctx, 'after') ?? null;
    const limit = limitFlag === undefined ? undefined : Number(limitFlag);
    if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0))
      throw new UsageError('--limit must be a positive whole number');
    const backend = await ctx.openBackend();
    try {
      const paged = { ...k.input, limit: limit ?? STREAM_PAGE, after };
      const first = (await call(backend, k.method, paged as never)) as Page<unknown>;
      if (limit !== undefined || after !== null) {
        // one page: its rows, and how to ask for the next
        if (ctx.flags.json) ctx.io.out(JSON.stringify(first, null, 2));
        else {
          printRows(ctx, k, name, first.items);
          ctx.io.out(
            first.next
              ? `(${first.items.length} of ${first.total}; next page: --after '${first.next}')`
              : `(${first.items.length} of ${first.total}; last page)`,
          );
        }
        return 0;
      }
      await streamPages(ctx, k, name, first, (next) => call(backend, k.method, { ...paged, after: next } as never));
      return 0;
    } finally {
      backend.close();
    }
  },
};

function printRows(ctx: CommandContext, k: ListKind, name: string, rows: unknown[]): void {
  if (ctx.flags.json) ctx.io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) ctx.io.out(`(no ${name})`);
  else
    for (const line of formatTable(
      k.columns.map(([h]) => h),
      cells(k, rows),
    ))
      ctx.io.out(line);
}

const cells = (k: ListKind, rows: unknown[]) => rows.map((r) => k.columns.map(([, v]) => v(r as never)));

/**
 * Every row of a paged list, printed as each page comes, so memory stays one page whatever the
 * size: the JSON is the same array `JSON.stringify(rows, null, 2)` gives, the table keeps the
 * first page's header (a later, wider cell widens its column from there on).
 */
async function streamPages(
  ctx: CommandContext,
  k: ListKind,
  name: string,
  first: Page<unknown>,
  fetch: (after: string) => Promise<unknown>,
): Promise<void> {
  if (first.items.length === 0) return printRows(ctx, k, name, []);
  let widths: number[] | undefined;
  let written = 0;
  if (ctx.flags.json) ctx.io.out('[');
  for (let page = first; ;) {
    if (ctx.flags.json) {
      page.items.forEach((row, i) => {
        const text = `  ${JSON.stringify(row, null, 2).replace(/\n/g, '\n  ')}`;
        ctx.io.out(page.next !== null || i < page.items.length - 1 ? `${text},` : text);
      });
    } else {
      const lines = formatTable(
        k.columns.map(([h]) => h),
        cells(k, page.items),
        widths,
      );
      widths = lines.widths;
      for (const line of written > 0 ? lines.slice(2) : lines) ctx.io.out(line);
      written += page.items.length;
    }
    if (page.next === null) break;
    page = (await fetch(page.next)) as Page<unknown>;
  }
  if (ctx.flags.json) ctx.io.out(']');
}
