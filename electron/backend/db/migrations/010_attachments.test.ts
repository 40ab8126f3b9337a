import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schemaVersion } from '../open';
import { rawDb, schemaNames, migrateTo } from '../../../../test/support/db';
import { tempDbPath } from '../../../../test/support/backend';
import { startBackend, type Backend } from '../../backend';
import { fixedClock } from '../../context';
import { checkDatabase } from '../check';
import { renderContent } from '../../records/render';
import type { ProtocolContent } from '../../records/snapshot';
import { docxParts, paragraphs } from '../../../../test/support/docx';

const VERSION = 10;

describe('migration 010_attachments: schema', () => {
  let t: ReturnType<typeof rawDb>;
  beforeEach(() => {
    t = rawDb();
    migrateTo(t.db, VERSION - 1);
    t.db.exec(`
      INSERT INTO body (id, name, name_key, kind, created_at, updated_at) VALUES (1, 'Chefssamrådet', 'chefssamradet', 'chefssamrad', 'x', 'x');
      INSERT INTO meeting (id, body_id, date, start_time, end_time, created_at, updated_at) VALUES (1, 1, '2017-03-14', '09:00', '11:00', 'x', 'x'), (2, 1, '2017-06-13', '09:00', '11:00', 'x', 'x');
      INSERT INTO protocol (meeting_id, created_at, updated_at) VALUES (1, 'x', 'x');
      INSERT INTO agenda_item (id, meeting_id, position, kind, title, planned_minutes, created_at, updated_at) VALUES (1, 1, 1, 'decision', 'Fordonsbränder', 10, 'x', 'x');
    `);
    migrateTo(t.db, VERSION);
  });
  afterEach(() => t.cleanup());

  const insert = (fields: Partial<Record<string, unknown>> = {}) =>
    t.db
      .prepare(
        `INSERT INTO attachment (meeting_id, agenda_item_id, paragraph_id, file_name, media_type, size, sha256, content, added_at)
         VALUES (@meeting_id, @agenda_item_id, @paragraph_id, @file_name, @media_type, @size, @sha256, @content, 'x')`,
      )
      .run({
        meeting_id: 1,
        agenda_item_id: 1,
        paragraph_id: null,
        file_name: 'a.pdf',
        media_type: 'application/pdf',
        size: 4,
        sha256: 'a'.repeat(64),
        content: Buffer.from('%PDF'),
        ...fields,
      });

  it('adds attachments with their rules, and the announcement choice (off) on existing protocols', () => {
    expect(schemaVersion(t.db)).toBe(VERSION);
    expect(schemaNames(t.db, 'table')).toContain('attachment');
    expect(schemaNames(t.db, 'trigger')).toEqual(
      expect.arrayContaining([
        'attachment_matches_meeting',
        'attachment_no_update',
        'attachment_locked_insert',
        'attachment_locked_delete',
      ]),
    );
    expect(t.db.prepare('SELECT announcement FROM protocol').pluck().get()).toBe(0);
    expect(() => t.db.prepare('UPDATE protocol SET announcement = 2').run()).toThrow(/CHECK constraint failed/);
  });

  it('keeps only what a handling may be', () => {
    insert();
    expect(() => insert({ media_type: 'text/plain' })).toThrow(/CHECK constraint failed/);
    expect(() => insert({ size: 0, content: Buffer.alloc(0) })).toThrow(/CHECK constraint failed/);
    expect(() => insert({ size: 5 })).toThrow(/CHECK constraint failed/); // size is the content's
    expect(() => insert({ sha256: 'A'.repeat(64) })).toThrow(/CHECK constraint failed/);
    expect(() => insert({ file_name: ' ' })).toThrow(/CHECK constraint failed/);
    expect(() => insert({ agenda_item_id: null })).toThrow(/meetings.attachment_mismatch/); // neither item nor §
    expect(() => insert({ meeting_id: 2 })).toThrow(/meetings.attachment_mismatch/); // the item is another meeting's
    expect(() => t.db.prepare("UPDATE attachment SET file_name = 'b.pdf'").run()).toThrow(
      /meetings.attachment_unchangeable/,
    );
  });

  it('nothing is added to or removed from an attested protocol', () => {
    insert();
    // an attested protocol has its sealed record (migration 006 demands it)
    t.db
      .prepare(
        `INSERT INTO sealed_record (kind, meeting_id, lang, snapshot, snapshot_sha256, file_name, document, document_sha256, sealed_at)
         VALUES ('protocol', 1, 'sv', '{}', ?, 'a.docx', X'504B', ?, 'x')`,
      )
      .run('a'.repeat(64), 'b'.repeat(64));
    t.db.prepare("UPDATE protocol SET status = 'attested', attested_at = 'x', content_hash = 'h'").run();
    expect(() => insert()).toThrow(/meetings.attachment_locked/);
    expect(() => t.db.prepare('DELETE FROM attachment').run()).toThrow(/meetings.attachment_locked/);
    expect(t.db.prepare('SELECT count(*) FROM attachment').pluck().get()).toBe(1);
  });
});

/**
 * A schema-4 database upgraded through 010: the earlier acts are sealed with an empty
 * beslutsunderlag and check out; a snapshot from before handlingar (no attachments, no
 * announcement, an undated extract) still renders.
 */
describe('migration 010_attachments: records sealed before it', () => {
  let tmp: ReturnType<typeof tempDbPath>;
  let backend: Backend | undefined;
  beforeEach(() => {
    tmp = tempDbPath();
    fs.copyFileSync(path.join(__dirname, '../../../../test/fixtures/schema-4-example.sqlite'), tmp.file);
  });
  afterEach(() => {
    backend?.close();
    tmp.cleanup();
  });

  it('seals and checks the earlier records; an older snapshot renders without a Beslutsunderlag', async () => {
    backend = await startBackend(tmp.file, { clock: fixedClock('2026-12-01T09:00:00Z'), osUserName: 'arkivarie' });
    expect((await checkDatabase(backend.ctx.db, backend.ctx.dbPath)).seals).toMatchObject({ ok: true });
    const meetingId = backend.ctx.db
      .prepare("SELECT meeting_id FROM sealed_record WHERE kind = 'protocol' ORDER BY id")
      .pluck()
      .get() as number;
    const result = await backend.dispatch('meetings.exportProtocol', { meetingId, lang: 'en' });
    expect(result.ok).toBe(true);
    const snapshot = JSON.parse(
      backend.ctx.db.prepare("SELECT snapshot FROM sealed_record WHERE kind = 'protocol'").pluck().get() as string,
    ) as ProtocolContent;
    expect(snapshot.paragraphs.map((p) => p.attachments)).toEqual(snapshot.paragraphs.map(() => []));
    const older: ProtocolContent = {
      ...snapshot,
      announcement: undefined,
      paragraphs: snapshot.paragraphs.map((p) => ({ ...p, attachments: undefined })),
    };
    const text = paragraphs(docxParts(renderContent(older, 'sv').bytes)['word/document.xml']).map((p) => p.text);
    expect(text).toContain('Beslutande');
    expect(text).not.toContain('Beslutsunderlag');
    expect(text).not.toContain('Anslagsbevis');
  });
});
