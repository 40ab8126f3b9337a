import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '.';
import { migrate, schemaVersion } from '../open';
import { rawDb, schemaNames } from '../../../../test/support/db';

let t: ReturnType<typeof rawDb>;
beforeEach(() => {
  t = rawDb();
  migrate(t.db, migrations.slice(0, 3));
});
afterEach(() => t.cleanup());

const NOW = '2017-03-14T10:00:00.000Z';
const run = (sql: string, ...params: unknown[]) => Number(t.db.prepare(sql).run(...params).lastInsertRowid);

function seed() {
  const body = run(
    "INSERT INTO body (name, name_key, kind, created_at, updated_at) VALUES ('Chefssamrådet', 'chefssamrådet', 'chefssamrad', ?, ?)",
    NOW,
    NOW,
  );
  const person = (name: string) =>
    run('INSERT INTO person (name, created_at, updated_at) VALUES (?, ?, ?)', name, NOW, NOW);
  const chair = person('Camilla Broo');
  const justerare = person('Peter Nylind');
  const meeting = (date: string, start = '09:00', end = '11:00') =>
    run(
      'INSERT INTO meeting (body_id, date, start_time, end_time, chair_id, justerare1_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      body,
      date,
      start,
      end,
      chair,
      justerare,
      NOW,
      NOW,
    );
  const protocol = (meetingId: number) =>
    run('INSERT INTO protocol (meeting_id, created_at, updated_at) VALUES (?, ?, ?)', meetingId, NOW, NOW);
  const paragraph = (meetingId: number, year: number, number: number, position = number) =>
    run(
      "INSERT INTO paragraph (meeting_id, body_id, year, number, position, kind, title, finished, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'decision', 'Ärende', 1, ?, ?)",
      meetingId,
      body,
      year,
      number,
      position,
      NOW,
      NOW,
    );
  return { body, chair, justerare, meeting, protocol, paragraph };
}

describe('migration 003_meetings', () => {
  it('applies after 001 and 002 and sets user_version to 3', () => {
    expect(schemaVersion(t.db)).toBe(3);
    const tables = schemaNames(t.db, 'table');
    for (const table of [
      'meeting',
      'protocol',
      'agenda_template',
      'agenda_template_item',
      'agenda_item',
      'attendance',
      'paragraph',
      'paragraph_recusal',
      'action_item',
      'attestation',
      'correction_note',
    ]) {
      expect(tables).toContain(table);
    }
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('refuses an end before the start and overlapping planned meetings of one body', () => {
    const s = seed();
    expect(() => s.meeting('2017-03-14', '11:00', '10:00')).toThrow(/CHECK constraint failed/);
    s.meeting('2017-03-14', '09:00', '11:00');
    expect(() => s.meeting('2017-03-14', '10:00', '12:00')).toThrow('meetings.overlap');
    expect(() => s.meeting('2017-03-14', '08:00', '09:01')).toThrow('meetings.overlap');
    s.meeting('2017-03-14', '11:00', '12:00');
  });

  it('keeps § numbers unique per body and year, and a § in its meeting’s body and year', () => {
    const s = seed();
    const m = s.meeting('2017-03-14');
    s.protocol(m);
    s.paragraph(m, 2017, 1);
    expect(() => s.paragraph(m, 2017, 1, 2)).toThrow(
      /UNIQUE constraint failed: paragraph.body_id, paragraph.year, paragraph.number/,
    );
    expect(() => s.paragraph(m, 2018, 2)).toThrow('meetings.paragraph_mismatch');
    expect(() => s.paragraph(m, 2017, 0)).toThrow(/CHECK constraint failed/);
  });

  it('locks an attested protocol and everything in it', () => {
    const s = seed();
    const m = s.meeting('2017-03-14');
    s.protocol(m);
    const p = s.paragraph(m, 2017, 1);
    run(
      "INSERT INTO agenda_item (meeting_id, position, kind, title, planned_minutes, created_at, updated_at) VALUES (?, 1, 'decision', 'Ärende', 5, ?, ?)",
      m,
      NOW,
      NOW,
    );
    run(
      "INSERT INTO attendance (meeting_id, person_id, role, status) VALUES (?, ?, 'ordforande', 'present')",
      m,
      s.chair,
    );
    run('INSERT INTO paragraph_recusal (paragraph_id, person_id) VALUES (?, ?)', p, s.justerare);
    const action = run(
      "INSERT INTO action_item (paragraph_id, description, owner_person_id, created_at, updated_at) VALUES (?, 'Uppdrag', ?, ?, ?)",
      p,
      s.chair,
      NOW,
      NOW,
    );
    run(
      "INSERT INTO attestation (meeting_id, person_id, name, role, date, created_at) VALUES (?, ?, 'Camilla Broo', 'ordforande', '2017-03-20', ?)",
      m,
      s.chair,
      NOW,
    );
    expect(() =>
      run(
        "INSERT INTO correction_note (meeting_id, date, text, author, created_at) VALUES (?, '2017-03-20', 'För tidigt', 'x', ?)",
        m,
        NOW,
      ),
    ).toThrow('meetings.correction_needs_attested');
    t.db
      .prepare("UPDATE protocol SET status = 'attested', attested_at = ?, content_hash = ? WHERE meeting_id = ?")
      .run(NOW, 'a'.repeat(64), m);

    const attempts: Array<[string, ...unknown[]]> = [
      ["UPDATE protocol SET attestation_place = 'x' WHERE meeting_id = ?", m],
      ['DELETE FROM protocol WHERE meeting_id = ?', m],
      ["UPDATE meeting SET place = 'x' WHERE id = ?", m],
      ['DELETE FROM meeting WHERE id = ?', m],
      ["UPDATE paragraph SET decision = 'x' WHERE id = ?", p],
      ['DELETE FROM paragraph WHERE id = ?', p],
      [
        "INSERT INTO paragraph (meeting_id, body_id, year, number, position, kind, title, created_at, updated_at) VALUES (?, 1, 2017, 2, 2, 'decision', 'Nytt', 'x', 'x')",
        m,
      ],
      ["UPDATE agenda_item SET title = 'x' WHERE meeting_id = ?", m],
      [
        "INSERT INTO agenda_item (meeting_id, position, kind, title, planned_minutes, created_at, updated_at) VALUES (?, 2, 'decision', 'Nytt', 5, 'x', 'x')",
        m,
      ],
      ['DELETE FROM agenda_item WHERE meeting_id = ?', m],
      ["UPDATE attendance SET status = 'absent' WHERE meeting_id = ?", m],
      ['DELETE FROM attendance WHERE meeting_id = ?', m],
      ['DELETE FROM paragraph_recusal WHERE paragraph_id = ?', p],
      ["UPDATE action_item SET due_date = '2018-01-01' WHERE id = ?", action],
      ['DELETE FROM action_item WHERE id = ?', action],
      ["UPDATE attestation SET date = '2017-03-15' WHERE meeting_id = ?", m],
      ['DELETE FROM attestation WHERE meeting_id = ?', m],
    ];
    for (const [sql, ...params] of attempts)
      expect(() => t.db.prepare(sql).run(...params), sql).toThrow(/meetings\.locked/);
    // the follow-up status of an action may still change
    t.db
      .prepare("UPDATE action_item SET status = 'done', done_on = '2017-04-01', updated_at = 'y' WHERE id = ?")
      .run(action);
    // corrections: allowed now, and append-only
    const note = run(
      "INSERT INTO correction_note (meeting_id, paragraph_id, date, text, author, created_at) VALUES (?, ?, '2017-03-28', 'Rättelse', 'x', ?)",
      m,
      p,
      NOW,
    );
    expect(() => t.db.prepare("UPDATE correction_note SET text = 'y' WHERE id = ?").run(note)).toThrow(
      'meetings.correction_append_only',
    );
    expect(() => t.db.prepare('DELETE FROM correction_note WHERE id = ?').run(note)).toThrow(
      'meetings.correction_append_only',
    );
  });

  it('locks a § attested on its own while the rest of the protocol stays a draft', () => {
    const s = seed();
    const m = s.meeting('2017-03-14');
    s.protocol(m);
    const urgent = s.paragraph(m, 2017, 1);
    const other = s.paragraph(m, 2017, 2);
    t.db.prepare('UPDATE paragraph SET immediately_attested_at = ? WHERE id = ?').run(NOW, urgent);
    expect(() => t.db.prepare('UPDATE paragraph SET number = 5 WHERE id = ?').run(urgent)).toThrow('meetings.locked');
    expect(() => run('INSERT INTO paragraph_recusal (paragraph_id, person_id) VALUES (?, ?)', urgent, s.chair)).toThrow(
      'meetings.locked',
    );
    t.db.prepare("UPDATE paragraph SET decision = 'Ändras fritt' WHERE id = ?").run(other);
  });
});
