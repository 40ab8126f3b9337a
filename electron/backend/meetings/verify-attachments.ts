import type { Db } from '../db/open';
import { sha256Hex } from '../export/write-file';
import type { AttachmentLine, RecordContent } from '../records/snapshot';

/** What `samrad check` reports about handlingar: how many files there are and were re-hashed, and each one that is not what it says. */
export interface AttachmentsReport {
  ok: boolean;
  files: number;
  checked: number;
  problems: string[];
}

/**
 * Where a handling sits, as the documents name it: the § whose beslutsunderlag it is, else
 * its agenda item by its place in the kallelse ("Punkt 2").
 */
const ROWS = (where: string) => /* sql */ `
  SELECT a.id, a.file_name, a.sha256, a.content, b.name AS body, m.date,
         coalesce(p.number, pi.number) AS paragraph,
         (SELECT count(*) FROM agenda_item x WHERE x.meeting_id = ai.meeting_id AND x.position <= ai.position) AS item
  FROM attachment a
  JOIN meeting m ON m.id = a.meeting_id
  JOIN body b ON b.id = m.body_id
  LEFT JOIN paragraph p ON p.id = a.paragraph_id
  LEFT JOIN agenda_item ai ON ai.id = a.agenda_item_id
  LEFT JOIN paragraph pi ON pi.agenda_item_id = a.agenda_item_id
  ${where}
  ORDER BY m.date, a.id`;

interface Row {
  id: number;
  file_name: string;
  sha256: string;
  content: Buffer;
  body: string;
  date: string;
  paragraph: number | null;
  item: number | null;
}

interface SealedRow {
  kind: 'protocol' | 'extract';
  snapshot: string;
}

/**
 * The sealed protocols and extracts that may name a handling: all of them, or those of the
 * meetings given (a record names only its own meeting's handlingar), read by index.
 */
function sealedRecordsOf(db: Db, meetingIds: number[] | null): Iterable<SealedRow> {
  if (meetingIds === null)
    return db
      .prepare(
        "SELECT kind, snapshot FROM sealed_record WHERE kind IN ('protocol', 'extract') AND json_valid(snapshot)",
      )
      .iterate() as IterableIterator<SealedRow>;
  const ofMeeting = db.prepare(
    `SELECT kind, snapshot FROM sealed_record WHERE kind = 'protocol' AND meeting_id = @m AND json_valid(snapshot)
     UNION ALL
     SELECT kind, snapshot FROM sealed_record
       WHERE kind = 'extract' AND paragraph_id IN (SELECT id FROM paragraph WHERE meeting_id = @m) AND json_valid(snapshot)`,
  );
  return meetingIds.flatMap((m) => ofMeeting.all({ m }) as SealedRow[]);
}

/** The SHA-256 each sealed record of `records` gives each handling it names, by attachment id. */
function sealedHashes(records: Iterable<SealedRow>): Map<number, Array<{ sha256: string; label: string }>> {
  const byId = new Map<number, Array<{ sha256: string; label: string }>>();
  for (const row of records) {
    const content = JSON.parse(row.snapshot) as RecordContent;
    const lines: AttachmentLine[] =
      content.format === 'samrad-protocol/1'
        ? content.paragraphs.flatMap((p) => p.attachments ?? [])
        : content.format === 'samrad-extract/1'
          ? (content.paragraph.attachments ?? [])
          : [];
    const label = row.kind === 'protocol' ? 'the sealed protocol' : 'the sealed extract';
    for (const line of lines) byId.set(line.id, [...(byId.get(line.id) ?? []), { sha256: line.sha256, label }]);
  }
  return byId;
}

/**
 * The handlingar a run re-hashes: all, or with `sample` the `sample` newest (most likely those
 * added since the last run) and `sample` older ones at random, chosen by id alone (the columns
 * behind each file's bytes cannot be read without reading the bytes).
 */
function chosenIds(db: Db, sample: number | undefined, files: number): number[] | null {
  if (sample === undefined || files <= 2 * sample) return null;
  const newest = db.prepare('SELECT id FROM attachment ORDER BY id DESC LIMIT ?').pluck().all(sample) as number[];
  const older = db
    .prepare('SELECT id FROM attachment WHERE id < ? ORDER BY random() LIMIT ?')
    .pluck()
    .all(newest[newest.length - 1], sample) as number[];
  return [...newest, ...older];
}

/**
 * Re-hashes handlingar's bytes: against the SHA-256 stored beside them, and against the hash
 * each sealed record names for them. The triggers keep both from changing; this finds a file
 * changed behind them (a dropped trigger, another program writing the database). Every file,
 * or with `sample` the newest and a random sample of the rest (see chosenIds).
 */
export function verifyAttachmentContent(db: Db, options: { sample?: number } = {}): AttachmentsReport {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'attachment'").get();
  if (!hasTable) return { ok: true, files: 0, checked: 0, problems: [] };
  const files = db.prepare('SELECT count(*) FROM attachment').pluck().get() as number;
  // no file: no sealed record to read either (each names only handlingar that exist)
  if (files === 0) return { ok: true, files, checked: 0, problems: [] };
  const ids = chosenIds(db, options.sample, files);
  const chosen = JSON.stringify(ids);
  const meetings =
    ids === null
      ? null
      : (db
          .prepare('SELECT DISTINCT meeting_id FROM attachment WHERE id IN (SELECT value FROM json_each(?))')
          .pluck()
          .all(chosen) as number[]);
  const sealed = sealedHashes(sealedRecordsOf(db, meetings));
  const problems: string[] = [];
  let checked = 0;
  // one file's bytes in memory at a time
  const rows = (
    ids === null
      ? db.prepare(ROWS('')).iterate()
      : db.prepare(ROWS('WHERE a.id IN (SELECT value FROM json_each(?))')).iterate(chosen)
  ) as IterableIterator<Row>;
  for (const row of rows) {
    checked++;
    const where = row.paragraph !== null ? `§ ${row.paragraph}` : `punkt ${row.item}`;
    const name = `${row.body} ${row.date} ${where}, ${row.file_name} (handling ${row.id})`;
    const actual = sha256Hex(row.content);
    if (actual !== row.sha256)
      problems.push(
        `${name}: the file's content does not match its stored SHA-256 ${row.sha256} (it hashes to ${actual})`,
      );
    // bytes and stored hash changed together: only the sealed record still knows the original
    else
      for (const record of sealed.get(row.id) ?? [])
        if (record.sha256 !== actual)
          problems.push(`${name}: the file's content is not the one ${record.label} names (SHA-256 ${record.sha256})`);
  }
  return { ok: problems.length === 0, files, checked, problems };
}
