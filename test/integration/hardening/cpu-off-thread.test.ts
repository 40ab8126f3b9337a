import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../support/backend';

let b: TestBackend;
beforeEach(async () => void (b = await testBackend()));
afterEach(() => b.cleanup());

/** The longest time the event loop went without running a 5 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

describe('CPU-heavy work runs off the dispatcher thread (issue 13, case 11)', () => {
  it('creating a local certificate leaves the backend answering other calls', async () => {
    // generating two RSA keys, two signatures and two scrypt seals in-thread stalled the loop
    // 0.3–0.9 s and answered nothing meanwhile. Counted, not only timed: on a loaded machine
    // every pause is longer, but only work off the thread lets calls through while it runs.
    let done = false;
    let answeredDuring = 0;
    const stall = await longestStall(async () => {
      const creating = b
        .call('certificates.createLocal', {
          organisation: 'Södertälje kommun',
          passphrase: 'en lång lösenfras för testet',
        })
        .finally(() => (done = true));
      const others = (async () => {
        while (!done) {
          await b.call('organisations.list', {});
          if (!done) answeredDuring++;
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await Promise.all([creating, others]);
    });
    expect(answeredDuring).toBeGreaterThanOrEqual(3);
    // generous, for a loaded two-core machine; in-thread generation alone exceeds it when idle
    if (os.loadavg()[0] < os.availableParallelism()) expect(stall).toBeLessThan(250);
    else
      console.log(
        `[cpu-off-thread] the machine is loaded (load ${os.loadavg()[0].toFixed(1)}): the ${Math.round(stall)} ms stall bound is not checked, the calls answered meanwhile (${answeredDuring}) are`,
      );
    const list = await b.call('certificates.list', {});
    expect(list.map((c) => c.role).sort()).toEqual(['ca', 'signing']);
  });
});

describe('signing an export runs in a worker thread (issue 13, CPU-heavy work)', () => {
  it('while a protocol is signed, other calls are answered; the signature verifies', async () => {
    const { loadExample } = await import('../../../electron/backend/example/load');
    // the example's protocols of 2017 are attested by mid-2018
    b.cleanup();
    b = await testBackend('2018-06-01T10:00:00Z');
    loadExample(b.ctx, false);
    await b.call('certificates.createLocal', {
      organisation: 'Södertälje kommun',
      passphrase: 'en lång lösenfras för testet',
    });
    const meetingId = b.ctx.db
      .prepare("SELECT meeting_id FROM protocol WHERE status = 'attested' ORDER BY meeting_id LIMIT 1")
      .pluck()
      .get() as number;
    // warm up (first use of the key, the worker's start), then measure
    await b.call('meetings.exportProtocol', { meetingId, lang: 'sv', sign: true });
    let done = false;
    let answeredDuring = 0;
    const signing = b
      .call('meetings.exportProtocol', { meetingId, lang: 'sv', sign: true })
      .finally(() => (done = true));
    while (!done) {
      await b.call('organisations.list', {});
      if (!done) answeredDuring++;
      await new Promise((r) => setImmediate(r));
    }
    const file = await signing;
    expect(answeredDuring).toBeGreaterThanOrEqual(1);
    const verified = await b.call('documents.verify', { fileBase64: file.base64 });
    expect(verified).toMatchObject({ signed: true, valid: true });
  });
});
