import type crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorBody } from '../../../../shared/errors';
import { signPackage, type SignatureStatement, type SigningIdentity } from '../opc/sign-package';

export interface ToSignWorker {
  id: number;
  bytes: Uint8Array;
  certificateDer: Buffer;
  /** KeyObjects cross to worker threads by postMessage; the key never leaves the process */
  privateKey: crypto.KeyObject;
  chainDer: Buffer[];
  time: string;
  statement: SignatureStatement;
}
export type FromSignWorker = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; error: ErrorBody };

/**
 * The worker's entry: beside the bundled backend in the desktop build (out/main/sign-worker.js),
 * or the TypeScript source through tsx (CLI, tests, browser mode).
 */
function workerEntry(): { file: string; eval: boolean } {
  const bundled = path.join(__dirname, 'sign-worker.js');
  if (fs.existsSync(bundled)) return { file: bundled, eval: false };
  const source = path.join(__dirname, 'sign-worker.ts');
  return { file: `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, eval: true };
}

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const pending = new Map<number, { resolve(bytes: Uint8Array): void; reject(error: unknown): void }>();

function failAll(reason: string): void {
  for (const p of pending.values()) p.reject(new AppError('INTERNAL', reason));
  pending.clear();
}

function ensureWorker(): Worker | null {
  if (worker || broken) return worker;
  try {
    const entry = workerEntry();
    const started = new Worker(entry.file, { eval: entry.eval });
    started.unref();
    started.on('message', (reply: FromSignWorker) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      // an idle worker must not keep a CLI process alive; a busy one must (see signOffThread)
      if (pending.size === 0) started.unref();
      if (!p) return;
      if (reply.ok) p.resolve(reply.bytes);
      else
        p.reject(
          new AppError(reply.error.code, reply.error.message, {
            fields: reply.error.fields,
            params: reply.error.params,
          }),
        );
    });
    started.on('error', (error) => {
      console.warn(
        `[samrad] the signing worker failed (${error.message}); signing continues in the backend's own thread`,
      );
      broken = true;
      worker = null;
      failAll(`The signing worker failed: ${error.message}`);
    });
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll('The signing worker stopped');
    });
    worker = started;
  } catch (error) {
    console.warn(
      `[samrad] no signing worker here (${error instanceof Error ? error.message : String(error)}); signing in the backend's own thread`,
    );
    broken = true;
  }
  return worker;
}

/**
 * Signs a package in a worker thread, so the dispatcher answers other calls meanwhile. Where
 * no worker can run, it signs in this thread: slower for others, never a failure.
 */
export function signOffThread(
  bytes: Uint8Array,
  identity: SigningIdentity,
  time: Date,
  statement: SignatureStatement = {},
): Promise<Uint8Array> {
  const target = ensureWorker();
  if (!target) return Promise.resolve().then(() => signPackage(bytes, identity, time, statement));
  const id = nextId++;
  return new Promise<Uint8Array>((resolve, reject) => {
    pending.set(id, { resolve: (signed) => resolve(new Uint8Array(signed)), reject });
    const job: ToSignWorker = {
      id,
      bytes,
      certificateDer: identity.certificate.raw,
      privateKey: identity.privateKey,
      chainDer: (identity.chain ?? []).map((c) => c.raw),
      time: time.toISOString(),
      statement,
    };
    target.ref();
    target.postMessage(job);
  });
}

/** Stops the worker (tests; the process ending stops it too, it is unref'd). */
export async function stopSignWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
