import type { z } from 'zod';
import type { Ctx } from '../context';
import { write } from '../audit/log';
import { fieldError, notFound } from '../../../shared/errors';
import type { Person, personFields } from '../../../shared/contract/participants';
import { sortByName } from '../../../shared/text/collate';

type Fields = z.output<typeof personFields>;

interface Row {
  id: number;
  name: string;
  title: string | null;
  organisation_id: number | null;
  organisation_name: string | null;
  email: string | null;
  phone: string | null;
  active_from: string | null;
  active_to: string | null;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT p.*, o.name AS organisation_name FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id`;

const toPerson = (r: Row): Person => ({
  id: r.id,
  name: r.name,
  title: r.title,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  email: r.email,
  phone: r.phone,
  activeFrom: r.active_from,
  activeTo: r.active_to,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Search matches name, title, organisation, e-mail and phone; case folds, å/ä/ö stay distinct. */
export function listPeople(ctx: Ctx, filter: { search?: string; organisationId?: number } = {}): Person[] {
  const rows = (
    ctx.db
      .prepare(`${SELECT} ${filter.organisationId ? 'WHERE p.organisation_id = ?' : ''}`)
      .all(...(filter.organisationId ? [filter.organisationId] : [])) as Row[]
  ).map(toPerson);
  const needle = filter.search?.trim().toLocaleLowerCase('sv');
  const matching = needle
    ? rows.filter((p) =>
        [p.name, p.title, p.organisationName, p.email, p.phone].some((v) =>
          v?.toLocaleLowerCase('sv').includes(needle),
        ),
      )
    : rows;
  return sortByName(matching, (p) => p.name);
}

export function getPerson(ctx: Ctx, id: number): Person {
  const row = ctx.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('person', id);
  return toPerson(row);
}

function checkOrganisation(ctx: Ctx, organisationId: number | null): void {
  if (organisationId === null) return;
  const exists = ctx.db.prepare('SELECT 1 FROM organisation WHERE id = ?').get(organisationId);
  if (!exists)
    throw fieldError('organisationId', 'unknown_organisation', `Organisation ${organisationId} does not exist`);
}

export function createPerson(ctx: Ctx, fields: Fields): Person {
  return write(ctx, (record) => {
    checkOrganisation(ctx, fields.organisationId);
    const now = ctx.clock.now().toISOString();
    const { lastInsertRowid } = ctx.db
      .prepare(
        `INSERT INTO person (name, title, organisation_id, email, phone, active_from, active_to, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fields.name,
        fields.title,
        fields.organisationId,
        fields.email,
        fields.phone,
        fields.activeFrom,
        fields.activeTo,
        now,
        now,
      );
    const created = getPerson(ctx, Number(lastInsertRowid));
    record({ action: 'create', entity: 'person', entityId: created.id, after: created });
    return created;
  });
}

export function updatePerson(ctx: Ctx, id: number, fields: Fields): Person {
  return write(ctx, (record) => {
    const before = getPerson(ctx, id);
    checkOrganisation(ctx, fields.organisationId);
    ctx.db
      .prepare(
        `UPDATE person SET name = ?, title = ?, organisation_id = ?, email = ?, phone = ?, active_from = ?, active_to = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(
        fields.name,
        fields.title,
        fields.organisationId,
        fields.email,
        fields.phone,
        fields.activeFrom,
        fields.activeTo,
        ctx.clock.now().toISOString(),
        id,
      );
    const after = getPerson(ctx, id);
    record({ action: 'update', entity: 'person', entityId: id, before, after });
    return after;
  });
}
