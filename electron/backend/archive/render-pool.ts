import type crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorBody } from '../../../shared/errors';
import type { Ctx } from '../context';
import type { SigningIdentity } from '../signing/opc/sign-package';
import { renderSigned, type RenderJob } from './render-job';

export interface RenderWorkerData {
  dbPath: string;
  nativeBinding?: string;
  /** the backend's clock at the start of the export, so every document is signed at one time */
  now: string;
  certificateDer: Buffer;
  privateKey: crypto.KeyObject;
  chainDer: Buffer[];
}

export type ToRenderWorker = { seq: number; job: RenderJob };
export type FromRenderWorker = { ready: true } | { seq: number; ok: true; bytes: Uint8Array } | { seq: number; ok: false; error: ErrorBody };

/** Archives smaller than this are rendered in the backend's own thread: starting workers costs more. */
export const MIN_DOCUMENTS_FOR_WORKERS = 16;

/** How many render workers an archive of `documents` gets: one per core, none for a small one. */
export function renderWorkerCount(documents: number, cores = os.availableParallelism()): number {
  if (documents < MIN_DOCUMENTS_FOR_WORKERS || cores < 2) return 0;
  return Math.min(cores, 4);
}

export interface RenderPool {
  render(job: RenderJob): Promise<Uint8Array>;
  /** workers still running; 0 once every one failed to start and rendering fell back in-thread */
  readonly size: number;
  close(): Promise<void>;
}

interface Pending {
  seq: number;
  job: RenderJob;
  resolve(bytes: Uint8Array): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current: Pending | null;
}

/** The desktop build bundles the worker beside the backend; from sources it starts through tsx. */
function defaultWorkerFile(): string {
  const bundled = path.join(__dirname, 'render-worker.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, 'render-worker-tsx.cjs');
}

/**
 * Worker threads that render and sign archive documents in parallel (docx building and
 * signing are CPU work; one thread per core is what makes a large archive fast). A worker
 * that cannot start — no worker support where the app runs, a database it cannot open —
 * hands its work back, and what no worker can take is rendered in the backend's own thread,
 * so an archive never fails only because workers are unavailable.
 */
export function startRenderPool(ctx: Ctx, identity: SigningIdentity, size: number, workerFile = defaultWorkerFile()): RenderPool {
  const data: RenderWorkerData = {
    dbPath: ctx.dbPath,
    nativeBinding: ctx.nativeBinding,
    now: ctx.clock.now().toISOString(),
    certificateDer: identity.certificate.raw,
    privateKey: identity.privateKey,
    chainDer: (identity.chain ?? []).map((c) => c.raw),
  };
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let seq = 0;
  let closed = false;

  const inThread = (pending: Pending) => renderSigned(ctx, pending.job, identity).then(pending.resolve, pending.reject);

  const dispatch = () => {
    if (slots.length === 0) {
      for (const pending of queue.splice(0)) void inThread(pending);
      return;
    }
    for (const slot of slots) {
      if (slot.current || queue.length === 0) continue;
      slot.current = queue.shift()!;
      slot.worker.postMessage({ seq: slot.current.seq, job: slot.current.job } satisfies ToRenderWorker);
    }
  };

  const drop = (slot: Slot, error: Error) => {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    const current = slot.current;
    slot.current = null;
    // work a worker never started on goes back; work it died in the middle of fails the export
    if (current && !slot.ready) queue.unshift(current);
    else current?.reject(new AppError('INTERNAL', `A render worker stopped: ${error.message}`));
    void slot.worker.terminate();
    dispatch();
  };

  for (let i = 0; i < size; i++) {
    let worker: Worker;
    try {
      worker = new Worker(workerFile, { workerData: data });
    } catch {
      break;
    }
    const slot: Slot = { worker, ready: false, current: null };
    slots.push(slot);
    worker.on('message', (message: FromRenderWorker) => {
      if ('ready' in message) {
        slot.ready = true;
        return;
      }
      const current = slot.current;
      slot.current = null;
      if (current?.seq === message.seq) {
        if (message.ok) current.resolve(message.bytes);
        else current.reject(new AppError(message.error.code, message.error.message, { fields: message.error.fields, params: message.error.params }));
      }
      dispatch();
    });
    worker.on('error', (error) => drop(slot, error));
    worker.on('exit', (code) => {
      if (!closed) drop(slot, new Error(`exit code ${code}`));
    });
  }

  return {
    render(job) {
      return new Promise<Uint8Array>((resolve, reject) => {
        queue.push({ seq: ++seq, job, resolve, reject });
        dispatch();
      });
    },
    get size() {
      return slots.length;
    },
    async close() {
      closed = true;
      const stopped = new AppError('INTERNAL', 'The render workers were stopped');
      for (const pending of [...queue.splice(0), ...slots.map((slot) => slot.current)]) pending?.reject(stopped);
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
