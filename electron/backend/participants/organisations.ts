import type { Ctx } from '../context';
import { write } from '../audit/log';
import { fieldError, notFound } from '../../../shared/errors';
import type { z } from 'zod';
import type { Organisation, organisationFields } from '../../../shared/contract/participants';
import { nameKey } from '../../../shared/text/collate';
import type { Page } from '../../../shared/contract/paging';
import { keysetPage, mapPage } from '../paging';
import { registerFilter, type RegisterFilter } from './register-filter';
import { foldedSql, sortKeySql } from './name-order';

type Fields = z.output<typeof organisationFields>;

interface Row {
  id: number;
  name: string;
  kind: Organisation['kind'];
  short_name: string | null;
  parent_id: number | null;
  parent_name: string | null;
  archived: number;
  created_at: string;
  updated_at: string;
}

const toOrganisation = (r: Row): Organisation => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  shortName: r.short_name,
  parentId: r.parent_id,
  parentName: r.parent_name,
  archived: r.archived === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const FROM = 'organisation o LEFT JOIN organisation p ON p.id = o.parent_id';
const SELECT = `SELECT o.*, p.name AS parent_name FROM ${FROM}`;

/** By name in Swedish order, a page at a time; the search matches the name and the short name. */
export function listOrganisations(ctx: Ctx, filter: RegisterFilter): Page<Organisation> {
  const { where, params } = registerFilter('o', filter, [
    `instr(${foldedSql("coalesce(o.short_name, '')")}, @needle) > 0`,
  ]);
  const rows = keysetPage<Row>(ctx.db, {
    select: 'o.*, p.name AS parent_name',
    from: FROM,
    countFrom: 'organisation o',
    where,
    params,
    key: [sortKeySql('o.name'), 'o.id'],
    direction: 'asc',
    limit: filter.limit,
    after: filter.after,
  });
  return mapPage(rows, toOrganisation);
}

export function getOrganisation(ctx: Ctx, id: number): Organisation {
  const row = ctx.db.prepare(`${SELECT} WHERE o.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('organisation', id);
  return toOrganisation(row);
}

function checkParent(ctx: Ctx, id: number | null, parentId: number | null): void {
  if (parentId === null) return;
  if (parentId === id) throw fieldError('parentId', 'parent_self', 'An organisation cannot be its own parent');
  if (!ctx.db.prepare('SELECT 1 FROM organisation WHERE id = ?').get(parentId)) {
    throw fieldError('parentId', 'unknown_organisation', `Organisation ${parentId} does not exist`);
  }
}

export function createOrganisation(ctx: Ctx, fields: Fields): Organisation {
  return write(ctx, (record) => {
    checkParent(ctx, null, fields.parentId);
    const now = ctx.clock.now().toISOString();
    const { lastInsertRowid } = ctx.db
      .prepare(
        'INSERT INTO organisation (name, name_key, kind, short_name, parent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(fields.name, nameKey(fields.name), fields.kind, fields.shortName, fields.parentId, now, now);
    const created = getOrganisation(ctx, Number(lastInsertRowid));
    record({ action: 'create', entity: 'organisation', entityId: created.id, after: created });
    return created;
  });
}

export function updateOrganisation(ctx: Ctx, id: number, fields: Fields): Organisation {
  return write(ctx, (record) => {
    const before = getOrganisation(ctx, id);
    checkParent(ctx, id, fields.parentId);
    ctx.db
      .prepare(
        'UPDATE organisation SET name = ?, name_key = ?, kind = ?, short_name = ?, parent_id = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        fields.name,
        nameKey(fields.name),
        fields.kind,
        fields.shortName,
        fields.parentId,
        ctx.clock.now().toISOString(),
        id,
      );
    const after = getOrganisation(ctx, id);
    record({ action: 'update', entity: 'organisation', entityId: id, before, after });
    return after;
  });
}

/** Organisations are archived, never deleted: people, agreements and minutes refer to them. */
export function archiveOrganisation(ctx: Ctx, id: number, archived: boolean): Organisation {
  return write(ctx, (record) => {
    const before = getOrganisation(ctx, id);
    ctx.db
      .prepare('UPDATE organisation SET archived = ?, updated_at = ? WHERE id = ?')
      .run(archived ? 1 : 0, ctx.clock.now().toISOString(), id);
    const after = getOrganisation(ctx, id);
    record({ action: archived ? 'archive' : 'restore', entity: 'organisation', entityId: id, before, after });
    return after;
  });
}
