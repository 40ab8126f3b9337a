import type { Input, Method, Output } from '../../../../shared/contract';
import { UsageError, type Command } from '../command';
import { call } from '../call';
import { formatTable } from '../table';

type Row<M extends Method> = Output<M> extends Array<infer R> ? R : never;

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
      ['signed', (r) => (r.signedAtSealing ? 'at sealing' : r.laterSignatures > 0 ? 'later' : '')],
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
      ['status', (m) => m.status],
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
};

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
      const rows = (await call(backend, k.method, k.input)) as unknown[];
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
