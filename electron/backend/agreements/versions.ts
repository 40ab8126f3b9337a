import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Ctx } from '../context';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import type { VersionDetail, versionFields } from '../../../shared/contract/agreements';
import { agreementErrors } from './errors';
import { getVersion, getVersionSummary } from './read';
import { followingPeriod, renewTitle } from './period';

type VersionFields = z.output<typeof versionFields>;

export const newKey = () => crypto.randomUUID();

/** Content may change only in a draft: a clear error for a frozen or signed version. */
export function requireDraft(ctx: Ctx, versionId: number): void {
  const row = ctx.db.prepare('SELECT status FROM agreement_version WHERE id = ?').get(versionId) as
    { status: string } | undefined;
  if (!row) throw notFound('agreement_version', versionId);
  if (row.status === 'signed') throw agreementErrors.versionSigned();
  if (row.status === 'under_signing') throw agreementErrors.versionFrozen();
}

/** Marks the version (and its agreement) as changed now. */
export function touch(ctx: Ctx, versionId: number): void {
  const now = ctx.clock.now().toISOString();
  ctx.db.prepare('UPDATE agreement_version SET updated_at = ? WHERE id = ?').run(now, versionId);
  ctx.db
    .prepare('UPDATE agreement SET updated_at = ? WHERE id = (SELECT agreement_id FROM agreement_version WHERE id = ?)')
    .run(now, versionId);
}

function checkPredecessor(ctx: Ctx, agreementId: number, predecessorId: number | null): void {
  if (predecessorId === null) return;
  const row = ctx.db.prepare('SELECT agreement_id FROM agreement_version WHERE id = ?').get(predecessorId) as
    { agreement_id: number } | undefined;
  if (!row || row.agreement_id !== agreementId) throw agreementErrors.predecessorOtherAgreement();
}

/** Inserts a draft version row (inside a write) and returns its id. */
export function insertVersion(
  ctx: Ctx,
  agreementId: number,
  fields: VersionFields,
  predecessorId: number | null,
): number {
  if (!ctx.db.prepare('SELECT 1 FROM agreement WHERE id = ?').get(agreementId))
    throw notFound('agreement', agreementId);
  checkPredecessor(ctx, agreementId, predecessorId);
  const now = ctx.clock.now().toISOString();
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO agreement_version (agreement_id, predecessor_id, title, dnr, valid_from, valid_to, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
    )
    .run(agreementId, predecessorId, fields.title, fields.dnr, fields.validFrom, fields.validTo, now, now);
  touch(ctx, Number(lastInsertRowid));
  return Number(lastInsertRowid);
}

export function createVersion(
  ctx: Ctx,
  agreementId: number,
  fields: VersionFields,
  predecessorId: number | null,
): VersionDetail {
  return write(ctx, (record) => {
    const id = insertVersion(ctx, agreementId, fields, predecessorId);
    const created = getVersionSummary(ctx, id);
    record({ action: 'create', entity: 'agreement_version', entityId: id, after: created });
    return getVersion(ctx, id);
  });
}

export function updateVersion(ctx: Ctx, id: number, fields: VersionFields): VersionDetail {
  return write(ctx, (record) => {
    requireDraft(ctx, id);
    const before = getVersionSummary(ctx, id);
    ctx.db
      .prepare('UPDATE agreement_version SET title = ?, dnr = ?, valid_from = ?, valid_to = ? WHERE id = ?')
      .run(fields.title, fields.dnr, fields.validFrom, fields.validTo, id);
    touch(ctx, id);
    const after = getVersionSummary(ctx, id);
    record({ action: 'update', entity: 'agreement_version', entityId: id, before, after });
    return getVersion(ctx, id);
  });
}

/** A draft made by mistake can go; a version under signing or signed never can. */
export function deleteVersion(ctx: Ctx, id: number): { id: number; agreementId: number } {
  return write(ctx, (record) => {
    requireDraft(ctx, id);
    const before = getVersion(ctx, id);
    if (before.successorIds.length > 0) {
      // a later version names this one as predecessor: unlink rather than break the chain silently
      ctx.db
        .prepare('UPDATE agreement_version SET predecessor_id = ? WHERE predecessor_id = ? AND status = ?')
        .run(before.predecessorId, id, 'draft');
    }
    ctx.db.prepare('DELETE FROM agreement_version WHERE id = ?').run(id);
    ctx.db
      .prepare('UPDATE agreement SET updated_at = ? WHERE id = ?')
      .run(ctx.clock.now().toISOString(), before.agreementId);
    record({ action: 'delete', entity: 'agreement_version', entityId: id, before });
    return { id, agreementId: before.agreementId };
  });
}

/**
 * Copies everything a version says (parties with signatories, sections, priorities with their
 * responsible organisations) into another version, keeping section and priority keys so the
 * two can be compared section by section.
 */
export function copyContent(ctx: Ctx, fromId: number, toId: number): void {
  ctx.db
    .prepare(
      `INSERT INTO agreement_party (version_id, position, organisation_id, organisation_name, signatory_id, signatory_name, signatory_title)
       SELECT ?, position, organisation_id, organisation_name, signatory_id, signatory_name, signatory_title
       FROM agreement_party WHERE version_id = ? ORDER BY position, id`,
    )
    .run(toId, fromId);
  ctx.db
    .prepare(
      `INSERT INTO agreement_section (version_id, key, position, heading, body)
       SELECT ?, key, position, heading, body FROM agreement_section WHERE version_id = ? ORDER BY position, id`,
    )
    .run(toId, fromId);
  const priorities = ctx.db
    .prepare('SELECT * FROM agreement_priority WHERE version_id = ? ORDER BY position, id')
    .all(fromId) as Array<{
    id: number;
    key: string;
    position: number;
    title: string;
    description: string | null;
    source: string | null;
    source_date: string | null;
  }>;
  const insertPriority = ctx.db.prepare(
    'INSERT INTO agreement_priority (version_id, key, position, title, description, source, source_date) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const copyResponsible = ctx.db.prepare(
    `INSERT INTO agreement_priority_responsible (priority_id, organisation_id, organisation_name, position)
     SELECT ?, organisation_id, organisation_name, position FROM agreement_priority_responsible WHERE priority_id = ?`,
  );
  for (const p of priorities) {
    const { lastInsertRowid } = insertPriority.run(
      toId,
      p.key,
      p.position,
      p.title,
      p.description,
      p.source,
      p.source_date,
    );
    copyResponsible.run(Number(lastInsertRowid), p.id);
  }
}

/**
 * "Renew": a new draft for the period after this version — same length, starting the day after
 * it ends — with the same text, parties, signatories and priorities, linked to it as predecessor.
 * Years in the title that name the old period are moved to the new one.
 */
export function renewVersion(ctx: Ctx, id: number): VersionDetail {
  return write(ctx, (record) => {
    const source = getVersionSummary(ctx, id);
    if (source.successorIds.length > 0) throw agreementErrors.renewalExists(source.successorIds[0]);
    const next = followingPeriod(source.validFrom, source.validTo);
    const title = renewTitle(source.title, { from: source.validFrom, to: source.validTo }, next);
    const newId = insertVersion(
      ctx,
      source.agreementId,
      { title, dnr: null, validFrom: next.from, validTo: next.to },
      id,
    );
    copyContent(ctx, id, newId);
    const created = getVersion(ctx, newId);
    record({ action: 'renew', entity: 'agreement_version', entityId: newId, after: { ...created, renewedFrom: id } });
    record({ action: 'renewed', entity: 'agreement_version', entityId: id, after: { successorId: newId } });
    return created;
  });
}
