import crypto from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { fixedClock, type Ctx } from '../context';
import { cachePreparedStatements } from '../db/statement-cache';
import { renderSigned } from './render-job';
import type { FromRenderWorker, RenderWorkerData, ToRenderWorker } from './render-pool';

/**
 * A worker thread of the archive export: its own read-only connection to the database and
 * the signing identity handed over by the backend (the key as a KeyObject, never as bytes).
 */
const data = workerData as RenderWorkerData;
const port = parentPort!;
const db = new Database(data.dbPath, { readonly: true, fileMustExist: true, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
db.pragma('busy_timeout = 5000');
cachePreparedStatements(db);
const ctx: Ctx = { db, dbPath: data.dbPath, clock: fixedClock(data.now), osUserName: '', emit: () => undefined };
const identity = {
  certificate: new crypto.X509Certificate(data.certificateDer),
  privateKey: data.privateKey,
  chain: data.chainDer.map((der) => new crypto.X509Certificate(der)),
};

port.on('message', (message: ToRenderWorker) => {
  renderSigned(ctx, message.job, identity).then(
    (bytes) => port.postMessage({ seq: message.seq, ok: true, bytes } satisfies FromRenderWorker, [bytes.buffer as ArrayBuffer]),
    (error: unknown) => {
      const body = error instanceof AppError ? error.toBody() : { code: 'INTERNAL' as const, message: error instanceof Error ? error.message : String(error) };
      port.postMessage({ seq: message.seq, ok: false, error: body } satisfies FromRenderWorker);
    },
  );
});
port.postMessage({ ready: true } satisfies FromRenderWorker);
