/**
 * The lists part of `npm run bench` (issue 16): on the generated databases of 10 000 and
 * 100 000 §§ (bench/generate.ts; BENCH_LIST_SIZES to choose), every contract call a main page
 * makes, p50/p95 over BENCH_LIST_RUNS runs, and in Chromium the time until each main page is
 * interactive, the time from ticking an action "Klar" to the list showing it, and the backend's
 * resident memory after the visits. Each figure at the larger size beside the smaller one and
 * the target. Figures only, no assertions.
 */
import os from 'node:os';
import { startBackend, type Backend } from '../electron/backend/backend';
import type { Input, Method } from '../shared/contract';
import { cachedDatabase } from './generate';
import { openBrowserSession, residentBytes } from './browser';

const TODAY = new Date().toISOString().slice(0, 10);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The calls each main page makes on opening (as the renderer asks them), with inputs found in the database. */
async function pageCalls(backend: Backend): Promise<Array<[page: string, method: Method, input: unknown]>> {
  const ask = async <M extends Method>(method: M, input: Input<M>) => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as never;
  };
  const bodies: Array<{ id: number; kind: string }> = await ask('bodies.list', {});
  const body = (bodies.find((b) => b.kind === 'chefssamrad') ?? bodies[0]).id;
  const past: { items: Array<{ id: number; date: string; bodyId: number }> } = await ask('meetings.list', {
    bodyId: body,
    before: TODAY,
    order: 'desc',
    limit: 1,
  });
  const meeting = past.items[0];
  const upcoming: { items: Array<{ id: number }> } = await ask('meetings.list', {
    bodyId: body,
    from: TODAY,
    limit: 1,
  });
  const openPage: { next: string | null } = await ask('actions.list', { status: 'open', limit: 50 });
  return [
    ['home', 'example.status', {}],
    ['home', 'organisations.list', {}],
    ['home', 'people.list', { limit: 1 }],
    ['home', 'bodies.list', {}],
    ['Sammanträden', 'meetings.list', { bodyId: body, includeCancelled: true, from: TODAY, order: 'asc', limit: 25 }],
    [
      'Sammanträden',
      'meetings.list',
      { bodyId: body, includeCancelled: true, before: TODAY, order: 'desc', limit: 25 },
    ],
    ['protocol tab', 'meetings.get', { id: meeting.id }],
    ['protocol tab', 'protocol.get', { meetingId: meeting.id }],
    ['protocol tab', 'attendance.list', { meetingId: meeting.id }],
    ['protocol tab', 'bodies.get', { id: meeting.bodyId }],
    ['protocol tab', 'meetings.priorities', { on: meeting.date }],
    ['agenda tab', 'agenda.list', { meetingId: upcoming.items[0].id }],
    ['agenda tab', 'agenda.suggestions', { meetingId: upcoming.items[0].id }],
    ['Uppdrag', 'actions.list', { status: 'open', limit: 50 }],
    ['Uppdrag', 'actions.list', { status: 'open', limit: 50, after: openPage.next }],
    ['Uppdrag', 'actions.list', { status: 'done', limit: 50 }],
    ['Uppdrag', 'actions.stats', {}],
    ['Uppdrag', 'meetings.priorities', { on: null }],
    ['Deltagare', 'people.list', { limit: 50 }],
    ['Deltagare', 'organisations.list', {}],
    ['search results', 'search.query', { q: 'trygghetsvandringar', limit: 20 }],
    ['CLI list paragraphs (a page)', 'paragraphs.list', { limit: 500 }],
  ];
}

interface Figures {
  calls: Map<string, { p50: number; p95: number }>;
  pages: Map<string, number>;
  tickMs: number | null;
  rssBytes: number | null;
}

async function measure(file: string, runs: number): Promise<Figures> {
  const backend = await startBackend(file);
  const calls = new Map<string, { p50: number; p95: number }>();
  try {
    for (const [page, method, input] of await pageCalls(backend)) {
      const samples: number[] = [];
      const once = await backend.dispatch(method, input);
      if (!once.ok) throw new Error(`${method}: ${once.error.message}`);
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await backend.dispatch(method, input);
        samples.push(performance.now() - start);
      }
      samples.sort((a, b) => a - b);
      const shown = (input as { after?: unknown }).after ? `${method} (next page)` : method;
      calls.set(`${page}: ${shown} ${JSON.stringify(input).slice(0, 60)}`, {
        p50: percentile(samples, 50),
        p95: percentile(samples, 95),
      });
    }
  } finally {
    backend.close();
  }
  try {
    return { calls, ...(await browserFigures(file)) };
  } catch (error) {
    console.log(`  in the browser: not measured on ${file}: ${String(error).split('\n')[0]}`);
    return { calls, pages: new Map(), tickMs: null, rssBytes: null };
  }
}

/** The time from asking for a page (hash change) to its content on screen and usable. */
async function browserFigures(file: string): Promise<Omit<Figures, 'calls'>> {
  const session = await openBrowserSession(file);
  if (!session) return { pages: new Map(), tickMs: null, rssBytes: null };
  const { page } = session;
  const pages = new Map<string, number>();
  try {
    const visit = async (label: string, hash: string, ready: () => Promise<unknown>) => {
      // warm: the first visit also loads code; the figure is the second
      for (let i = 0; i < 2; i++) {
        await page.evaluate(() => (location.hash = '#/organisations'));
        await page.getByRole('heading', { level: 2 }).first().waitFor();
        const start = Date.now();
        await page.evaluate((h) => (location.hash = h), hash);
        await ready();
        if (i === 1) pages.set(label, Date.now() - start);
      }
    };
    await visit('home', '#/', () => page.getByRole('heading', { level: 2 }).first().waitFor());
    await visit('Sammanträden', '#/meetings', () =>
      page.getByTestId('pager').or(page.getByTestId('empty-state')).first().waitFor(),
    );
    await page.evaluate(() => (location.hash = '#/meetings'));
    await page.keyboard.press('Escape');
    await page.getByText('Tidigare', { exact: true }).click({ force: true });
    const first = page.getByRole('link', { name: /Öppna sammanträdet/ }).first();
    await first.waitFor();
    const href = (await first.getAttribute('href'))!;
    await visit('a protocol tab', `${href}/protocol`, () =>
      page
        .getByRole('heading', { name: /^§ \d+/ })
        .first()
        .waitFor(),
    );
    await visit('Uppdrag', '#/actions', () => page.getByTestId('actions-table').waitFor());
    await visit('Deltagare', '#/people', () => page.getByRole('table').first().waitFor());
    await visit('search results', '#/search/trygghetsvandringar', () =>
      page.getByTestId('search-result').first().waitFor(),
    );

    // tick the first open action done: the row shows it, then the page comes again without it
    await page.evaluate(() => (location.hash = '#/actions'));
    const row = page.locator('tr[data-action-id]').first();
    await row.waitFor();
    const id = (await row.getAttribute('data-action-id'))!;
    const start = Date.now();
    await row.getByRole('checkbox').click();
    await page.locator(`tr[data-action-id="${id}"]`).waitFor({ state: 'detached' });
    const tickMs = Date.now() - start;
    const rssBytes = session.server.pid ? residentBytes(session.server.pid) : null;
    return { pages, tickMs, rssBytes };
  } finally {
    await session.close();
  }
}

const ms = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(v < 10 ? 2 : 0)} ms`);

export async function benchLists(): Promise<void> {
  const sizes = (process.env.BENCH_LIST_SIZES ?? '10000,100000').split(',').map(Number).filter(Boolean);
  if (sizes.length === 0) return console.log('\nLists: skipped (BENCH_LIST_SIZES empty).');
  const runs = Number(process.env.BENCH_LIST_RUNS ?? 50);
  console.log(
    `\nLists on generated databases (${sizes.join(' and ')} §§: ten bodies every other week, 20 §§ a meeting, actions, attendance; made through the contract):`,
  );
  const figures: Figures[] = [];
  for (const size of sizes) {
    const db = await cachedDatabase(size);
    console.log(
      db.makeSeconds === null
        ? `  ${size} §§: database reused from ${db.file} (BENCH_FRESH=1 makes it anew)`
        : `  ${size} §§: database made through the contract in ${db.makeSeconds.toFixed(0)} s`,
    );
    figures.push(await measure(db.file, runs));
  }
  const head = sizes.map((s) => `${s} §§ p50 / p95`);
  console.log(
    `  contract calls a page makes, ${runs} runs each; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; target p95 ≤ 20 ms (actions.stats ≤ 10 ms):`,
  );
  const rows = [['call', ...head]];
  for (const key of figures[0].calls.keys())
    rows.push([key, ...figures.map((f) => `${ms(f.calls.get(key)?.p50)} / ${ms(f.calls.get(key)?.p95)}`)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    console.log(`    ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`);
  if (figures.some((f) => f.pages.size > 0)) {
    console.log('  in the browser (Chromium, 1366×768): page asked for → its content usable (target ≤ 1 s):');
    for (const label of figures.find((f) => f.pages.size > 0)!.pages.keys())
      console.log(
        `    ${label.padEnd(16)} ${figures.map((f, i) => `${sizes[i]} §§: ${ms(f.pages.get(label))}`).join('   ')}`,
      );
    console.log(
      `    tick an action "Klar" → the open list without it (target ≤ 200 ms): ${figures.map((f, i) => `${sizes[i]} §§: ${ms(f.tickMs ?? undefined)}`).join('   ')}`,
    );
    console.log(
      `    backend resident memory after the visits (target ≤ 200 MB): ${figures.map((f, i) => `${sizes[i]} §§: ${f.rssBytes === null ? '–' : `${(f.rssBytes / 1024 / 1024).toFixed(0)} MB`}`).join('   ')}`,
    );
  }
}

if (require.main === module) {
  benchLists().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
