import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Ctx } from '../context';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import type { VersionDetail, versionFields } from '../../../shared/contract/agreements';
import { agreementErrors } from './errors';
import { refuse } from '../capability';
import { versionRules, type VersionState } from './rules';
import { getVersion, getVersionSummary, listVersions } from './read';
import { withPeriodFields, type Period } from '../../../shared/period-dates';
import type { RichTextDoc } from '../../../shared/richtext';
import { followingPeriod, renewTitle } from './period';
import { copyMandates, rostersEndingOn } from '../participants/mandates';

type VersionFields = z.output<typeof versionFields>;

export const newKey = () => crypto.randomUUID();

/** Content may change only in a draft: a clear error for a frozen or signed version. */
export function requireDraft(ctx: Ctx, versionId: number): void {
  const row = ctx.db.prepare('SELECT status FROM agreement_version WHERE id = ?').get(versionId) as
    { status: VersionState['status'] } | undefined;
  if (!row) throw notFound('agreement_version', versionId);
  refuse(versionRules.edit({ status: row.status, successorIds: [] }));
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
 * "Renew": a new draft for the given period — by default the period after this version, same
 * length, starting the day after it ends — with the same text, parties, signatories and
 * priorities, linked to it as predecessor. Years in the title that name the old period are moved
 * to the new one, and dates of the old period written out in the text become period fields, so
 * the renewal's text names its own period. The new period must begin after the old one ends and
 * may not overlap a signed version. With `extendMandates`, every body membership that ends with
 * the old period gets a new one for the new period (rosters follow the agreement).
 */
export function renewVersion(
  ctx: Ctx,
  id: number,
  period?: { validFrom: string; validTo: string },
  extendMandates = false,
): VersionDetail {
  return write(ctx, (record) => {
    const source = getVersionSummary(ctx, id);
    refuse(versionRules.renew({ status: source.storedStatus, successorIds: source.successorIds }));
    const following = followingPeriod(source.validFrom, source.validTo);
    const next = period ? { from: period.validFrom, to: period.validTo } : following;
    if (next.to <= next.from) throw agreementErrors.endBeforeStart();
    if (next.from <= source.validTo) throw agreementErrors.renewalOverlapsSource(source.validTo);
    const clash = listVersions(ctx, source.agreementId).find(
      (o) => o.storedStatus === 'signed' && o.validFrom <= next.to && o.validTo >= next.from,
    );
    if (clash) throw agreementErrors.overlap(clash);
    const title = renewTitle(source.title, { from: source.validFrom, to: source.validTo }, next);
    const newId = insertVersion(
      ctx,
      source.agreementId,
      { title, dnr: null, validFrom: next.from, validTo: next.to },
      id,
    );
    copyContent(ctx, id, newId);
    fieldsForOldDates(ctx, newId, { validFrom: source.validFrom, validTo: source.validTo });
    const created = getVersion(ctx, newId);
    record({ action: 'renew', entity: 'agreement_version', entityId: newId, after: { ...created, renewedFrom: id } });
    record({ action: 'renewed', entity: 'agreement_version', entityId: id, after: { successorId: newId } });
    if (extendMandates) {
      const newPeriod = { validFrom: next.from, validTo: next.to };
      for (const roster of rostersEndingOn(ctx, source.validTo)) {
        const ids = copyMandates(ctx, record, roster.bodyId, source.validTo, newPeriod);
        if (ids.length > 0)
          record({
            action: 'extend_mandates',
            entity: 'body',
            entityId: roster.bodyId,
            after: { endedOn: source.validTo, ...newPeriod, count: ids.length, agreementVersionId: newId },
          });
      }
    }
    return created;
  });
}

/** In a fresh copy: the old period's written-out dates become fields showing the copy's own dates. */
function fieldsForOldDates(ctx: Ctx, versionId: number, old: Period): void {
  const rows = ctx.db.prepare('SELECT id, body FROM agreement_section WHERE version_id = ?').all(versionId) as Array<{
    id: number;
    body: string;
  }>;
  const update = ctx.db.prepare('UPDATE agreement_section SET body = ? WHERE id = ?');
  for (const row of rows) {
    const body = JSON.stringify(withPeriodFields(JSON.parse(row.body) as RichTextDoc, old));
    if (body !== row.body) update.run(body, row.id);
  }
}
