import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend, type Backend } from '../../electron/backend/backend';
import { fixedClock } from '../../electron/backend/context';
import type { Input, Method, Output } from '../../shared/contract';
import type { ErrorBody } from '../../shared/errors';

/** A fresh database file in its own temp folder, removed by `cleanup`. */
export function tempDbPath(): { file: string; dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-test-'));
  return {
    file: path.join(dir, 'samrad.sqlite'),
    dir,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface TestBackend extends Backend {
  clock: ReturnType<typeof fixedClock>;
  dir: string;
  /** call a method and return its value, failing the test on an error */
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  /** call a method that must fail and return its error */
  fail<M extends Method>(method: M, input: unknown): Promise<ErrorBody>;
  cleanup(): void;
}

export async function testBackend(now = '2017-02-01T09:00:00Z'): Promise<TestBackend> {
  const tmp = tempDbPath();
  const clock = fixedClock(now);
  const backend = await startBackend(tmp.file, { clock, osUserName: 'testare' });
  return {
    ...backend,
    clock,
    dir: tmp.dir,
    async call(method, input) {
      const result = await backend.dispatch(method, input);
      if (!result.ok)
        throw new Error(
          `${method} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`,
        );
      return result.value as never;
    },
    async fail(method, input) {
      const result = await backend.dispatch(method, input);
      if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
      return result.error;
    },
    cleanup() {
      backend.close();
      tmp.cleanup();
    },
  };
}
