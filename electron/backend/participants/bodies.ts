import type { z } from 'zod';
import type { Ctx } from '../context';
import { write } from '../audit/log';
import { fieldError, notFound } from '../../../shared/errors';
import type { Body, bodyFields, Member, memberFields } from '../../../shared/contract/participants';
import { nameKey, svCollator } from '../../../shared/text/collate';
import type { Page } from '../../../shared/contract/paging';
import { keysetPage, mapPage } from '../paging';
import { registerFilter, type RegisterFilter } from './register-filter';
import { sortKeySql } from './name-order';
import type { DocumentLanguage } from '../../../shared/contract/common';

type BodyInput = z.output<typeof bodyFields>;
type MemberInput = z.output<typeof memberFields>;

interface BodyRow {
  id: number;
  name: string;
  kind: Body['kind'];
  description: string | null;
  record_language: DocumentLanguage;
  archived: number;
  member_count: number;
  created_at: string;
  updated_at: string;
}

const BODY_COLUMNS = 'b.*, (SELECT count(*) FROM body_member m WHERE m.body_id = b.id) AS member_count';
const BODY_SELECT = `SELECT ${BODY_COLUMNS} FROM body b`;

const toBody = (r: BodyRow): Body => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  description: r.description,
  recordLanguage: r.record_language,
  archived: r.archived === 1,
  memberCount: r.member_count,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** By name in Swedish order, a page at a time; the search matches the name. */
export function listBodies(ctx: Ctx, filter: RegisterFilter): Page<Body> {
  const { where, params } = registerFilter('b', filter);
  const rows = keysetPage<BodyRow>(ctx.db, {
    select: BODY_COLUMNS,
    from: 'body b',
    countFrom: 'body b',
    where,
    params,
    key: [sortKeySql('b.name'), 'b.id'],
    direction: 'asc',
    limit: filter.limit,
    after: filter.after,
  });
  return mapPage(rows, toBody);
}

export function getBody(ctx: Ctx, id: number): Body {
  const row = ctx.db.prepare(`${BODY_SELECT} WHERE b.id = ?`).get(id) as BodyRow | undefined;
  if (!row) throw notFound('body', id);
  return toBody(row);
}

/** The body a name means (as a command line names it), compared under the same key as UNIQUE uses. */
export function findBodyByName(ctx: Ctx, name: string): Body | null {
  const row = ctx.db.prepare(`${BODY_SELECT} WHERE b.name_key = ?`).get(nameKey(name)) as BodyRow | undefined;
  return row ? toBody(row) : null;
}

export function createBody(ctx: Ctx, fields: BodyInput): Body {
  return write(ctx, (record) => {
    const now = ctx.clock.now().toISOString();
    const { lastInsertRowid } = ctx.db
      .prepare(
        'INSERT INTO body (name, name_key, kind, description, record_language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(fields.name, nameKey(fields.name), fields.kind, fields.description, fields.recordLanguage, now, now);
    const created = getBody(ctx, Number(lastInsertRowid));
    record({ action: 'create', entity: 'body', entityId: created.id, after: created });
    return created;
  });
}

export function updateBody(ctx: Ctx, id: number, fields: BodyInput): Body {
  return write(ctx, (record) => {
    const before = getBody(ctx, id);
    ctx.db
      .prepare(
        'UPDATE body SET name = ?, name_key = ?, kind = ?, description = ?, record_language = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        fields.name,
        nameKey(fields.name),
        fields.kind,
        fields.description,
        fields.recordLanguage,
        ctx.clock.now().toISOString(),
        id,
      );
    const after = getBody(ctx, id);
    record({ action: 'update', entity: 'body', entityId: id, before, after });
    return after;
  });
}

export function archiveBody(ctx: Ctx, id: number, archived: boolean): Body {
  return write(ctx, (record) => {
    const before = getBody(ctx, id);
    ctx.db
      .prepare('UPDATE body SET archived = ?, updated_at = ? WHERE id = ?')
      .run(archived ? 1 : 0, ctx.clock.now().toISOString(), id);
    const after = getBody(ctx, id);
    record({ action: archived ? 'archive' : 'restore', entity: 'body', entityId: id, before, after });
    return after;
  });
}

interface MemberRow {
  id: number;
  body_id: number;
  person_id: number;
  person_name: string;
  person_title: string | null;
  organisation_name: string | null;
  role: Member['role'];
  valid_from: string;
  valid_to: string | null;
  substitute_for_id: number | null;
  substitute_for_name: string | null;
}

const MEMBER_SELECT = `
  SELECT m.*, p.name AS person_name, p.title AS person_title, o.name AS organisation_name, s.name AS substitute_for_name
  FROM body_member m
  JOIN person p ON p.id = m.person_id
  LEFT JOIN organisation o ON o.id = p.organisation_id
  LEFT JOIN person s ON s.id = m.substitute_for_id`;

const toMember = (r: MemberRow): Member => ({
  id: r.id,
  bodyId: r.body_id,
  personId: r.person_id,
  personName: r.person_name,
  personTitle: r.person_title,
  organisationName: r.organisation_name,
  role: r.role,
  from: r.valid_from,
  to: r.valid_to,
  substituteForId: r.substitute_for_id,
  substituteForName: r.substitute_for_name,
});

const ROLE_ORDER: Member['role'][] = [
  'ordforande',
  'vice_ordforande',
  'ledamot',
  'ersattare',
  'sekreterare',
  'adjungerad',
];

/** Members of a body, optionally only those serving on a given date; chair first. */
export function listMembers(ctx: Ctx, bodyId: number, on: string | null = null): Member[] {
  getBody(ctx, bodyId);
  const rows = (
    on
      ? ctx.db
          .prepare(
            `${MEMBER_SELECT} WHERE m.body_id = ? AND m.valid_from <= ? AND coalesce(m.valid_to, '9999-12-31') >= ?`,
          )
          .all(bodyId, on, on)
      : ctx.db.prepare(`${MEMBER_SELECT} WHERE m.body_id = ?`).all(bodyId)
  ) as MemberRow[];
  return rows
    .map(toMember)
    .sort(
      (a, b) =>
        ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || svCollator.compare(a.personName, b.personName),
    );
}

export function getMember(ctx: Ctx, id: number): Member {
  const row = ctx.db.prepare(`${MEMBER_SELECT} WHERE m.id = ?`).get(id) as MemberRow | undefined;
  if (!row) throw notFound('member', id);
  return toMember(row);
}

function checkMember(ctx: Ctx, fields: MemberInput): void {
  getBody(ctx, fields.bodyId);
  if (!ctx.db.prepare('SELECT 1 FROM person WHERE id = ?').get(fields.personId)) {
    throw fieldError('personId', 'unknown_person', `Person ${fields.personId} does not exist`);
  }
  if (fields.substituteForId !== null) {
    if (fields.substituteForId === fields.personId) {
      throw fieldError('substituteForId', 'substitute_self', 'A substitute cannot stand in for themselves');
    }
    if (!ctx.db.prepare('SELECT 1 FROM person WHERE id = ?').get(fields.substituteForId)) {
      throw fieldError('substituteForId', 'unknown_person', `Person ${fields.substituteForId} does not exist`);
    }
  }
  if (fields.role !== 'ersattare' && fields.substituteForId !== null) {
    throw fieldError('substituteForId', 'substitute_needs_role', 'Only an ersättare stands in for someone');
  }
}

export function addMember(ctx: Ctx, fields: MemberInput): Member {
  return write(ctx, (record) => {
    checkMember(ctx, fields);
    const { lastInsertRowid } = ctx.db
      .prepare(
        'INSERT INTO body_member (body_id, person_id, role, valid_from, valid_to, substitute_for_id) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(fields.bodyId, fields.personId, fields.role, fields.from, fields.to, fields.substituteForId);
    const created = getMember(ctx, Number(lastInsertRowid));
    record({ action: 'create', entity: 'body_member', entityId: created.id, after: created });
    record({ action: 'add_member', entity: 'body', entityId: created.bodyId, after: created });
    return created;
  });
}

export function updateMember(ctx: Ctx, id: number, fields: MemberInput): Member {
  return write(ctx, (record) => {
    const before = getMember(ctx, id);
    checkMember(ctx, fields);
    ctx.db
      .prepare(
        'UPDATE body_member SET body_id = ?, person_id = ?, role = ?, valid_from = ?, valid_to = ?, substitute_for_id = ? WHERE id = ?',
      )
      .run(fields.bodyId, fields.personId, fields.role, fields.from, fields.to, fields.substituteForId, id);
    const after = getMember(ctx, id);
    record({ action: 'update', entity: 'body_member', entityId: id, before, after });
    return after;
  });
}

export function removeMember(ctx: Ctx, id: number): { id: number } {
  return write(ctx, (record) => {
    const before = getMember(ctx, id);
    ctx.db.prepare('DELETE FROM body_member WHERE id = ?').run(id);
    record({ action: 'delete', entity: 'body_member', entityId: id, before });
    record({ action: 'remove_member', entity: 'body', entityId: before.bodyId, before });
    return { id };
  });
}
