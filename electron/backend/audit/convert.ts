import type { Db } from '../db/open';
import { recordKey, rememberState, type LatestStates } from './chain';
import { deflateText } from './packing';
import { auditRowOf, type StoredAuditRow } from './row';
import { decodeSides, encodeSides, storesDelta } from './states';

export interface ConversionResult {
  events: number;
  converted: number;
}

/**
 * Converts the events written before the log stored changes (migration 007 leaves a row in
 * `audit_conversion` for this): each update or removal becomes a delta from the newest earlier
 * state of its record, kept only where the delta gives back the stored JSON byte for byte, so
 * the event's hash still verifies as it did. One transaction: all events, or none and the row
 * stays for the next start.
 */
export function convertEarlierEvents(db: Db): ConversionResult | null {
  const pending = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_conversion'").get();
  if (!pending || !db.prepare('SELECT 1 FROM audit_conversion WHERE done_at IS NULL').get()) return null;
  return db
    .transaction(() => {
      const states: LatestStates = new Map();
      const update = db.prepare(
        'UPDATE audit_event SET before_deflated = NULL, after_deflated = NULL, base_id = ?, delta_deflated = ? WHERE id = ?',
      );
      const result: ConversionResult = { events: 0, converted: 0 };
      // in pages: a log written before this version may hold hundreds of megabytes of copies
      const page = db.prepare(
        'SELECT * FROM audit_event WHERE format = 1 AND delta_deflated IS NULL AND id > ? ORDER BY id LIMIT 2000',
      );
      const rowsAfter = (id: number) => (page.all(id) as StoredAuditRow[]).map(auditRowOf);
      for (let rows = rowsAfter(0); rows.length > 0; rows = rowsAfter(rows.at(-1)!.id))
        for (const row of rows) {
          result.events++;
          const sides = decodeSides(row, undefined);
          if (storesDelta(sides.before)) {
            const base = states.get(recordKey(row));
            const delta = encodeSides(base?.state, sides);
            const back = decodeSides({ before: null, after: null, base_id: base?.id ?? null, delta }, base?.state);
            const whole = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
            if (whole(back.before) === row.before && whole(back.after) === row.after) {
              update.run(base?.id ?? null, deflateText(delta), row.id);
              result.converted++;
            }
          }
          rememberState(states, row, sides);
        }
      db.prepare(
        "UPDATE audit_conversion SET done_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), converted = ? WHERE id = 1",
      ).run(result.converted);
      return result;
    })
    .immediate();
}
