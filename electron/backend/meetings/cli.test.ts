import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../backend';
import { tempDbPath } from '../../../test/support/backend';
import { docxParts } from '../../../test/support/docx';

const run = promisify(execFile);
/** every step spawns the CLI (tsx compiles on start): slow on a busy machine */
const SLOW = 300_000;
const bin = path.resolve(__dirname, '../../../bin/samrad.js');
let tmp: ReturnType<typeof tempDbPath>;

async function samrad(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args, '--db', tmp.file], {
      cwd: path.dirname(bin) + '/..',
      timeout: SLOW,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  tmp = tempDbPath();
  expect((await samrad('example')).code).toBe(0);
}, SLOW);
afterAll(() => tmp.cleanup());

describe('samrad list meetings|paragraphs|actions', () => {
  it(
    'lists the example year as JSON and as a table',
    async () => {
      const meetings = JSON.parse((await samrad('list', 'meetings', '--json')).stdout) as Array<{
        date: string;
        protocolStatus: string;
        paragraphRange: [number, number];
      }>;
      expect(meetings.map((m) => [m.date, m.protocolStatus])).toEqual([
        ['2017-03-14', 'attested'],
        ['2017-06-13', 'attested'],
        ['2017-09-12', 'attested'],
        ['2017-12-12', 'attested'],
      ]);
      expect(meetings[0].paragraphRange[0]).toBe(1);
      expect(meetings[3].paragraphRange[1]).toBeGreaterThan(30);
      const table = await samrad('list', 'paragraphs');
      expect(table.stdout).toMatch(/Chefssamrådet\s+2017 § 1\s+2017-03-14\s+Mötets öppnande/);
      const actions = JSON.parse((await samrad('list', 'actions', '--json')).stdout) as Array<{
        status: string;
        ownerName: string;
      }>;
      expect(actions.length).toBeGreaterThanOrEqual(6);
      expect(new Set(actions.map((a) => a.status))).toEqual(new Set(['open', 'done']));
    },
    SLOW,
  );

  it(
    'pages with --limit and --after: every § once, in order, the same rows the stream gives',
    async () => {
      const all = JSON.parse((await samrad('list', 'paragraphs', '--json')).stdout) as Array<{ id: number }>;
      const seen: number[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const args: string[] = ['list', 'paragraphs', '--json', '--limit', '15', ...(after ? ['--after', after] : [])];
        const page = JSON.parse((await samrad(...args)).stdout) as {
          items: Array<{ id: number }>;
          total: number;
          next: string | null;
        };
        expect(page.total).toBe(all.length);
        seen.push(...page.items.map((p) => p.id));
        after = page.next;
        if (after === null) break;
      }
      expect(seen).toEqual(all.map((p) => p.id));

      const table = await samrad('list', 'actions', '--limit', '2');
      expect(table.stdout).toMatch(/^id\s+meeting/);
      expect(table.stdout).toMatch(/\(2 of \d+; next page: --after '\[.+\]'\)/);
      const bad = await samrad('list', 'actions', '--limit', '2', '--after', 'not a cursor');
      expect(bad.code).not.toBe(0);
      const firstBody = await samrad('list', 'bodies', '--limit', '1');
      expect(firstBody.stdout).toMatch(/^id\s+name/);
      const cursor = /\(1 of (\d+); next page: --after '(\[.+\])'\)/.exec(firstBody.stdout);
      expect(cursor).not.toBeNull();
      const secondBody = await samrad('list', 'bodies', '--limit', '1', '--after', cursor![2]);
      expect(secondBody.stdout).toMatch(/\(1 of \d+; (next page|last page)/);
      expect(secondBody.stdout.split('\n')[2]).not.toBe(firstBody.stdout.split('\n')[2]);
      const people = await samrad('list', 'people', '--limit', '2');
      expect(people.stdout).toMatch(/^id\s+name/);
      expect(people.stdout).toMatch(/\(2 of \d+; next page: --after '\[.+\]'\)/);
    },
    SLOW,
  );
});

describe('samrad export protocol|extract|agenda', () => {
  it(
    'writes Word files, refuses to overwrite without --overwrite',
    async () => {
      const out = path.join(tmp.dir, 'protokoll.docx');
      const first = await samrad('export', 'protocol', '--meeting', '1', '--lang', 'en', '--out', out);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/sha256 [0-9a-f]{64}/);
      expect(docxParts(fs.readFileSync(out))['word/document.xml']).toContain('Decision-makers');
      const again = await samrad('export', 'protocol', '--meeting', '1', '--out', out);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already exists');
      expect((await samrad('export', 'protocol', '--meeting', '1', '--out', out, '--overwrite')).code).toBe(0);
      expect(docxParts(fs.readFileSync(out))['word/document.xml']).toContain('Beslutande');

      const extract = path.join(tmp.dir, 'utdrag.docx');
      expect((await samrad('export', 'extract', '--paragraph', '7', '--out', extract)).code).toBe(0);
      expect(docxParts(fs.readFileSync(extract))['word/document.xml']).toContain('Utdragsbestyrkande');
      const agenda = path.join(tmp.dir, 'kallelse.docx');
      expect((await samrad('export', 'agenda', '--meeting', '2', '--out', agenda)).code).toBe(0);
      expect(docxParts(fs.readFileSync(agenda))['word/document.xml']).toContain('Kallelse med dagordning');
    },
    SLOW,
  );

  it(
    'refuses bad input and signing a protocol that is not attested',
    async () => {
      const bad = await samrad('export', 'protocol', '--meeting', 'x', '--out', path.join(tmp.dir, 'x.docx'));
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--meeting must be a positive whole number');
      const backend = await startBackend(tmp.file);
      const meeting = await backend.dispatch('meetings.create', {
        bodyId: 1,
        date: '2018-03-13',
        startTime: '09:00',
        endTime: '11:00',
      });
      if (!meeting.ok) throw new Error(meeting.error.message);
      const id = (meeting.value as { id: number }).id;
      await backend.dispatch('protocol.create', { meetingId: id });
      backend.close();
      const signed = await samrad(
        'export',
        'protocol',
        '--meeting',
        String(id),
        '--sign',
        '--out',
        path.join(tmp.dir, 'draft.docx'),
      );
      expect(signed.code).toBe(1);
      expect(signed.stderr).toContain('Only an attested protocol can be signed');
      expect(fs.existsSync(path.join(tmp.dir, 'draft.docx'))).toBe(false);
    },
    SLOW,
  );
});
