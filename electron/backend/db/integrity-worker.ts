import { Worker } from 'node:worker_threads';

/**
 * SQLite's integrity check runs in a worker thread on its own read-only connection: on a large
 * file it takes seconds, and better-sqlite3 would hold the calling thread for all of them (the
 * app's calls; `samrad check`'s other checks, which run beside it). The worker is plain CommonJS
 * given as source (no file to bundle or find at run time); it loads the same better-sqlite3 the
 * caller uses, by its resolved path.
 *
 * It checks `due` (each a table name, or null for the whole file) one after the other, then
 * `rotation` in order while less than `budgetMs` has passed since it began.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
try {
  const Database = require(workerData.module);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
  try {
    const problemsOf = (table) =>
      db.pragma(table === null ? 'integrity_check' : 'integrity_check(' + JSON.stringify(table) + ')')
        .map((r) => r.integrity_check)
        .filter((r) => r !== 'ok');
    const start = Date.now();
    const checked = [];
    for (const table of workerData.due) checked.push({ table, problems: problemsOf(table) });
    for (const table of workerData.rotation) {
      if (Date.now() - start >= workerData.budgetMs) break;
      checked.push({ table, problems: problemsOf(table) });
    }
    parentPort.postMessage({ checked });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error), code: error && error.code });
}
`;

export interface IntegrityJob {
  file: string;
  /** checked whatever the time: table names, or null for the whole file */
  due: Array<string | null>;
  /** checked in order after `due` while the run is under `budgetMs` */
  rotation?: string[];
  budgetMs?: number;
  nativeBinding?: string;
}

/** What the worker checked, each with SQLite's problems (none: ok), or why it could not run at all. */
export type IntegrityJobResult =
  { checked: Array<{ table: string | null; problems: string[] }> } | { error: string; code?: string };

/** Runs `job` off the calling thread; rejects only when no worker could run it (not a verdict on the file). */
export function integrityInWorker(job: IntegrityJob): Promise<IntegrityJobResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: job.file,
        due: job.due,
        rotation: job.rotation ?? [],
        budgetMs: job.budgetMs ?? 0,
        nativeBinding: job.nativeBinding,
        module: require.resolve('better-sqlite3'),
      },
    });
    worker.once('message', (result: IntegrityJobResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the integrity check stopped (exit ${code})`)));
  });
}
