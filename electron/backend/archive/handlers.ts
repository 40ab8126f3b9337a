import type { HandlerMap } from '../handler';
import type { Method } from '../../../shared/contract';
import { decodeBase64File, trustedFor } from '../signing/verify-docx';
import { cancelArchive, exportArchive } from './export-archive';
import { verifyArchive } from './verify-archive';

type ArchiveMethod = Extract<Method, `archive.${string}`>;

export const archiveHandlers: HandlerMap<ArchiveMethod> = {
  'archive.export': (ctx, i) => exportArchive(ctx, i),
  'archive.cancel': (_ctx, i) => cancelArchive(i.taskId),
  // the desktop's main process answers this one with its own dialog; here (browser mode, CLI) there is none
  'archive.chooseTarget': () => ({ available: false, path: null }),
  'archive.verify': (ctx, i) =>
    verifyArchive(i.path ?? decodeBase64File(i.fileBase64!), { trusted: trustedFor(ctx, i.alsoTrusted) }),
};
