import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../open';
import { rawDb, schemaNames, migrateTo } from '../../../../test/support/db';
import { SEARCH_TRIGGERS } from './005_search';
import { checkSearchIndex, reindex } from '../../search/maintenance';
import { searchDb } from '../../search/search';

let t: ReturnType<typeof rawDb>;
beforeEach(() => {
  t = rawDb();
  migrateTo(t.db, 4);
});
afterEach(() => t.cleanup());

const NOW = '2017-03-14T10:00:00.000Z';
const run = (sql: string, ...params: unknown[]) => Number(t.db.prepare(sql).run(...params).lastInsertRowid);
const doc = (kind: string, refId: number) =>
  t.db
    .prepare('SELECT title, dnr, content, status, body_id, date_from FROM search_doc WHERE kind = ? AND ref_id = ?')
    .get(kind, refId) as
    | {
        title: string | null;
        dnr: string | null;
        content: string | null;
        status: string | null;
        body_id: number | null;
        date_from: string | null;
      }
    | undefined;
const find = (q: string) => searchDb(t.db, { q, limit: 20, offset: 0 }).hits.map((h) => `${h.kind} ${h.id}`);

/** Records written at version 4, before search existed: raw SQL, as an older Samråd left them. */
function seedBeforeSearch() {
  const org = run(
    "INSERT INTO organisation (name, name_key, kind, created_at, updated_at) VALUES ('Södertörns brandförsvarsförbund', 'södertörns brandförsvarsförbund', 'raddningstjanst', ?, ?)",
    NOW,
    NOW,
  );
  const person = run(
    "INSERT INTO person (name, title, organisation_id, created_at, updated_at) VALUES ('Åsa Öberg', 'Sekreterare', ?, ?, ?)",
    org,
    NOW,
    NOW,
  );
  const body = run(
    "INSERT INTO body (name, name_key, kind, created_at, updated_at) VALUES ('Chefssamrådet', 'chefssamrådet', 'chefssamrad', ?, ?)",
    NOW,
    NOW,
  );
  const meeting = run(
    "INSERT INTO meeting (body_id, date, start_time, end_time, place, created_at, updated_at) VALUES (?, '2017-03-14', '09:00', '11:00', 'Stadshuset', ?, ?)",
    body,
    NOW,
    NOW,
  );
  run('INSERT INTO protocol (meeting_id, created_at, updated_at) VALUES (?, ?, ?)', meeting, NOW, NOW);
  const paragraph = run(
    "INSERT INTO paragraph (meeting_id, body_id, year, number, position, kind, title, dnr, background, decision, finished, created_at, updated_at) VALUES (?, ?, 2017, 1, 1, 'decision', 'Fordonsbränder i Hovsjö', 'KS 2017/123', 'Antalet fordonsbränder har ökat.', 'Uppdrag till brandförsvaret.', 1, ?, ?)",
    meeting,
    body,
    NOW,
    NOW,
  );
  const agreement = run(
    "INSERT INTO agreement (name, created_at, updated_at) VALUES ('Samverkansöverenskommelse', ?, ?)",
    NOW,
    NOW,
  );
  const version = run(
    "INSERT INTO agreement_version (agreement_id, title, valid_from, valid_to, created_at, updated_at) VALUES (?, 'Överenskommelse 2017–2018', '2017-01-01', '2018-12-31', ?, ?)",
    agreement,
    NOW,
    NOW,
  );
  const body1 = JSON.stringify({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Arbetet mot bostads' },
          { type: 'text', text: 'inbrott', marks: [{ type: 'bold' }] },
          { type: 'hardBreak' },
          { type: 'text', text: 'fortsätter.' },
        ],
      },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Trygghetsvandringar' }] }],
          },
        ],
      },
    ],
  });
  const section = run(
    "INSERT INTO agreement_section (version_id, key, position, heading, body) VALUES (?, 'syfte', 1, 'Syfte', ?)",
    version,
    body1,
  );
  return { org, person, body, meeting, paragraph, agreement, version, section };
}

describe('migration 005_search', () => {
  it('adds the index at version 5 and indexes what exists already, section text included', () => {
    const s = seedBeforeSearch();
    migrateTo(t.db, 5);
    expect(schemaVersion(t.db)).toBe(5);
    expect(schemaNames(t.db, 'table')).toEqual(
      expect.arrayContaining(['search_doc', 'search_state', 'search_word', 'search_tri']),
    );
    expect(schemaNames(t.db, 'trigger')).toEqual(expect.arrayContaining(SEARCH_TRIGGERS));
    // a bold part of a word stays one word; blocks and line breaks separate
    expect(doc('section', s.section)?.content).toBe('Arbetet mot bostadsinbrott fortsätter. Trygghetsvandringar');
    expect(doc('paragraph', s.paragraph)).toMatchObject({
      title: 'Fordonsbränder i Hovsjö',
      dnr: 'KS 2017/123',
      status: 'draft',
      body_id: s.body,
      date_from: '2017-03-14',
    });
    expect(doc('person', s.person)?.content).toBe('Sekreterare Södertörns brandförsvarsförbund');
    expect(find('inbrott')).toEqual([`section ${s.section}`]);
    expect(find('bränder')).toEqual([`paragraph ${s.paragraph}`]);
    expect(checkSearchIndex(t.db)).toEqual({ ok: true, documents: 6, checked: 6, problems: [] });
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps the index in step with raw SQL writes, including what other rows show', () => {
    const s = seedBeforeSearch();
    migrateTo(t.db, 5);
    t.db.prepare("UPDATE paragraph SET title = 'Bilbränder i Hovsjö' WHERE id = ?").run(s.paragraph);
    expect(doc('paragraph', s.paragraph)?.title).toBe('Bilbränder i Hovsjö');
    expect(find('bilbränder')).toEqual([`paragraph ${s.paragraph}`]);
    expect(find('fordonsbränder')).toEqual([`paragraph ${s.paragraph}`]); // still in the background text

    t.db.prepare("UPDATE body SET name = 'Samrådet' WHERE id = ?").run(s.body);
    expect(doc('meeting', s.meeting)?.title).toBe('Samrådet 2017-03-14');
    t.db.prepare("UPDATE organisation SET name = 'SBFF' WHERE id = ?").run(s.org);
    expect(doc('person', s.person)?.content).toBe('Sekreterare SBFF');

    t.db
      .prepare("UPDATE protocol SET status = 'attested', attested_at = ?, content_hash = 'x' WHERE meeting_id = ?")
      .run(NOW, s.meeting);
    expect(doc('paragraph', s.paragraph)?.status).toBe('attested');
    expect(doc('meeting', s.meeting)?.status).toBe('attested');

    t.db.prepare('DELETE FROM agreement_section WHERE id = ?').run(s.section);
    expect(doc('section', s.section)).toBeUndefined();
    expect(find('inbrott')).toEqual([]);
    expect(checkSearchIndex(t.db).ok).toBe(true);
  });

  it('lets check find an index that disagrees with the tables, and reindex repair it', () => {
    const s = seedBeforeSearch();
    migrateTo(t.db, 5);

    t.db
      .prepare("UPDATE search_doc SET content = 'något annat' WHERE kind = 'paragraph' AND ref_id = ?")
      .run(s.paragraph);
    t.db.prepare("DELETE FROM search_doc WHERE kind = 'person'").run();
    t.db.prepare("INSERT INTO search_doc (kind, ref_id, title) VALUES ('meeting', 999, 'Spöke')").run();
    let report = checkSearchIndex(t.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      `records missing from the index: person ${s.person}`,
      'index entries for records that do not exist: meeting 999',
      `index entries out of date: paragraph ${s.paragraph}`,
    ]);

    expect(reindex(t.db)).toEqual({ documents: 6 });
    expect(checkSearchIndex(t.db)).toEqual({ ok: true, documents: 6, checked: 6, problems: [] });

    // the FTS index itself losing a document, behind search_doc's back
    const id = t.db.prepare("SELECT id FROM search_doc WHERE kind = 'paragraph'").pluck().get() as number;
    t.db.prepare('DELETE FROM search_word WHERE rowid = ?').run(id);
    report = checkSearchIndex(t.db);
    expect(report.problems).toEqual([
      'search_word: 1 documents indexed with other text than they hold; run "samrad reindex"',
    ]);

    t.db.prepare('DROP TRIGGER search_paragraph_au').run();
    expect(checkSearchIndex(t.db).problems).toContain(
      'triggers missing (writes are no longer indexed): search_paragraph_au',
    );
  });
});
