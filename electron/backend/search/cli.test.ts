import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../backend';
import { loadExample } from '../example/load';
import { tempDbPath } from '../../../test/support/backend';

/** The real `samrad` entry point in a child process, as a script would run it. */
const BIN = path.resolve(__dirname, '../../../bin/samrad.js');
const SLOW = 120_000;
let tmp: ReturnType<typeof tempDbPath>;

function samrad(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [BIN, ...args, '--db', tmp.file], {
    encoding: 'utf8',
    timeout: SLOW,
    env: { ...process.env, SAMRAD_DB: '', SAMRAD_DATA_DIR: path.join(tmp.dir, 'data-dir') },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(async () => {
  tmp = tempDbPath();
  const backend = await startBackend(tmp.file, { create: true });
  loadExample(backend.ctx, false);
  backend.close();
}, SLOW);
afterAll(() => tmp.cleanup());

interface ScriptHit {
  kind: string;
  id: number;
  title: string | null;
  snippet: string;
  status: string | null;
  date: string | null;
  where: string;
  open: { route: string; anchor: string | null };
}

describe('samrad search', () => {
  it(
    'prints stable JSON for scripts: kind, id, title, snippet, where and where to open it',
    () => {
      const r = samrad('search', 'inbrott', '--kind', 'paragraph', '--json');
      expect(r.code, r.err).toBe(0);
      const result = JSON.parse(r.out) as {
        query: string;
        total: number;
        counts: Record<string, number>;
        hits: ScriptHit[];
      };
      expect(result.query).toBe('inbrott');
      expect(result.hits.length).toBeGreaterThan(0);
      for (const hit of result.hits) {
        expect(Object.keys(hit)).toEqual(['kind', 'id', 'title', 'snippet', 'status', 'date', 'where', 'open']);
        expect(hit.kind).toBe('paragraph');
        expect(`${hit.title} ${hit.snippet}`.toLocaleLowerCase('sv')).toContain('inbrott');
        expect(hit.open.route).toMatch(/^\/meetings\/\d+\/protocol$/);
        expect(hit.open.anchor).toBe(`paragraph-${hit.id}-title`);
        expect(hit.where).toMatch(/^Chefssamrådet 2017-\d\d-\d\d § \d+$/);
      }
      expect(result.total).toBe(result.counts.paragraph);
    },
    SLOW,
  );

  it(
    'filters by body name and period, and prints a table for people',
    () => {
      const all = JSON.parse(samrad('search', 'trygg', '--json').out) as { hits: ScriptHit[] };
      const autumn = JSON.parse(
        samrad('search', 'trygg', '--body', 'chefssamrådet', '--from', '2017-09-01', '--to', '2017-12-31', '--json')
          .out,
      ) as { hits: ScriptHit[] };
      expect(autumn.hits.length).toBeGreaterThan(0);
      expect(autumn.hits.length).toBeLessThan(all.hits.length);
      for (const hit of autumn.hits) expect(hit.date! >= '2017-09-01' && hit.date! <= '2017-12-31').toBe(true);

      const table = samrad('search', 'trygg', '--kind', 'action');
      expect(table.code).toBe(0);
      expect(table.out).toMatch(/^kind\s+id\s+where\s+title\s+text/);
      expect(table.out).toMatch(/action\s+\d+\s+Chefssamrådet 2017-\d\d-\d\d § \d+\s+\S/);
      expect(table.out).toMatch(/\d+ of \d+ shown for "trygg"\./);

      expect(samrad('search', 'xyzzyqwerty').out).toBe('Nothing found for "xyzzyqwerty".\n');
    },
    SLOW,
  );

  it(
    'refuses unknown kinds, bodies and a missing query with a usage message',
    () => {
      expect(samrad('search', 'x', '--kind', 'paragrafer')).toMatchObject({
        code: 2,
        err: expect.stringContaining('--kind must be one of'),
      });
      expect(samrad('search', 'x', '--body', 'Ingen sådan')).toMatchObject({
        code: 2,
        err: expect.stringContaining('no body is named "Ingen sådan"; there are: Chefssamrådet'),
      });
      expect(samrad('search')).toMatchObject({ code: 2, err: expect.stringContaining('give a QUERY') });
      expect(samrad('search', 'x', '--from', '2017-13-01')).toMatchObject({
        code: 1,
        err: expect.stringContaining('from: invalid_date'),
      });
    },
    SLOW,
  );
});

describe('samrad reindex and samrad check', () => {
  it(
    'check finds an index out of step with the tables; reindex repairs it',
    () => {
      const raw = new Database(tmp.file);
      raw.prepare("UPDATE search_doc SET content = 'fel text' WHERE kind = 'paragraph' AND ref_id = 1").run();
      raw.close();
      const broken = samrad('check');
      expect(broken.code).toBe(1);
      expect(broken.out).toMatch(/Search index:\s+FAILED \(\d+ records\)\n\s+index entries out of date: paragraph 1/);
      expect(broken.err).toContain('FAILED (search)');

      const rebuilt = samrad('reindex');
      expect(rebuilt.code, rebuilt.err).toBe(0);
      expect(rebuilt.out).toMatch(/^Search index rebuilt: \d+ records in \d+\.\d s\.$/m);
      const healthy = samrad('check', '--json');
      expect(healthy.code, healthy.out).toBe(0);
      expect(JSON.parse(healthy.out).search).toMatchObject({ ok: true, problems: [] });
    },
    SLOW,
  );
});
