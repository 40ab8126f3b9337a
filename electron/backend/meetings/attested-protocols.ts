import type { Ctx } from '../context';
import type { Attestation } from '../../../shared/contract/meetings';

export interface AttestedProtocol {
  meetingId: number;
  bodyId: number;
  bodyName: string;
  date: string;
  paragraphRange: [number, number];
  dnrs: string[];
  attestations: Array<{ name: string; role: Attestation['role']; date: string }>;
  /** SHA-256 of the canonical content, fixed at attestation (see justering.ts) */
  contentHash: string;
  attestedAt: string;
}

/** Attested protocols with meetings dated within [from, to], for the archive export. */
export function attestedProtocols(ctx: Ctx, filter: { from: string; to: string; bodyIds?: number[] }): AttestedProtocol[] {
  const bodies = filter.bodyIds?.length ? filter.bodyIds : null;
  const rows = ctx.db
    .prepare(
      `SELECT m.id AS meeting_id, m.body_id, b.name AS body_name, m.date, pr.content_hash, pr.attested_at,
              (SELECT min(number) FROM paragraph p WHERE p.meeting_id = m.id) AS first,
              (SELECT max(number) FROM paragraph p WHERE p.meeting_id = m.id) AS last
       FROM protocol pr JOIN meeting m ON m.id = pr.meeting_id JOIN body b ON b.id = m.body_id
       WHERE pr.status = 'attested' AND m.date >= ? AND m.date <= ?
       ORDER BY m.date, m.start_time, m.id`,
    )
    .all(filter.from, filter.to) as Array<{ meeting_id: number; body_id: number; body_name: string; date: string; content_hash: string; attested_at: string; first: number; last: number }>;
  const dnrsOf = ctx.db.prepare('SELECT DISTINCT dnr FROM paragraph WHERE meeting_id = ? AND dnr IS NOT NULL ORDER BY number').pluck();
  const attestationsOf = ctx.db.prepare('SELECT name, role, date FROM attestation WHERE meeting_id = ? AND paragraph_id IS NULL ORDER BY id');
  return rows
    .filter((r) => !bodies || bodies.includes(r.body_id))
    .map((r) => ({
      meetingId: r.meeting_id,
      bodyId: r.body_id,
      bodyName: r.body_name,
      date: r.date,
      paragraphRange: [r.first, r.last] as [number, number],
      dnrs: dnrsOf.all(r.meeting_id) as string[],
      attestations: attestationsOf.all(r.meeting_id) as AttestedProtocol['attestations'],
      contentHash: r.content_hash,
      attestedAt: r.attested_at,
    }));
}
