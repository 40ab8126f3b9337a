/**
 * The lists part of `npm run bench` (issue 16): on the generated databases of 10 000 and
 * 100 000 §§ (bench/generate.ts; BENCH_LIST_SIZES to choose), every contract call a main page
 * makes, p50/p95 over BENCH_LIST_RUNS runs, and in Chromium the time until each main page is
 * interactive, the time from ticking an action "Klar" to the list showing it, and the backend's
 * resident memory after the visits. Each figure at the larger size beside the smaller one and
 * the target. Figures only, no assertions. BENCH_LIST_FILES names the files to measure instead
 * (one per size, in the order of BENCH_LIST_SIZES).
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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** ticks measured; the figure is their median */
const TICKS = 5;

/**
 * Runs in the page, before the tick: the time from the click (the event's own time stamp) to
 * the first frame that shows the row ticked, and to the first frame without the row. Timed in
 * the page, frame by frame, so the figure is what the user sees, not how often a test polls.
 * Source text, so the bundler's helpers (tsx names functions) do not reach the page.
 */
const WATCH_TICK = `(id) => new Promise((resolve) => {
  let clickedAt = null;
  let shownMs = null;
  document.addEventListener('click', (e) => (clickedAt = e.timeStamp), { capture: true, once: true });
  const frame = () => {
    if (clickedAt !== null) {
      const row = document.querySelector('tr[data-action-id="' + id + '"]');
      const box = row && row.querySelector('input[type="checkbox"]');
      if (shownMs === null && (!row || box.checked)) shownMs = performance.now() - clickedAt;
      if (!row) return resolve({ shownMs, goneMs: performance.now() - clickedAt });
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

/**
 * The calls each main page makes on opening (as the renderer asks them), with inputs found in
 * the database, and the meeting whose protocol tab they ask for (the browser opens the same).
 */
async function pageCalls(backend: Backend): Promise<{
  calls: Array<[page: string, method: Method, input: unknown, about?: string]>;
  meetingId: number;
}> {
  const ask = async <M extends Method>(method: M, input: Input<M>) => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as never;
  };
  const bodies: { items: Array<{ id: number; kind: string; name: string }> } = await ask('bodies.list', { limit: 100 });
  const chosen = bodies.items.find((b) => b.kind === 'chefssamrad') ?? bodies.items[0];
  const body = chosen.id;
  const bodyName = chosen.name;
  const past: { items: Array<{ id: number; date: string; bodyId: number }> } = await ask('meetings.list', {
    bodyId: body,
    before: TODAY,
    order: 'desc',
    limit: 1,
  });
  const meeting = past.items[0];
  const meetingNamed = (m: { date: string }) => `${bodyName} ${m.date}`;
  const upcoming: { items: Array<{ id: number; date: string }> } = await ask('meetings.list', {
    bodyId: body,
    from: TODAY,
    limit: 1,
  });
  const openPage: { next: string | null } = await ask('actions.list', { status: 'open', limit: 50 });
  const people: { items: Array<{ id: number }> } = await ask('people.list', { limit: 500 });
  const calls: Array<[page: string, method: Method, input: unknown, about?: string]> = [
    ['home', 'example.status', {}],
    ['home', 'organisations.list', { limit: 1 }],
    ['home', 'people.list', { limit: 1 }],
    ['home', 'bodies.list', { limit: 1 }],
    ['home', 'desk.get', {}],
    ['Sammanträden', 'bodies.list', { limit: 100 }],
    ['Sammanträden', 'bodies.get', { id: body }, bodyName],
    ['Sammanträden', 'meetings.list', { bodyId: body, includeCancelled: true, from: TODAY, order: 'asc', limit: 25 }],
    [
      'Sammanträden',
      'meetings.list',
      { bodyId: body, includeCancelled: true, before: TODAY, order: 'desc', limit: 25 },
    ],
    ['protocol tab', 'meetings.get', { id: meeting.id }, meetingNamed(meeting)],
    ['protocol tab', 'protocol.get', { meetingId: meeting.id }, meetingNamed(meeting)],
    ['protocol tab', 'attendance.list', { meetingId: meeting.id }, meetingNamed(meeting)],
    ['protocol tab', 'bodies.get', { id: meeting.bodyId }, bodyName],
    ['protocol tab', 'meetings.priorities', { on: meeting.date }, meetingNamed(meeting)],
    [
      'history drawer',
      'history.forRecord',
      { entity: 'meeting', entityId: meeting.id, limit: 50 },
      meetingNamed(meeting),
    ],
    ['agenda tab', 'agenda.list', { meetingId: upcoming.items[0].id }, `next meeting of ${bodyName}`],
    ['agenda tab', 'agenda.suggestions', { meetingId: upcoming.items[0].id }, `next meeting of ${bodyName}`],
    ['Uppdrag', 'actions.list', { status: 'open', limit: 50 }],
    // named, not by its cursor: the cursor differs between the databases, the row is the same
    ['Uppdrag', 'actions.list', { status: 'open', limit: 50, after: openPage.next }, 'of open actions'],
    ['Uppdrag', 'actions.list', { status: 'done', limit: 50 }],
    ['Uppdrag', 'actions.stats', {}],
    ['Uppdrag', 'meetings.priorities', { on: null }],
    ['Deltagare', 'people.list', { limit: 50 }],
    ['Deltagare', 'organisations.list', { limit: 100 }],
    [
      'a picker naming its chosen value',
      'people.list',
      { ids: [people.items[people.items.length - 1].id], limit: 1 },
      'the last person by name',
    ],
    ['Organisationer', 'organisations.list', { includeArchived: false, limit: 50 }],
    ['Samverkansforum', 'bodies.list', { includeArchived: false, limit: 50 }],
    ['search results', 'search.query', { q: 'trygghetsvandringar', limit: 20 }],
    ['CLI list paragraphs (a page)', 'paragraphs.list', { limit: 500 }],
  ];
  return { calls, meetingId: meeting.id };
}

/** A call's wall-clock p50/p95, and the p50 of the CPU time it used: on a loaded machine the gap between them is waiting for a core, not work. */
interface CallFigures {
  p50: number;
  p95: number;
  cpuP50: number;
}

interface Figures {
  calls: Map<string, CallFigures>;
  pages: Map<string, number>;
  /** ticking "Klar" until the row shows it (median of TICKS) */
  tickMs: number | null;
  /** … until the open list comes again without it */
  tickGoneMs: number | null;
  /** the backend's resident memory (bundled as it ships) after the visits, and the most it held meanwhile */
  rssBytes: { now: number; peak: number } | null;
}

async function measure(file: string, runs: number): Promise<Figures> {
  const backend = await startBackend(file);
  const calls = new Map<string, CallFigures>();
  let meetingId: number;
  try {
    const asked = await pageCalls(backend);
    meetingId = asked.meetingId;
    for (const [page, method, input, about] of asked.calls) {
      const samples: number[] = [];
      const cpu: number[] = [];
      const once = await backend.dispatch(method, input);
      if (!once.ok) throw new Error(`${method}: ${once.error.message}`);
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const used = process.cpuUsage();
        await backend.dispatch(method, input);
        samples.push(performance.now() - start);
        const { user, system } = process.cpuUsage(used);
        cpu.push((user + system) / 1000);
      }
      samples.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      const shown = (input as { after?: unknown }).after ? `${method} (next page)` : method;
      // the same row at every size: a meeting by body and date (its id differs between databases)
      calls.set(`${page}: ${shown} ${about ?? JSON.stringify(input).slice(0, 60)}`, {
        p50: percentile(samples, 50),
        p95: percentile(samples, 95),
        cpuP50: percentile(cpu, 50),
      });
    }
  } finally {
    backend.close();
  }
  try {
    return { calls, ...(await browserFigures(file, meetingId)) };
  } catch (error) {
    // the first lines name the locator that was waited for
    console.log(`  in the browser: not measured on ${file}: ${String(error).split('\n').slice(0, 3).join(' ')}`);
    return { calls, pages: new Map(), tickMs: null, tickGoneMs: null, rssBytes: null };
  }
}

/** The time from asking for a page (hash change) to its content on screen and usable. */
async function browserFigures(file: string, meetingId: number): Promise<Omit<Figures, 'calls'>> {
  const session = await openBrowserSession(file);
  if (!session) return { pages: new Map(), tickMs: null, tickGoneMs: null, rssBytes: null };
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
    // the newest past meeting of the calls above: reading it off the Sammanträden page raced its
    // switch from Kommande to Tidigare (the upcoming rows stay until the past ones come)
    const href = `#/meetings/${meetingId}`;
    // usable: the first § with its editors; the rest come in one § at a time (ProtocolTab)
    await visit('a protocol tab', `${href}/protocol`, () =>
      page.getByTestId('paragraph-card').first().getByRole('textbox', { name: 'Beslut' }).waitFor(),
    );
    await visit('  every § editable', `${href}/protocol`, async () => {
      await page.getByTestId('paragraph-card').first().waitFor();
      // a figure, not a target: on a loaded machine it takes longer than a page may (30 s)
      await page.getByTestId('paragraph-preview').first().waitFor({ state: 'detached', timeout: 180_000 });
    });
    await visit('Uppdrag', '#/actions', () => page.getByTestId('actions-table').waitFor());
    await visit('Deltagare', '#/people', () => page.getByRole('table').first().waitFor());
    await visit('search results', '#/search/trygghetsvandringar', () =>
      page.getByTestId('search-result').first().waitFor(),
    );

    // tick the first open action done, TICKS times: the row shows it, then the page comes again without it
    await page.evaluate(() => (location.hash = '#/actions'));
    const shown: number[] = [];
    const gone: number[] = [];
    for (let i = 0; i < TICKS; i++) {
      const row = page.locator('tr[data-action-id]').first();
      await row.waitFor();
      const id = Number(await row.getAttribute('data-action-id'));
      const times = page.evaluate<{ shownMs: number; goneMs: number }>(`(${WATCH_TICK})(${id})`);
      await Promise.all([times, row.getByRole('checkbox').click()]);
      const { shownMs, goneMs } = await times;
      shown.push(shownMs);
      gone.push(goneMs);
    }
    const rssBytes = session.server.pid ? residentBytes(session.server.pid) : null;
    return { pages, tickMs: median(shown), tickGoneMs: median(gone), rssBytes };
  } finally {
    await session.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(v < 10 ? 2 : 0)} ms`);

export async function benchLists(): Promise<void> {
  const sizes = (process.env.BENCH_LIST_SIZES ?? '10000,100000').split(',').map(Number).filter(Boolean);
  if (sizes.length === 0) return console.log('\nLists: skipped (BENCH_LIST_SIZES empty).');
  const runs = Number(process.env.BENCH_LIST_RUNS ?? 50);
  console.log(
    `\nLists on generated databases (${sizes.join(' and ')} §§: ten bodies every other week, 20 §§ a meeting, actions, attendance; made through the contract):`,
  );
  const figures: Figures[] = [];
  // BENCH_LIST_FILES: the databases to measure, one per size, instead of the cached generated ones
  const given = (process.env.BENCH_LIST_FILES ?? '').split(',').filter(Boolean);
  for (const [i, size] of sizes.entries()) {
    const db = given[i] ? { file: given[i], paragraphs: size, makeSeconds: null } : await cachedDatabase(size);
    console.log(
      db.makeSeconds === null
        ? `  ${size} §§: database reused from ${db.file} (BENCH_FRESH=1 makes it anew)`
        : `  ${size} §§: database made through the contract in ${db.makeSeconds.toFixed(0)} s`,
    );
    figures.push(await measure(db.file, runs));
  }
  const head = sizes.map((s) => `${s} §§ p50 / p95 (cpu p50)`);
  console.log(
    `  contract calls a page makes, ${runs} runs each; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; target p95 ≤ 20 ms (actions.stats ≤ 10 ms):`,
  );
  const growth = figures.length > 1 ? [`p95 ${sizes[sizes.length - 1]} / ${sizes[0]}`] : [];
  const rows = [['call', ...head, ...growth]];
  for (const key of figures[0].calls.keys()) {
    const p95s = figures.map((f) => f.calls.get(key)?.p95);
    const [low, high] = [p95s[0], p95s[p95s.length - 1]];
    rows.push([
      key,
      ...figures.map((f) => {
        const c = f.calls.get(key);
        return `${ms(c?.p50)} / ${ms(c?.p95)} (${ms(c?.cpuP50)})`;
      }),
      ...(growth.length ? [low && high ? `${(high / low).toFixed(2)}×` : '–'] : []),
    ]);
  }
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
      `    tick an action "Klar" (click → the frame showing it, median of ${TICKS}) → the row shows it (target ≤ 200 ms): ${figures.map((f, i) => `${sizes[i]} §§: ${ms(f.tickMs ?? undefined)}`).join('   ')}`,
    );
    console.log(
      `    tick an action "Klar" → the first frame of the open list without it: ${figures.map((f, i) => `${sizes[i]} §§: ${ms(f.tickGoneMs ?? undefined)}`).join('   ')}`,
    );
    console.log(
      `    backend resident memory after the visits (the bridge bundled as the desktop backend ships, plain Node, no tsx; target ≤ 200 MB), in brackets the most it held meanwhile (the integrity check and audit-chain pass after start run during the visits): ${figures.map((f, i) => `${sizes[i]} §§: ${f.rssBytes === null ? '–' : `${mb(f.rssBytes.now)} (peak ${mb(f.rssBytes.peak)})`}`).join('   ')}`,
    );
  }
}

if (require.main === module) {
  benchLists().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
