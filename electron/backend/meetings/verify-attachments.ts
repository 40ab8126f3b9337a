import type { Db } from '../db/open';
import { sha256Hex } from '../export/write-file';
import type { AttachmentLine, RecordContent } from '../records/snapshot';

/** What `samrad check` reports about handlingar: how many files were re-hashed, and each one that is not what it says. */
export interface AttachmentsReport {
  ok: boolean;
  files: number;
  problems: string[];
}

/**
 * Where a handling sits, as the documents name it: the § whose beslutsunderlag it is, else
 * its agenda item by its place in the kallelse ("Punkt 2").
 */
const ROWS = /* sql */ `
  SELECT a.id, a.file_name, a.sha256, a.content, b.name AS body, m.date,
         coalesce(p.number, pi.number) AS paragraph,
         (SELECT count(*) FROM agenda_item x WHERE x.meeting_id = ai.meeting_id AND x.position <= ai.position) AS item
  FROM attachment a
  JOIN meeting m ON m.id = a.meeting_id
  JOIN body b ON b.id = m.body_id
  LEFT JOIN paragraph p ON p.id = a.paragraph_id
  LEFT JOIN agenda_item ai ON ai.id = a.agenda_item_id
  LEFT JOIN paragraph pi ON pi.agenda_item_id = a.agenda_item_id
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

/** The SHA-256 every sealed protocol and extract gives each handling it names, by attachment id. */
function sealedHashes(db: Db): Map<number, Array<{ sha256: string; label: string }>> {
  const byId = new Map<number, Array<{ sha256: string; label: string }>>();
  const rows = db
    .prepare("SELECT kind, snapshot FROM sealed_record WHERE kind IN ('protocol', 'extract') AND json_valid(snapshot)")
    .all() as Array<{ kind: 'protocol' | 'extract'; snapshot: string }>;
  for (const row of rows) {
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
 * Re-hashes every handling's bytes: against the SHA-256 stored beside them, and against the
 * hash each sealed record names for it. The triggers keep both from changing; this finds a file
 * changed behind them (a dropped trigger, another program writing the database).
 */
export function verifyAttachmentContent(db: Db): AttachmentsReport {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'attachment'").get();
  if (!hasTable) return { ok: true, files: 0, problems: [] };
  const sealed = sealedHashes(db);
  const problems: string[] = [];
  let files = 0;
  for (const row of db.prepare(ROWS).iterate() as IterableIterator<Row>) {
    files++;
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
  return { ok: problems.length === 0, files, problems };
}
