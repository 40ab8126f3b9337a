import type { z } from 'zod';
import type { Ctx } from '../context';
import { write } from '../audit/log';
import { fieldError, notFound } from '../../../shared/errors';
import type { Person, personFields } from '../../../shared/contract/participants';
import { nameKey } from '../../../shared/text/collate';
import type { Page } from '../../../shared/contract/paging';
import { keysetPage, mapPage } from '../paging';
import { foldedSql, sortKeySql } from './name-order';
import { idsTerm } from './ids-term';

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

const FROM = 'person p LEFT JOIN organisation o ON o.id = p.organisation_id';
const SEARCHED = foldedSql(
  "p.name || char(10) || coalesce(p.title, '') || char(10) || coalesce(p.email, '') || char(10) || coalesce(p.phone, '')",
);

/** Search matches name, title, organisation, e-mail and phone; case folds, å/ä/ö stay distinct. By name, a page at a time. */
export function listPeople(
  ctx: Ctx,
  filter: {
    search?: string;
    organisationId?: number;
    ids?: number[];
    limit: number;
    after: Array<string | number> | null;
  },
): Page<Person> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.organisationId) {
    where.push('p.organisation_id = @organisationId');
    params.organisationId = filter.organisationId;
  }
  if (filter.ids) {
    where.push(idsTerm('p'));
    params.ids = JSON.stringify(filter.ids);
  }
  const needle = filter.search?.trim() ? nameKey(filter.search) : null;
  if (needle) {
    where.push(`(instr(${SEARCHED}, @needle) > 0 OR instr(coalesce(o.name_key, ''), @needle) > 0)`);
    params.needle = needle;
  }
  const rows = keysetPage<Row>(ctx.db, {
    select: 'p.*, o.name AS organisation_name',
    from: FROM,
    countFrom: FROM,
    where,
    params,
    key: [sortKeySql('p.name'), 'p.id'],
    direction: 'asc',
    limit: filter.limit,
    after: filter.after,
  });
  return mapPage(rows, toPerson);
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
