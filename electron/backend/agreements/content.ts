import type { z } from 'zod';
import type { Ctx } from '../context';
import { write, type Change } from '../audit/log';
import type { partyFields, priorityFields, sectionFields, VersionDetail } from '../../../shared/contract/agreements';
import { agreementErrors } from './errors';
import { getVersion, partiesOf, prioritiesOf, sectionsOf, versionIdOf } from './read';
import { newKey, requireDraft, touch } from './versions';

type PartyFields = z.output<typeof partyFields>;
type SectionFields = z.output<typeof sectionFields>;
type PriorityFields = z.output<typeof priorityFields>;

/**
 * Editing a draft's parties, sections and priorities. Every change is one audited write on the
 * version (so it shows in the version's history) and returns the version as it now stands.
 */
function editDraft(
  ctx: Ctx,
  versionId: number,
  work: (record: (change: Omit<Change, 'entity' | 'entityId'>) => void) => void,
): VersionDetail {
  return write(ctx, (record) => {
    requireDraft(ctx, versionId);
    let changed = false;
    work((change) => {
      changed = true;
      record({ ...change, entity: 'agreement_version', entityId: versionId });
    });
    if (changed) touch(ctx, versionId);
    return getVersion(ctx, versionId);
  });
}

// ---------- parties ----------

function organisationName(ctx: Ctx, id: number, field = 'organisationId'): string {
  const row = ctx.db.prepare('SELECT name FROM organisation WHERE id = ?').get(id) as { name: string } | undefined;
  if (!row) throw agreementErrors.unknownOrganisation(field);
  return row.name;
}

function signatory(ctx: Ctx, id: number): { name: string; title: string | null } {
  const row = ctx.db.prepare('SELECT name, title FROM person WHERE id = ?').get(id) as
    { name: string; title: string | null } | undefined;
  if (!row) throw agreementErrors.unknownSignatory();
  return row;
}

function checkNotAlreadyParty(ctx: Ctx, versionId: number, organisationId: number, exceptPartyId: number | null): void {
  const clash = ctx.db
    .prepare('SELECT 1 FROM agreement_party WHERE version_id = ? AND organisation_id = ? AND id IS NOT ?')
    .get(versionId, organisationId, exceptPartyId);
  if (clash) throw agreementErrors.duplicateParty();
}

const nextPosition = (ctx: Ctx, table: string, versionId: number) =>
  ctx.db
    .prepare(`SELECT coalesce(max(position), 0) + 1 FROM ${table} WHERE version_id = ?`)
    .pluck()
    .get(versionId) as number;

export function addParty(ctx: Ctx, versionId: number, fields: PartyFields): VersionDetail {
  return editDraft(ctx, versionId, (record) => {
    const orgName = organisationName(ctx, fields.organisationId);
    const person = signatory(ctx, fields.signatoryId);
    checkNotAlreadyParty(ctx, versionId, fields.organisationId, null);
    const { lastInsertRowid } = ctx.db
      .prepare(
        `INSERT INTO agreement_party (version_id, position, organisation_id, organisation_name, signatory_id, signatory_name, signatory_title)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        versionId,
        nextPosition(ctx, 'agreement_party', versionId),
        fields.organisationId,
        orgName,
        fields.signatoryId,
        person.name,
        person.title,
      );
    record({ action: 'party.add', after: partiesOf(ctx, versionId).find((p) => p.id === Number(lastInsertRowid)) });
  });
}

export function updateParty(ctx: Ctx, id: number, fields: PartyFields): VersionDetail {
  const versionId = versionIdOf(ctx, 'agreement_party', id);
  return editDraft(ctx, versionId, (record) => {
    const before = partiesOf(ctx, versionId).find((p) => p.id === id);
    const orgName = organisationName(ctx, fields.organisationId);
    const person = signatory(ctx, fields.signatoryId);
    checkNotAlreadyParty(ctx, versionId, fields.organisationId, id);
    ctx.db
      .prepare(
        'UPDATE agreement_party SET organisation_id = ?, organisation_name = ?, signatory_id = ?, signatory_name = ?, signatory_title = ? WHERE id = ?',
      )
      .run(fields.organisationId, orgName, fields.signatoryId, person.name, person.title, id);
    record({ action: 'party.update', before, after: partiesOf(ctx, versionId).find((p) => p.id === id) });
  });
}

export function removeParty(ctx: Ctx, id: number): VersionDetail {
  const versionId = versionIdOf(ctx, 'agreement_party', id);
  return editDraft(ctx, versionId, (record) => {
    const before = partiesOf(ctx, versionId).find((p) => p.id === id);
    ctx.db.prepare('DELETE FROM agreement_party WHERE id = ?').run(id);
    record({ action: 'party.remove', before });
  });
}

/** Sets positions 1…n in the order given; `ids` must be exactly the version's rows. */
function reorder(
  ctx: Ctx,
  table: 'agreement_party' | 'agreement_section' | 'agreement_priority',
  versionId: number,
  ids: number[],
): void {
  const current = ctx.db.prepare(`SELECT id FROM ${table} WHERE version_id = ?`).pluck().all(versionId) as number[];
  const wanted = new Set(ids);
  if (wanted.size !== ids.length || ids.length !== current.length || current.some((id) => !wanted.has(id)))
    throw agreementErrors.reorderMismatch();
  const set = ctx.db.prepare(`UPDATE ${table} SET position = ? WHERE id = ?`);
  ids.forEach((id, index) => set.run(index + 1, id));
}

export function reorderParties(ctx: Ctx, versionId: number, ids: number[]): VersionDetail {
  return editDraft(ctx, versionId, (record) => {
    reorder(ctx, 'agreement_party', versionId, ids);
    record({ action: 'party.reorder', after: { order: partiesOf(ctx, versionId).map((p) => p.organisationName) } });
  });
}

// ---------- sections ----------

/** `key` is given only when content is carried over from elsewhere (the example); otherwise a new one is made. */
export function addSection(
  ctx: Ctx,
  versionId: number,
  fields: SectionFields,
  afterId?: number,
  key: string = newKey(),
): VersionDetail {
  return editDraft(ctx, versionId, (record) => {
    let position = nextPosition(ctx, 'agreement_section', versionId);
    if (afterId !== undefined) {
      const after = ctx.db
        .prepare('SELECT position FROM agreement_section WHERE id = ? AND version_id = ?')
        .get(afterId, versionId) as { position: number } | undefined;
      if (!after) throw agreementErrors.reorderMismatch();
      position = after.position + 1;
      ctx.db
        .prepare('UPDATE agreement_section SET position = position + 1 WHERE version_id = ? AND position >= ?')
        .run(versionId, position);
    }
    const { lastInsertRowid } = ctx.db
      .prepare('INSERT INTO agreement_section (version_id, key, position, heading, body) VALUES (?, ?, ?, ?, ?)')
      .run(versionId, key, position, fields.heading, JSON.stringify(fields.body));
    record({ action: 'section.add', after: sectionsOf(ctx, versionId).find((s) => s.id === Number(lastInsertRowid)) });
  });
}

export function updateSection(ctx: Ctx, id: number, fields: SectionFields): VersionDetail {
  const versionId = versionIdOf(ctx, 'agreement_section', id);
  return editDraft(ctx, versionId, (record) => {
    const before = sectionsOf(ctx, versionId).find((s) => s.id === id)!;
    const body = JSON.stringify(fields.body);
    if (before.heading === fields.heading && JSON.stringify(before.body) === body) return; // autosave with nothing new
    ctx.db.prepare('UPDATE agreement_section SET heading = ?, body = ? WHERE id = ?').run(fields.heading, body, id);
    record({ action: 'section.update', before, after: sectionsOf(ctx, versionId).find((s) => s.id === id) });
  });
}

export function removeSection(ctx: Ctx, id: number): VersionDetail {
  const versionId = versionIdOf(ctx, 'agreement_section', id);
  return editDraft(ctx, versionId, (record) => {
    const before = sectionsOf(ctx, versionId).find((s) => s.id === id);
    ctx.db.prepare('DELETE FROM agreement_section WHERE id = ?').run(id);
    record({ action: 'section.remove', before });
  });
}

export function reorderSections(ctx: Ctx, versionId: number, ids: number[]): VersionDetail {
  return editDraft(ctx, versionId, (record) => {
    reorder(ctx, 'agreement_section', versionId, ids);
    record({ action: 'section.reorder', after: { order: sectionsOf(ctx, versionId).map((s) => s.heading) } });
  });
}

// ---------- priorities ----------

function setResponsible(ctx: Ctx, priorityId: number, organisationIds: number[]): void {
  ctx.db.prepare('DELETE FROM agreement_priority_responsible WHERE priority_id = ?').run(priorityId);
  const insert = ctx.db.prepare(
    'INSERT INTO agreement_priority_responsible (priority_id, organisation_id, organisation_name, position) VALUES (?, ?, ?, ?)',
  );
  [...new Set(organisationIds)].forEach((orgId, index) =>
    insert.run(priorityId, orgId, organisationName(ctx, orgId, 'responsibleIds'), index + 1),
  );
}

export function addPriority(ctx: Ctx, versionId: number, fields: PriorityFields): VersionDetail {
  return editDraft(ctx, versionId, (record) => {
    const { lastInsertRowid } = ctx.db
      .prepare(
        'INSERT INTO agreement_priority (version_id, key, position, title, description, source, source_date) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        versionId,
        newKey(),
        nextPosition(ctx, 'agreement_priority', versionId),
        fields.title,
        fields.description,
        fields.source,
        fields.sourceDate,
      );
    setResponsible(ctx, Number(lastInsertRowid), fields.responsibleIds);
    record({
      action: 'priority.add',
      after: prioritiesOf(ctx, versionId).find((p) => p.id === Number(lastInsertRowid)),
    });
  });
}

export function updatePriority(ctx: Ctx, id: number, fields: PriorityFields): VersionDetail {
  const versionId = versionIdOf(ctx, 'agreement_priority', id);
  return editDraft(ctx, versionId, (record) => {
    const before = prioritiesOf(ctx, versionId).find((p) => p.id === id);
    ctx.db
      .prepare('UPDATE agreement_priority SET title = ?, description = ?, source = ?, source_date = ? WHERE id = ?')
      .run(fields.title, fields.description, fields.source, fields.sourceDate, id);
    setResponsible(ctx, id, fields.responsibleIds);
    record({ action: 'priority.update', before, after: prioritiesOf(ctx, versionId).find((p) => p.id === id) });
  });
}

export function removePriority(ctx: Ctx, id: number): VersionDetail {
  const versionId = versionIdOf(ctx, 'agreement_priority', id);
  return editDraft(ctx, versionId, (record) => {
    const before = prioritiesOf(ctx, versionId).find((p) => p.id === id);
    ctx.db.prepare('DELETE FROM agreement_priority WHERE id = ?').run(id);
    record({ action: 'priority.remove', before });
  });
}

export function reorderPriorities(ctx: Ctx, versionId: number, ids: number[]): VersionDetail {
  return editDraft(ctx, versionId, (record) => {
    reorder(ctx, 'agreement_priority', versionId, ids);
    record({ action: 'priority.reorder', after: { order: prioritiesOf(ctx, versionId).map((p) => p.title) } });
  });
}
