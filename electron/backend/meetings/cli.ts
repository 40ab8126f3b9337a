import type { ListKind } from '../cli/list';
import type { ExportKind } from '../cli/export';
import { languageFlag, requiredFlag, UsageError, type CommandContext } from '../cli/command';
import type { ActionItem, Meeting } from '../../../shared/contract/meetings';
import { exportToFile, type ExportSource } from '../export/pipeline';
import type { Backend } from '../backend';

type Row<T> = (row: T) => unknown;
const columns = <T>(list: Array<[string, Row<T>]>) => list as Array<[string, Row<never>]>;

/** `samrad list meetings|paragraphs|actions` */
export const meetingListKinds: Record<string, ListKind> = {
  meetings: {
    method: 'meetings.list',
    input: { includeCancelled: true },
    columns: columns<Meeting>([
      ['id', (m) => m.id],
      ['body', (m) => m.bodyName],
      ['date', (m) => m.date],
      ['time', (m) => `${m.startTime}–${m.endTime}`],
      ['place', (m) => m.place],
      ['status', (m) => m.status],
      ['protocol', (m) => m.protocolStatus],
      ['§§', (m) => (m.paragraphRange ? `${m.paragraphRange[0]}–${m.paragraphRange[1]}` : '')],
    ]),
  },
  paragraphs: {
    method: 'paragraphs.list',
    input: {},
    columns: columns<{
      id: number;
      bodyName: string;
      year: number;
      number: number;
      meetingDate: string;
      title: string;
      dnr: string | null;
      locked: boolean;
      openActions: number;
    }>([
      ['id', (p) => p.id],
      ['body', (p) => p.bodyName],
      ['§', (p) => `${p.year} § ${p.number}`],
      ['meeting', (p) => p.meetingDate],
      ['title', (p) => p.title],
      ['dnr', (p) => p.dnr],
      ['attested', (p) => (p.locked ? 'yes' : '')],
      ['open actions', (p) => p.openActions || ''],
    ]),
  },
  actions: {
    method: 'actions.list',
    input: {},
    columns: columns<ActionItem>([
      ['id', (a) => a.id],
      ['meeting', (a) => `${a.meetingDate} § ${a.paragraphNumber}`],
      ['action', (a) => a.description],
      ['owner', (a) => a.ownerName],
      ['due', (a) => a.dueDate],
      ['status', (a) => (a.overdue ? 'overdue' : a.status)],
      ['priority', (a) => a.priorityName],
    ]),
  },
};

function idFlag(ctx: CommandContext, name: string): number {
  const raw = requiredFlag(ctx, name);
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`--${name} must be a positive whole number`);
  return id;
}

async function save(ctx: CommandContext, backend: Backend, source: ExportSource, sign: boolean): Promise<number> {
  const out = requiredFlag(ctx, 'out');
  const written = await exportToFile(
    backend.ctx,
    { source, lang: languageFlag(ctx), sign },
    out,
    ctx.flags.overwrite === true,
  );
  ctx.io.out(`Written: ${written.path} (sha256 ${written.sha256})`);
  return 0;
}

/** `samrad export protocol|extract|correction|agenda` */
export const meetingExportKinds: Record<string, ExportKind> = {
  protocol: {
    usage: 'samrad export protocol --meeting ID --out FILE.docx [--lang sv|en] [--sign] [--overwrite] [--db FILE]',
    run: (ctx, backend) =>
      save(ctx, backend, { kind: 'protocol', meetingId: idFlag(ctx, 'meeting') }, ctx.flags.sign === true),
  },
  extract: {
    usage: 'samrad export extract --paragraph ID --out FILE.docx [--lang sv|en] [--sign] [--overwrite] [--db FILE]',
    run: (ctx, backend) =>
      save(ctx, backend, { kind: 'extract', paragraphId: idFlag(ctx, 'paragraph') }, ctx.flags.sign === true),
  },
  correction: {
    usage: 'samrad export correction --correction ID --out FILE.docx [--lang sv|en] [--sign] [--overwrite] [--db FILE]',
    run: (ctx, backend) =>
      save(ctx, backend, { kind: 'correction', correctionId: idFlag(ctx, 'correction') }, ctx.flags.sign === true),
  },
  agenda: {
    usage: 'samrad export agenda --meeting ID --out FILE.docx [--lang sv|en] [--overwrite] [--db FILE]',
    run: (ctx, backend) =>
      save(ctx, backend, { kind: 'agenda', meetingId: idFlag(ctx, 'meeting') }, ctx.flags.sign === true),
  },
};
