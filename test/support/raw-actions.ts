import type Database from 'better-sqlite3';

const NOW = '2017-03-14T10:00:00.000Z';

/**
 * Two bodies, each with one § of 2017-03-14 (the first under a priority), written in raw SQL on a
 * database migrated up to the migration under test, and a way to add actions to them (test helper
 * for the migrations that keep action data in step).
 */
export function twoBodiesWithParagraphs(db: Database.Database) {
  const run = (sql: string, ...params: unknown[]) => Number(db.prepare(sql).run(...params).lastInsertRowid);
  const org = run(
    "INSERT INTO organisation (name, name_key, kind, created_at, updated_at) VALUES ('Södertälje kommun', 'södertälje kommun', 'kommun', ?, ?)",
    NOW,
    NOW,
  );
  const agreement = run(
    "INSERT INTO agreement (name, created_at, updated_at) VALUES ('Överenskommelse', ?, ?)",
    NOW,
    NOW,
  );
  const version = run(
    "INSERT INTO agreement_version (agreement_id, title, valid_from, valid_to, created_at, updated_at) VALUES (?, 'Överenskommelse 2017–2018', '2017-01-01', '2018-12-31', ?, ?)",
    agreement,
    NOW,
    NOW,
  );
  const priorities = ['Fordonsbränder', 'Bostadsinbrott'].map((key, i) =>
    run(
      'INSERT INTO agreement_priority (version_id, key, position, title) VALUES (?, ?, ?, ?)',
      version,
      key,
      i + 1,
      key,
    ),
  );
  const bodies = ['Chefssamrådet', 'Lägesmöte Järna'].map((name) =>
    run(
      "INSERT INTO body (name, name_key, kind, created_at, updated_at) VALUES (?, lower(?), 'lagesmote', ?, ?)",
      name,
      name,
      NOW,
      NOW,
    ),
  );
  const paragraphs = bodies.map((body, i) => {
    const meeting = run(
      "INSERT INTO meeting (body_id, date, start_time, end_time, created_at, updated_at) VALUES (?, '2017-03-14', '09:00', '11:00', ?, ?)",
      body,
      NOW,
      NOW,
    );
    run('INSERT INTO protocol (meeting_id, created_at, updated_at) VALUES (?, ?, ?)', meeting, NOW, NOW);
    return run(
      "INSERT INTO paragraph (meeting_id, body_id, year, number, position, kind, title, priority_id, created_at, updated_at) VALUES (?, ?, 2017, 1, 1, 'decision', 'Lägesbild', ?, ?, ?)",
      meeting,
      body,
      i === 0 ? priorities[0] : null,
      NOW,
      NOW,
    );
  });
  const action = (paragraph: number, priorityId: number | null, done = false) =>
    run(
      `INSERT INTO action_item (paragraph_id, description, owner_organisation_id, due_date, priority_id, status, done_on, created_at, updated_at)
       VALUES (?, 'Handlingsplan', ?, '2017-06-30', ?, ?, ?, ?, ?)`,
      paragraph,
      org,
      priorityId,
      done ? 'done' : 'open',
      done ? '2017-05-01' : null,
      NOW,
      NOW,
    );
  return { bodies, paragraphs, priorities, org, action };
}
