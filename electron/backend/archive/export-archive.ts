import crypto from 'node:crypto';
import type { Ctx } from '../context';
import { AppError } from '../../../shared/errors';
import { write } from '../audit/log';
import { archiveSources, type ArchiveFilter } from './sources';
import { writeArchive, type ArchiveResult } from './writer';

/** Running archive exports, so `archive.cancel` can stop one by its task id. */
const running = new Map<string, AbortController>();

export interface ArchiveRequest extends ArchiveFilter {
  target: string;
  overwrite: boolean;
  taskId?: string;
}

/**
 * The archivist's export: the sealed records of the period, copied byte for byte with their
 * seals re-checked first, written with progress events ('progress' with the task id); can be
 * cancelled. Nothing is rendered or signed here: the records are what was attested or signed.
 */
export async function exportArchive(ctx: Ctx, request: ArchiveRequest): Promise<ArchiveResult & { taskId: string }> {
  const taskId = request.taskId ?? crypto.randomUUID();
  if (running.has(taskId)) throw new AppError('CONFLICT', 'An archive export with this task id is already running');
  const controller = new AbortController();
  running.set(taskId, controller);
  try {
    const sources = archiveSources(ctx, request);
    ctx.emit('progress', { taskId, done: 0, total: sources.length, label: '' });
    const result = await writeArchive(sources, {
      target: request.target,
      overwrite: request.overwrite,
      signal: controller.signal,
      createdAt: ctx.clock.now(),
      onProgress: (done, total, label) => ctx.emit('progress', { taskId, done, total, label }),
    });
    write(ctx, (record) =>
      record({ action: 'export', entity: 'archive', entityId: taskId, after: { path: result.path, format: result.format, documents: result.documents, from: request.from, to: request.to } }),
    );
    return { ...result, taskId };
  } finally {
    running.delete(taskId);
  }
}

export function cancelArchive(taskId: string): { cancelled: boolean } {
  const controller = running.get(taskId);
  controller?.abort();
  return { cancelled: controller !== undefined };
}
