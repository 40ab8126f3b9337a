/**
 * Worker thread that signs packages (XML canonicalisation, digests and the RSA signature are
 * CPU work of 35–450 ms a document): the backend's dispatcher thread stays free meanwhile.
 * Started by sign-pool.ts; bundled as out/main/sign-worker.js in the desktop build.
 */
import crypto from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { signPackage } from '../opc/sign-package';
import type { FromSignWorker, ToSignWorker } from './sign-pool';

parentPort?.on('message', (job: ToSignWorker) => {
  let reply: FromSignWorker;
  try {
    const identity = {
      certificate: new crypto.X509Certificate(job.certificateDer),
      privateKey: job.privateKey,
      chain: job.chainDer.map((der) => new crypto.X509Certificate(der)),
    };
    reply = { id: job.id, ok: true, bytes: signPackage(job.bytes, identity, new Date(job.time), job.statement) };
  } catch (error) {
    reply =
      error instanceof AppError
        ? { id: job.id, ok: false, error: error.toBody() }
        : {
            id: job.id,
            ok: false,
            error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
          };
  }
  parentPort!.postMessage(reply);
});
