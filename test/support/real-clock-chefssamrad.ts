import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { testBackend, type TestBackend } from './backend';
import { chefssamrad } from './meetings';
import { startLocalTsa, type LocalTsa } from './local-tsa';

export type Chefssamrad = Awaited<ReturnType<typeof chefssamrad>>;

/**
 * Gives every test of the file a fresh backend on the real clock with the Chefssamråd fixture
 * (`use` receives them before the test runs), for acts dated by the real clock — a signer's own
 * certificate, `samrad sign`, a TSA — which must not lie in the backend's future.
 */
export function chefssamradOnRealClock(use: (opened: { b: TestBackend; f: Chefssamrad }) => void) {
  let b: TestBackend | undefined;
  beforeEach(async () => {
    b = await testBackend(new Date().toISOString());
    use({ b, f: await chefssamrad(b) });
  });
  afterEach(() => b?.cleanup());
}

/** The same, with one local TSA for the whole file, set back to answering properly before every test. */
export function chefssamradOnRealClockWithTsa(
  use: (opened: { b: TestBackend; f: Chefssamrad; tsa: LocalTsa }) => void,
) {
  let tsa: LocalTsa;
  beforeAll(async () => void (tsa = await startLocalTsa()), 60_000);
  afterAll(() => tsa.close());
  chefssamradOnRealClock((opened) => {
    tsa.behaviour = 'ok';
    use({ ...opened, tsa });
  });
}
