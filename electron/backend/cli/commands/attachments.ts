import fs from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_MEGABYTES } from '../../../../shared/contract/attachments';
import { AppError } from '../../../../shared/errors';
import type { Backend } from '../../backend';
import { writeExportFile } from '../../export/write-file';
import { UsageError, flag, flagsInUsage, requiredFlag, type Command, type CommandContext } from '../command';
import { call } from '../call';
import { formatTable } from '../table';

/** One `samrad attachments <action>`: its usage (which also lists the flags it takes) and what it does. */
interface Action {
  usage: string;
  run(ctx: CommandContext, backend: Backend): Promise<number>;
}

function positive(raw: string | undefined, what: string): number {
  const id = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id <= 0)
    throw new UsageError(`${what} must be a positive whole number`);
  return id;
}

/**
 * The file's bytes, read no further than one byte past the limit: a file too large is refused by
 * the backend as any other (the same error as in the app), without reading gigabytes first.
 */
function readForAttaching(file: string): Buffer {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    return buffer.subarray(0, length);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const SIZE = new Intl.NumberFormat('sv-SE');

const actions: Record<string, Action> = {
  list: {
    usage: 'samrad attachments list (--meeting ID | --paragraph ID) [--json] [--db FILE]',
    async run(ctx, backend) {
      const meeting = flag(ctx, 'meeting');
      const paragraph = flag(ctx, 'paragraph');
      if ((meeting === undefined) === (paragraph === undefined))
        throw new UsageError('give either --meeting ID or --paragraph ID');
      const of =
        meeting !== undefined
          ? { meetingId: positive(meeting, '--meeting') }
          : { paragraphId: positive(paragraph, '--paragraph') };
      const list = await call(backend, 'attachments.list', of);
      if (ctx.flags.json) {
        ctx.io.out(JSON.stringify(list, null, 2));
        return 0;
      }
      if (list.length === 0) {
        ctx.io.out(
          meeting !== undefined
            ? `Meeting ${meeting} has no handlingar.`
            : `The § with id ${paragraph} has no handlingar.`,
        );
        return 0;
      }
      const table = formatTable(
        ['id', 'agenda item', '§ id', 'file', 'type', 'bytes', 'sha256', 'attested'],
        list.map((a) => [
          a.id,
          a.agendaItemId,
          a.paragraphId,
          a.fileName,
          a.mediaType,
          SIZE.format(a.size),
          a.sha256,
          a.locked ? 'yes' : '',
        ]),
      );
      for (const line of table) ctx.io.out(line);
      return 0;
    },
  },
  add: {
    usage: 'samrad attachments add FILE (--agenda-item ID | --paragraph ID) [--db FILE]',
    async run(ctx, backend) {
      const file = ctx.args[1];
      if (!file) throw new UsageError('which file? samrad attachments add FILE --agenda-item ID');
      const item = flag(ctx, 'agenda-item');
      const paragraph = flag(ctx, 'paragraph');
      if ((item === undefined) === (paragraph === undefined))
        throw new UsageError('give either --agenda-item ID or --paragraph ID');
      const target =
        item !== undefined
          ? { agendaItemId: positive(item, '--agenda-item') }
          : { paragraphId: positive(paragraph, '--paragraph') };
      const added = await call(backend, 'attachments.add', {
        target,
        fileName: path.basename(file),
        fileBase64: readForAttaching(path.resolve(file)).toString('base64'),
      });
      ctx.io.out(`Attached: handling ${added.id} ${added.fileName} (${added.mediaType}, sha256 ${added.sha256})`);
      return 0;
    },
  },
  get: {
    usage: 'samrad attachments get ID --out FILE [--overwrite] [--db FILE]',
    async run(ctx, backend) {
      const id = positive(ctx.args[1], 'ID');
      const target = path.resolve(requiredFlag(ctx, 'out'));
      const overwrite = ctx.flags.overwrite === true;
      // refused before the file is read out of the database
      if (fs.existsSync(target) && !overwrite)
        throw new AppError('FILE_EXISTS', `${target} already exists; choose another name or add --overwrite`, {
          params: { path: target },
        });
      const file = await call(backend, 'attachments.open', { id });
      const written = writeExportFile(target, Buffer.from(file.base64, 'base64'), { overwrite });
      ctx.io.out(`Written: ${written.path} (${file.fileName}, sha256 ${written.sha256})`);
      return 0;
    },
  },
  remove: {
    usage: 'samrad attachments remove ID [--db FILE]',
    async run(ctx, backend) {
      const id = positive(ctx.args[1], 'ID');
      await call(backend, 'attachments.remove', { id });
      ctx.io.out(`Removed handling ${id}.`);
      return 0;
    },
  },
};

/** `samrad attachments`: a meeting's handlingar, through the same contract methods as the app. */
export const attachmentsCommand: Command = {
  usage: Object.values(actions)
    .map((a) => a.usage)
    .join('\n  '),
  summary: `list, attach, write out or remove the handlingar of a meeting (PDF, Word, PNG, JPEG; at most ${ATTACHMENT_MAX_MEGABYTES} MB)`,
  flagsFor(args) {
    const action = args[0] ? actions[args[0]] : undefined;
    return action ? { flags: flagsInUsage(action.usage), usage: action.usage } : undefined;
  },
  async run(ctx) {
    const action = ctx.args[0] ? actions[ctx.args[0]] : undefined;
    if (!action) throw new UsageError(`which? one of: ${Object.keys(actions).join(', ')}`);
    const backend = await ctx.openBackend();
    try {
      return await action.run(ctx, backend);
    } finally {
      backend.close();
    }
  },
};
