/**
 * The search part of `npm run bench`: the generated database (bench/generate.ts) of
 * BENCH_SEARCH_PARAGRAPHS §§ (default 100 000) with Swedish protocol text, plus meetings,
 * agenda items, actions, agreements and people in proportion. Prints query latencies (p50/p95/p99 of ranked top-20
 * through the contract), index build time, database size with and without the index, and the
 * write cost of a § with and without it, and in Chromium the time from a keystroke in the header
 * box to its results drawn. Figures only, no assertions.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend } from '../electron/backend/backend';
import { reindex } from '../electron/backend/search/maintenance';
import { cachedDatabase } from './generate';
import { openBrowserSession } from './browser';
import { DECISIONS, PLACES, RARE, pick, random, sentence } from './swedish-text';

/**
 * In the browser: the built renderer served by the loopback bridge on the bench database, in
 * Chromium; for each keystroke typed into the header box, the time from the input event to the
 * frame after the results for that text are in the page (`data-query` says which text they
 * answer). Keystrokes come 150 ms apart, as a person types.
 */
async function browserKeystrokes(file: string): Promise<void> {
  const session = await openBrowserSession(file);
  if (!session) return;
  const { page } = session;
  try {
    const box = page.getByRole('combobox', { name: 'Sök i Samråd' });
    await box.waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { samradLatencies: number[] };
      w.samradLatencies = [];
      const input = document.querySelector<HTMLInputElement>('[data-testid="header-search"]')!;
      let started = 0;
      let waitingFor = '';
      input.addEventListener('input', () => {
        started = performance.now();
        waitingFor = input.value.trim().replace(/\s+/g, ' ');
      });
      new MutationObserver(() => {
        const panel = document.querySelector('[data-testid="header-search-panel"]');
        if (!waitingFor || panel?.getAttribute('data-query') !== waitingFor) return;
        waitingFor = '';
        const t0 = started;
        requestAnimationFrame(() => w.samradLatencies.push(performance.now() - t0));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
    });
    const typed = [
      'samverkan',
      'inbrott',
      'trygghetsvandringar',
      '"lokala lägesbilden"',
      'KS 2012/345',
      'fordonsbränder hovsjö',
    ];
    let keystrokes = 0;
    for (const text of typed) {
      await box.fill('');
      await box.focus();
      for (const ch of text) {
        await page.keyboard.type(ch);
        keystrokes++;
        await page.waitForTimeout(150);
      }
      await page.waitForTimeout(400);
    }
    const samples = (
      await page.evaluate(() => (window as unknown as { samradLatencies: number[] }).samradLatencies)
    ).sort((a, b) => a - b);
    console.log(
      `  in the browser (Chromium, header box, ${keystrokes} keystrokes 150 ms apart, ${samples.length} answered): keystroke → results drawn p50 ${percentile(samples, 50).toFixed(0)} ms, p95 ${percentile(samples, 95).toFixed(0)} ms, max ${samples[samples.length - 1].toFixed(0)} ms (target ≤ 100 ms)`,
    );
  } finally {
    await session.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function benchSearch(): Promise<void> {
  const count = Number(process.env.BENCH_SEARCH_PARAGRAPHS ?? 100_000);
  if (count === 0) {
    console.log('\nSearch: skipped (BENCH_SEARCH_PARAGRAPHS=0).');
    return;
  }
  console.log(
    `\nSearch over ${count} §§ (generated Swedish protocol text; meetings, agenda items, actions, agreements and people in proportion):`,
  );
  const generated = await cachedDatabase(count);
  console.log(
    generated.makeSeconds === null
      ? `  (database reused from ${generated.file}; BENCH_FRESH=1 makes it anew)`
      : `  (database written through the contract, triggers indexing every row, in ${generated.makeSeconds.toFixed(1)} s)`,
  );

  const backend = await startBackend(generated.file);
  const { db } = backend.ctx;
  try {
    const counts = db
      .prepare('SELECT kind, count(*) AS n FROM search_doc GROUP BY kind ORDER BY n DESC')
      .all() as Array<{ kind: string; n: number }>;
    console.log(`  indexed records: ${counts.map((c) => `${c.kind} ${c.n}`).join(', ')}`);

    const queries: Array<[string, string]> = [
      ['common word', 'samverkan'],
      ['rare word', RARE],
      ['prefix', 'trygg'],
      ['compound part', 'inbrott'],
      ['phrase', '"lokala lägesbilden"'],
      ['dnr', 'KS 2012/345'],
    ];
    const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 200);
    const latencies = async (when: string) => {
      const rows: string[][] = [['query', 'text', 'matches', 'p50', 'p95', 'p99']];
      for (const [label, q] of queries) {
        const once = await backend.dispatch('search.query', { q, limit: 20 });
        if (!once.ok) throw new Error(once.error.message);
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const start = performance.now();
          await backend.dispatch('search.query', { q, limit: 20 });
          samples.push(performance.now() - start);
        }
        samples.sort((a, b) => a - b);
        const { total, more } = once.value as { total: number; more: boolean };
        rows.push([
          label,
          q,
          `${total}${more ? '+' : ''}`,
          ...[50, 95, 99].map((p) => `${percentile(samples, p).toFixed(2)} ms`),
        ]);
      }
      const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
      console.log(
        `  ranked top 20 through the contract (search.query), ${RUNS} runs each, ${when}; load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}; target p95 ≤ 10 ms:`,
      );
      for (const row of rows)
        console.log(`    ${row.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`);
    };
    await latencies(generated.makeSeconds === null ? 'index as found' : 'index as the writes left it');

    const start = performance.now();
    const { documents } = reindex(db);
    console.log(
      `  index build (samrad reindex, ${documents} records): ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
    await latencies('after samrad reindex');

    // size with and without the index: compacted copies, the second with every search object dropped
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-bench-size-'));
    try {
      const withIndex = path.join(dir, 'with.sqlite');
      const without = path.join(dir, 'without.sqlite');
      db.prepare('VACUUM INTO ?').run(withIndex);
      const stripped = path.join(dir, 'stripped.sqlite');
      fs.copyFileSync(withIndex, stripped);
      const copy = new Database(stripped);
      const objects = copy
        .prepare(
          "SELECT type, name FROM sqlite_schema WHERE name LIKE 'search\\_%' ESCAPE '\\' AND type IN ('trigger', 'view')",
        )
        .all() as Array<{ type: string; name: string }>;
      for (const o of objects) copy.exec(`DROP ${o.type.toUpperCase()} ${o.name}`);
      copy.exec('DROP TABLE search_word; DROP TABLE search_tri; DROP TABLE search_doc; DROP TABLE search_state;');
      copy.prepare('VACUUM INTO ?').run(without);
      copy.close();
      fs.rmSync(stripped);
      console.log(
        `  database size: ${mb(fs.statSync(withIndex).size)} with the index, ${mb(fs.statSync(without).size)} without`,
      );

      // the write cost of one § (its own transaction, as the app writes), with and without the index triggers
      let runsDone = 0;
      const cost = (file: string) => {
        const d = new Database(file);
        d.pragma('journal_mode = WAL');
        d.pragma('synchronous = NORMAL');
        d.pragma('foreign_keys = ON');
        const meeting = d
          .prepare(
            'SELECT id, body_id, CAST(substr(date, 1, 4) AS INTEGER) AS year FROM meeting ORDER BY id DESC LIMIT 1',
          )
          .get() as { id: number; body_id: number; year: number };
        const maxNumber =
          (d
            .prepare('SELECT max(number) FROM paragraph WHERE body_id = ? AND year = ?')
            .pluck()
            .get(meeting.body_id, meeting.year) as number) +
          10_000 * runsDone++;
        const insert = d.prepare(
          "INSERT INTO paragraph (meeting_id, body_id, year, number, position, kind, title, dnr, background, decision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'decision', ?, ?, ?, ?, '2017-01-01', '2017-01-01')",
        );
        const update = d.prepare('UPDATE paragraph SET background = ? WHERE id = ?');
        const r = random(7);
        const N = 500;
        const t0 = performance.now();
        let last = 0;
        for (let i = 1; i <= N; i++) {
          d.transaction(() => {
            last = Number(
              insert.run(
                meeting.id,
                meeting.body_id,
                meeting.year,
                maxNumber + i,
                100 + i,
                `Bostadsinbrott i ${pick(r, PLACES)}`,
                `KS ${meeting.year}/${maxNumber + i}`,
                Array.from({ length: 5 }, () => sentence(r)).join(' '),
                pick(r, DECISIONS),
              ).lastInsertRowid,
            );
          })();
        }
        const insertMs = (performance.now() - t0) / N;
        const t1 = performance.now();
        for (let i = 0; i < N; i++)
          d.transaction(() => update.run(Array.from({ length: 5 }, () => sentence(r)).join(' '), last - (i % 50)))();
        const updateMs = (performance.now() - t1) / N;
        d.close();
        return { insertMs, updateMs };
      };
      // alternated, best of two each, so neither side pays for the other's cache or checkpoint
      const runs = [cost(without), cost(withIndex), cost(withIndex), cost(without)];
      const best = (a: { insertMs: number; updateMs: number }, b: { insertMs: number; updateMs: number }) => ({
        insertMs: Math.min(a.insertMs, b.insertMs),
        updateMs: Math.min(a.updateMs, b.updateMs),
      });
      const plain = best(runs[0], runs[3]);
      const indexed = best(runs[1], runs[2]);
      console.log(
        `  write cost of a § (one transaction each, 500 runs): insert ${indexed.insertMs.toFixed(3)} ms with the index, ${plain.insertMs.toFixed(3)} ms without (${(indexed.insertMs / plain.insertMs).toFixed(2)}×); ` +
          `update of its text ${indexed.updateMs.toFixed(3)} ms vs ${plain.updateMs.toFixed(3)} ms (${(indexed.updateMs / plain.updateMs).toFixed(2)}×)`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    backend.close();
  }
  await browserKeystrokes(generated.file);
}

if (require.main === module) {
  benchSearch().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
