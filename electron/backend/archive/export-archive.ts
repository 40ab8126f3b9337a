import crypto from 'node:crypto';
import type { Ctx } from '../context';
import { AppError } from '../../../shared/errors';
import { write } from '../audit/log';
import { signingIdentity } from '../signing/certificates/store';
import { renderSigned } from './render-job';
import { renderWorkerCount, startRenderPool, type RenderPool } from './render-pool';
import { archiveDocuments, type ArchiveFilter } from './sources';
import { writeArchive, type ArchiveResult } from './writer';

/** Running archive exports, so `archive.cancel` can stop one by its task id. */
const running = new Map<string, AbortController>();

export interface ArchiveRequest extends ArchiveFilter {
  target: string;
  overwrite: boolean;
  taskId?: string;
}

/**
 * The archivist's export: checks signing works before writing anything, then writes the
 * archive with progress events ('progress' with the task id) and can be cancelled. A large
 * archive is rendered and signed by worker threads, one per core.
 */
export async function exportArchive(ctx: Ctx, request: ArchiveRequest): Promise<ArchiveResult & { taskId: string }> {
  const taskId = request.taskId ?? crypto.randomUUID();
  if (running.has(taskId)) throw new AppError('CONFLICT', 'An archive export with this task id is already running');
  const identity = signingIdentity(ctx); // no certificate, expired, or locked: say so before any work
  const controller = new AbortController();
  running.set(taskId, controller);
  let pool: RenderPool | null = null;
  try {
    const documents = archiveDocuments(ctx, request);
    const workers = renderWorkerCount(documents.length);
    pool = workers > 0 ? startRenderPool(ctx, identity, workers) : null;
    const sources = documents.map(({ meta, job }) => ({ meta, produce: () => (pool ? pool.render(job) : renderSigned(ctx, job, identity)) }));
    ctx.emit('progress', { taskId, done: 0, total: sources.length, label: '' });
    const result = await writeArchive(sources, {
      ahead: workers * 2,
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
    await pool?.close();
  }
}

export function cancelArchive(taskId: string): { cancelled: boolean } {
  const controller = running.get(taskId);
  controller?.abort();
  return { cancelled: controller !== undefined };
}
