import type { z } from 'zod';
import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import { PROOF_COLUMNS, proofOf, type ProofColumns } from '../signing/frozen/proof';
import { sealsAwaitingTimestamp } from '../records/awaiting-seal';
import {
  ATTESTATION_DEADLINE_DAYS,
  type Attestation,
  type Paragraph,
  type Protocol,
  type paragraphFields,
} from '../../../shared/contract/meetings';
import { addDays, daysBetween, yearOf } from './dates';
import { invalidField, invalidState } from './errors';
import { checkPriority } from './priorities';
import { actionsOfMeeting } from './actions';
import { numberAt, numberInOrder, renumber, shiftNumbers } from './numbering';
import { capabilitiesOf, refuse } from '../capability';
import { meetingRules, paragraphRules, protocolRules } from './rules';
import {
  assertParagraphEditable,
  assertProtocolEditable,
  meetingExists,
  meetingOfParagraph,
  meetingState,
  paragraphState,
  protocolState,
  FIXED_AFTER_COLUMN,
} from './state';

type Fields = z.output<typeof paragraphFields>;

interface ParagraphRow {
  id: number;
  meeting_id: number;
  body_id: number;
  year: number;
  number: number;
  position: number;
  agenda_item_id: number | null;
  kind: Paragraph['kind'];
  title: string;
  dnr: string | null;
  background: string | null;
  decision: string | null;
  notes: string | null;
  distribution: string | null;
  priority_id: number | null;
  priority_name: string | null;
  finished: number;
  carry_over: number;
  immediately_attested_at: string | null;
  locked: number;
  protocol_status: Protocol['status'];
  fixed_after: number | null;
}

const PARAGRAPH_SELECT = `
  SELECT p.*, pr.title AS priority_name, l.locked, pc.status AS protocol_status, ${FIXED_AFTER_COLUMN} AS fixed_after
  FROM paragraph p
  JOIN paragraph_lock l ON l.paragraph_id = p.id
  JOIN protocol pc ON pc.meeting_id = p.meeting_id
  LEFT JOIN agreement_priority pr ON pr.id = p.priority_id`;

interface AttestationRow extends ProofColumns {
  id: number;
  paragraph_id: number | null;
  person_id: number;
  name: string;
  role: Attestation['role'];
  date: string;
  place: string | null;
}

/** Attestations with the proof behind each: its digital signature, else who recorded it. */
const ATTESTATIONS = `SELECT a.*, ${PROOF_COLUMNS}
  FROM attestation a LEFT JOIN attestation_signature s ON s.attestation_id = a.id
  LEFT JOIN person_certificate c ON c.id = s.person_certificate_id`;
interface CorrectionRow {
  id: number;
  paragraph_id: number | null;
  date: string;
  text: string;
  author: string;
  created_at: string;
}

const toAttestation = (r: AttestationRow): Attestation => ({
  id: r.id,
  paragraphId: r.paragraph_id,
  personId: r.person_id,
  name: r.name,
  role: r.role,
  date: r.date,
  place: r.place,
  proof: proofOf(r),
});
const toCorrection = (r: CorrectionRow) => ({
  id: r.id,
  paragraphId: r.paragraph_id,
  date: r.date,
  text: r.text,
  author: r.author,
  createdAt: r.created_at,
});

function paragraphsOf(ctx: Ctx, where: string, param: number): Paragraph[] {
  const rows = ctx.db
    .prepare(`${PARAGRAPH_SELECT} WHERE ${where} ORDER BY p.position, p.id`)
    .all(param) as ParagraphRow[];
  if (rows.length === 0) return [];
  const meetingId = rows[0].meeting_id;
  const recusals = ctx.db
    .prepare(
      `SELECT r.paragraph_id, r.person_id, pe.name FROM paragraph_recusal r JOIN person pe ON pe.id = r.person_id
       JOIN paragraph p ON p.id = r.paragraph_id WHERE p.meeting_id = ? ORDER BY pe.name`,
    )
    .all(meetingId) as Array<{ paragraph_id: number; person_id: number; name: string }>;
  const actions = actionsOfMeeting(ctx, meetingId);
  const attestations = (
    ctx.db
      .prepare(`${ATTESTATIONS} WHERE a.meeting_id = ? AND a.paragraph_id IS NOT NULL ORDER BY a.id`)
      .all(meetingId) as AttestationRow[]
  ).map(toAttestation);
  const corrections = (
    ctx.db
      .prepare('SELECT * FROM correction_note WHERE meeting_id = ? AND paragraph_id IS NOT NULL ORDER BY date, id')
      .all(meetingId) as CorrectionRow[]
  ).map(toCorrection);
  const awaiting = sealsAwaitingTimestamp(ctx, { meetingId });
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    bodyId: r.body_id,
    year: r.year,
    number: r.number,
    position: r.position,
    agendaItemId: r.agenda_item_id,
    kind: r.kind,
    title: r.title,
    dnr: r.dnr,
    background: r.background,
    decision: r.decision,
    notes: r.notes,
    distribution: r.distribution,
    priorityId: r.priority_id,
    priorityName: r.priority_name,
    finished: r.finished === 1,
    carryOver: r.carry_over === 1,
    immediatelyAttested: r.immediately_attested_at !== null,
    locked: r.locked === 1,
    sealAwaitsTimestamp: awaiting.some((a) => a.kind === 'extract' && a.paragraphId === r.id),
    recusals: recusals
      .filter((x) => x.paragraph_id === r.id)
      .map((x) => ({ personId: x.person_id, personName: x.name })),
    actions: actions.filter((a) => a.paragraphId === r.id),
    attestations: attestations.filter((a) => a.paragraphId === r.id),
    corrections: corrections.filter((c) => c.paragraphId === r.id),
    can: capabilitiesOf(paragraphRules, {
      protocolStatus: r.protocol_status,
      number: r.number,
      year: r.year,
      finished: r.finished === 1,
      locked: r.locked === 1,
      fixedAfter: r.fixed_after,
    }),
  }));
}

export function getParagraph(ctx: Ctx, id: number): Paragraph {
  const found = paragraphsOf(ctx, 'p.id = ?', id)[0];
  if (!found) throw notFound('paragraph', id);
  return found;
}

/** Who attests: the chair, then the justerare. */
export function attestersOf(
  ctx: Ctx,
  meetingId: number,
): Array<{ personId: number; name: string; role: Attestation['role'] }> {
  const m = ctx.db
    .prepare(
      `SELECT m.chair_id, c.name AS chair_name, m.justerare1_id, j1.name AS j1_name, m.justerare2_id, j2.name AS j2_name
       FROM meeting m LEFT JOIN person c ON c.id = m.chair_id LEFT JOIN person j1 ON j1.id = m.justerare1_id LEFT JOIN person j2 ON j2.id = m.justerare2_id
       WHERE m.id = ?`,
    )
    .get(meetingId) as {
    chair_id: number | null;
    chair_name: string;
    justerare1_id: number | null;
    j1_name: string;
    justerare2_id: number | null;
    j2_name: string;
  };
  const out: Array<{ personId: number; name: string; role: Attestation['role'] }> = [];
  if (m.chair_id !== null) out.push({ personId: m.chair_id, name: m.chair_name, role: 'ordforande' });
  if (m.justerare1_id !== null) out.push({ personId: m.justerare1_id, name: m.j1_name, role: 'justerare' });
  if (m.justerare2_id !== null) out.push({ personId: m.justerare2_id, name: m.j2_name, role: 'justerare' });
  return out;
}

export function getProtocol(ctx: Ctx, meetingId: number): Protocol | null {
  meetingExists(ctx, meetingId);
  const row = ctx.db
    .prepare(
      `SELECT pr.*, m.body_id, b.name AS body_name, m.date AS meeting_date
       FROM protocol pr JOIN meeting m ON m.id = pr.meeting_id JOIN body b ON b.id = m.body_id WHERE pr.meeting_id = ?`,
    )
    .get(meetingId) as
    | {
        meeting_id: number;
        status: Protocol['status'];
        attestation_place: string | null;
        attestation_date: string | null;
        announcement: number;
        attested_at: string | null;
        content_hash: string | null;
        created_at: string;
        updated_at: string;
        body_id: number;
        body_name: string;
        meeting_date: string;
      }
    | undefined;
  if (!row) return null;
  const paragraphs = paragraphsOf(ctx, 'p.meeting_id = ?', meetingId);
  const attestations = (
    ctx.db
      .prepare(`${ATTESTATIONS} WHERE a.meeting_id = ? AND a.paragraph_id IS NULL ORDER BY a.id`)
      .all(meetingId) as AttestationRow[]
  ).map(toAttestation);
  const corrections = (
    ctx.db
      .prepare('SELECT * FROM correction_note WHERE meeting_id = ? AND paragraph_id IS NULL ORDER BY date, id')
      .all(meetingId) as CorrectionRow[]
  ).map(toCorrection);
  const deadline = addDays(row.meeting_date, ATTESTATION_DEADLINE_DAYS);
  const attested = new Set(attestations.map((a) => a.personId));
  return {
    meetingId,
    bodyId: row.body_id,
    bodyName: row.body_name,
    meetingDate: row.meeting_date,
    status: row.status,
    attestationPlace: row.attestation_place,
    attestationDate: row.attestation_date,
    announcement: row.announcement === 1,
    attestationDeadline: deadline,
    daysLeftToAttest: row.status === 'attested' ? null : daysBetween(today(ctx), deadline),
    pendingAttesters:
      row.status === 'attested' ? [] : attestersOf(ctx, meetingId).filter((a) => !attested.has(a.personId)),
    paragraphRange: paragraphs.length
      ? [Math.min(...paragraphs.map((p) => p.number)), Math.max(...paragraphs.map((p) => p.number))]
      : null,
    paragraphs,
    attestations,
    corrections,
    attestedAt: row.attested_at,
    contentHash: row.content_hash,
    sealAwaitsTimestamp: sealsAwaitingTimestamp(ctx, { meetingId }).some((a) => a.kind === 'protocol'),
    can: capabilitiesOf(protocolRules, {
      status: row.status,
      paragraphs,
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function requireProtocol(ctx: Ctx, meetingId: number): Protocol {
  const protocol = getProtocol(ctx, meetingId);
  if (!protocol) throw invalidState('no_protocol', 'The meeting has no protocol yet');
  return protocol;
}

function meetingYear(ctx: Ctx, meetingId: number): { bodyId: number; year: number } {
  const m = ctx.db.prepare('SELECT body_id, date FROM meeting WHERE id = ?').get(meetingId) as {
    body_id: number;
    date: string;
  };
  return { bodyId: m.body_id, year: yearOf(m.date) };
}

function paragraphIds(ctx: Ctx, meetingId: number): number[] {
  return ctx.db
    .prepare('SELECT id FROM paragraph WHERE meeting_id = ? ORDER BY position, id')
    .pluck()
    .all(meetingId) as number[];
}

function setPositions(ctx: Ctx, ids: number[]): void {
  const update = ctx.db.prepare('UPDATE paragraph SET position = ? WHERE id = ? AND position <> ?');
  ids.forEach((id, index) => update.run(index + 1, id, index + 1));
}

/**
 * Inserts §§ at `position` in their protocol (at the end without one), in order: the §§ after
 * them that year move on by as many numbers, and the new ones take the numbers freed. Only the
 * §§ whose number changes are written. Runs inside a write.
 */
function insertParagraphs(
  ctx: Ctx,
  meetingId: number,
  rows: Array<{ fields: Fields; agendaItemId: number | null }>,
  position?: number,
): number[] {
  for (const r of rows) checkPriority(ctx, r.fields.priorityId);
  const { bodyId, year } = meetingYear(ctx, meetingId);
  const ids = paragraphIds(ctx, meetingId);
  const at = Math.min(Math.max(1, position ?? ids.length + 1), ids.length + 1);
  const first = numberAt(ctx, meetingId, at);
  shiftNumbers(ctx, bodyId, year, first, rows.length);
  const now = ctx.clock.now().toISOString();
  const insert = ctx.db.prepare(
    `INSERT INTO paragraph (meeting_id, body_id, year, number, position, agenda_item_id, kind, title, dnr, background, decision, notes, distribution,
       priority_id, finished, carry_over, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const added = rows.map(({ fields: f, agendaItemId }, i) =>
    Number(
      insert.run(
        meetingId,
        bodyId,
        year,
        first + i,
        ids.length + 1 + i,
        agendaItemId,
        f.kind,
        f.title,
        f.dnr,
        f.background,
        f.decision,
        f.notes,
        f.distribution,
        f.priorityId,
        f.finished ? 1 : 0,
        f.carryOver ? 1 : 0,
        now,
        now,
      ).lastInsertRowid,
    ),
  );
  ids.splice(at - 1, 0, ...added);
  setPositions(ctx, ids);
  return added;
}

/** Creates the protocol from the agenda: one § per item, in order, numbered on through the year. */
export function createProtocol(ctx: Ctx, meetingId: number): Protocol {
  return write(ctx, (record) => {
    refuse(meetingRules.startProtocol(meetingState(ctx, meetingId)));
    const now = ctx.clock.now().toISOString();
    ctx.db
      .prepare('INSERT INTO protocol (meeting_id, created_at, updated_at) VALUES (?, ?, ?)')
      .run(meetingId, now, now);
    const items = ctx.db
      .prepare(
        'SELECT id, kind, title, description, priority_id, dnr FROM agenda_item WHERE meeting_id = ? ORDER BY position, id',
      )
      .all(meetingId) as Array<{
      id: number;
      kind: Paragraph['kind'];
      title: string;
      description: string | null;
      priority_id: number | null;
      dnr: string | null;
    }>;
    insertParagraphs(
      ctx,
      meetingId,
      items.map((item) => ({
        agendaItemId: item.id,
        fields: {
          kind: item.kind,
          title: item.title,
          dnr: item.dnr,
          background: item.description,
          decision: null,
          notes: null,
          distribution: null,
          priorityId: item.priority_id,
          finished: false,
          carryOver: false,
        },
      })),
    );
    const created = requireProtocol(ctx, meetingId);
    record({
      action: 'create_protocol',
      entity: 'meeting',
      entityId: meetingId,
      after: { paragraphRange: created.paragraphRange },
    });
    return created;
  });
}

/** Deletes a § and what hangs on it (only ever a draft §). Runs inside a write. */
function deleteParagraphRows(ctx: Ctx, id: number): void {
  ctx.db.prepare('UPDATE agenda_item SET from_paragraph_id = NULL WHERE from_paragraph_id = ?').run(id);
  ctx.db
    .prepare(
      'UPDATE agenda_item SET from_action_id = NULL WHERE from_action_id IN (SELECT id FROM action_item WHERE paragraph_id = ?)',
    )
    .run(id);
  ctx.db.prepare('DELETE FROM paragraph_recusal WHERE paragraph_id = ?').run(id);
  ctx.db.prepare('DELETE FROM action_item WHERE paragraph_id = ?').run(id);
  ctx.db.prepare('DELETE FROM attestation WHERE paragraph_id = ?').run(id);
  ctx.db.prepare('DELETE FROM frozen_document WHERE paragraph_id = ?').run(id);
  ctx.db.prepare('DELETE FROM paragraph WHERE id = ?').run(id);
}

export function discardProtocol(ctx: Ctx, meetingId: number): { meetingId: number } {
  return write(ctx, (record) => {
    const before = requireProtocol(ctx, meetingId);
    refuse(protocolRules.discard(protocolState(ctx, meetingId)));
    for (const p of before.paragraphs) deleteParagraphRows(ctx, p.id);
    ctx.db.prepare('DELETE FROM attestation WHERE meeting_id = ?').run(meetingId);
    ctx.db.prepare('DELETE FROM frozen_document WHERE meeting_id = ?').run(meetingId);
    ctx.db.prepare('DELETE FROM protocol WHERE meeting_id = ?').run(meetingId);
    renumber(ctx, before.bodyId, yearOf(before.meetingDate));
    record({
      action: 'discard_protocol',
      entity: 'meeting',
      entityId: meetingId,
      before: { paragraphRange: before.paragraphRange, paragraphs: before.paragraphs.map((p) => p.title) },
    });
    return { meetingId };
  });
}

export function updateProtocol(ctx: Ctx, meetingId: number, place: string | null, date: string | null): Protocol {
  return write(ctx, (record) => {
    const before = requireProtocol(ctx, meetingId);
    refuse(protocolRules.editJustering(protocolState(ctx, meetingId)));
    if (date !== null && date < before.meetingDate) {
      throw invalidField(
        'attestationDate',
        'attest_before_meeting',
        'The protocol cannot be attested before the meeting',
      );
    }
    ctx.db
      .prepare('UPDATE protocol SET attestation_place = ?, attestation_date = ?, updated_at = ? WHERE meeting_id = ?')
      .run(place, date, ctx.clock.now().toISOString(), meetingId);
    const after = requireProtocol(ctx, meetingId);
    record({
      action: 'update_protocol',
      entity: 'meeting',
      entityId: meetingId,
      before: { place: before.attestationPlace, date: before.attestationDate },
      after: { place, date },
    });
    return after;
  });
}

/** Whether the protocol carries a tillkännagivande/anslagsbevis block; fixed with the rest once attested. */
export function setAnnouncement(ctx: Ctx, meetingId: number, announcement: boolean): Protocol {
  return write(ctx, (record) => {
    const before = requireProtocol(ctx, meetingId);
    refuse(protocolRules.editJustering(protocolState(ctx, meetingId)));
    ctx.db
      .prepare('UPDATE protocol SET announcement = ?, updated_at = ? WHERE meeting_id = ?')
      .run(announcement ? 1 : 0, ctx.clock.now().toISOString(), meetingId);
    record({
      action: 'update_protocol',
      entity: 'meeting',
      entityId: meetingId,
      before: { announcement: before.announcement },
      after: { announcement },
    });
    return requireProtocol(ctx, meetingId);
  });
}

export function addParagraph(ctx: Ctx, meetingId: number, f: Fields, position?: number): Paragraph {
  return write(ctx, (record) => {
    assertProtocolEditable(ctx, meetingId);
    const [id] = insertParagraphs(ctx, meetingId, [{ fields: f, agendaItemId: null }], position);
    const created = getParagraph(ctx, id);
    record({
      action: 'add_paragraph',
      entity: 'meeting',
      entityId: meetingId,
      after: { id, number: created.number, title: created.title },
    });
    record({ action: 'create', entity: 'paragraph', entityId: id, after: created });
    return created;
  });
}

/** The autosave target. Attestations already given for this § alone covered the old text, so they lapse. */
export function updateParagraph(ctx: Ctx, id: number, f: Fields): Paragraph {
  return write(ctx, (record) => {
    const meetingId = assertParagraphEditable(ctx, id);
    const before = getParagraph(ctx, id);
    checkPriority(ctx, f.priorityId);
    ctx.db
      .prepare(
        `UPDATE paragraph SET kind = ?, title = ?, dnr = ?, background = ?, decision = ?, notes = ?, distribution = ?, priority_id = ?,
           finished = ?, carry_over = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        f.kind,
        f.title,
        f.dnr,
        f.background,
        f.decision,
        f.notes,
        f.distribution,
        f.priorityId,
        f.finished ? 1 : 0,
        f.carryOver ? 1 : 0,
        ctx.clock.now().toISOString(),
        id,
      );
    const lapsed = ctx.db.prepare('DELETE FROM attestation WHERE paragraph_id = ?').run(id).changes;
    ctx.db.prepare('DELETE FROM frozen_document WHERE paragraph_id = ?').run(id);
    const after = getParagraph(ctx, id);
    const { actions: _a, attestations: _b, corrections: _c, ...plainBefore } = before;
    const { actions: _d, attestations: _e, corrections: _f, ...plainAfter } = after;
    record({
      action: 'update',
      entity: 'paragraph',
      entityId: id,
      before: plainBefore,
      after: { ...plainAfter, lapsedAttestations: lapsed || undefined },
    });
    void meetingId;
    return after;
  });
}

export function removeParagraph(ctx: Ctx, id: number): Protocol {
  return write(ctx, (record) => {
    const meetingId = meetingOfParagraph(ctx, id);
    refuse(paragraphRules.remove(paragraphState(ctx, id)));
    const before = getParagraph(ctx, id);
    deleteParagraphRows(ctx, id);
    setPositions(ctx, paragraphIds(ctx, meetingId));
    shiftNumbers(ctx, before.bodyId, before.year, before.number + 1, -1);
    record({
      action: 'remove_paragraph',
      entity: 'meeting',
      entityId: meetingId,
      before: { number: before.number, title: before.title },
    });
    record({ action: 'delete', entity: 'paragraph', entityId: id, before });
    return requireProtocol(ctx, meetingId);
  });
}

export function reorderParagraphs(ctx: Ctx, meetingId: number, ids: number[]): Protocol {
  return write(ctx, (record) => {
    refuse(protocolRules.reorder(protocolState(ctx, meetingId)));
    const current = paragraphIds(ctx, meetingId);
    if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((i) => current.includes(i))) {
      throw invalidField('paragraphIds', 'order_mismatch', 'Give every § of the protocol exactly once');
    }
    setPositions(ctx, ids);
    const first = ctx.db
      .prepare('SELECT min(number) FROM paragraph WHERE meeting_id = ?')
      .pluck()
      .get(meetingId) as number;
    numberInOrder(ctx, meetingYear(ctx, meetingId).year, ids, first);
    record({ action: 'reorder_paragraphs', entity: 'meeting', entityId: meetingId, before: current, after: ids });
    return requireProtocol(ctx, meetingId);
  });
}

/** Jäv: each person must be present at the meeting. */
export function setRecusals(ctx: Ctx, paragraphId: number, personIds: number[]): Paragraph {
  return write(ctx, (record) => {
    const meetingId = assertParagraphEditable(ctx, paragraphId);
    const before = getParagraph(ctx, paragraphId).recusals;
    for (const personId of new Set(personIds)) {
      const status = ctx.db
        .prepare('SELECT status FROM attendance WHERE meeting_id = ? AND person_id = ?')
        .pluck()
        .get(meetingId, personId);
      if (status !== 'present')
        throw invalidField('personIds', 'recusal_not_present', 'Only someone present at the meeting can declare jäv');
    }
    ctx.db.prepare('DELETE FROM paragraph_recusal WHERE paragraph_id = ?').run(paragraphId);
    const insert = ctx.db.prepare('INSERT INTO paragraph_recusal (paragraph_id, person_id) VALUES (?, ?)');
    for (const personId of new Set(personIds)) insert.run(paragraphId, personId);
    const after = getParagraph(ctx, paragraphId);
    record({ action: 'set_recusals', entity: 'paragraph', entityId: paragraphId, before, after: after.recusals });
    return after;
  });
}

export { meetingOfParagraph };
