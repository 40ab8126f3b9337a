import type { Ctx } from '../context';
import { createOrganisation } from '../participants/organisations';
import { createPerson } from '../participants/people';
import { addMember, createBody } from '../participants/bodies';
import type { ExampleRefs } from './refs';
import { nameKey } from '../../../shared/text/collate';
import data from '../../../resources/example/sodertalje-2016.json';

type OrgKind = 'kommun' | 'polis' | 'raddningstjanst' | 'annan';
type BodyKind = 'chefssamrad' | 'lagesmote' | 'arbetsgrupp' | 'annat';
type Role = 'ordforande' | 'vice_ordforande' | 'ledamot' | 'ersattare' | 'sekreterare' | 'adjungerad';

function existingId(ctx: Ctx, table: 'organisation' | 'person' | 'body', name: string): number | null {
  const rows = ctx.db.prepare(`SELECT id, name FROM ${table}`).all() as Array<{ id: number; name: string }>;
  return rows.find((row) => nameKey(row.name) === nameKey(name))?.id ?? null;
}

/**
 * The three parties, the municipal functions, the three named chiefs, Chefssamrådet and the
 * fixed meetings. A record that already exists (same name, any case) is used as it is and
 * never changed; only what is missing is added, including a missing seat in a body.
 */
export function loadParticipants(ctx: Ctx, refs: ExampleRefs): void {
  for (const o of data.organisations) {
    refs.organisations[o.key] =
      existingId(ctx, 'organisation', o.name) ??
      createOrganisation(ctx, {
        name: o.name,
        kind: o.kind as OrgKind,
        shortName: o.shortName ?? null,
        parentId: o.parent ? refs.organisations[o.parent] : null,
      }).id;
  }
  for (const p of data.people) {
    refs.people[p.key] =
      existingId(ctx, 'person', p.name) ??
      createPerson(ctx, {
        name: p.name,
        title: p.title,
        organisationId: refs.organisations[p.organisation],
        email: null,
        phone: p.phone,
        activeFrom: p.activeFrom,
        activeTo: null,
      }).id;
  }
  for (const b of data.bodies) {
    refs.bodies[b.key] =
      existingId(ctx, 'body', b.name) ??
      createBody(ctx, { name: b.name, kind: b.kind as BodyKind, description: b.description, recordLanguage: 'sv' }).id;
    for (const m of b.members) {
      const bodyId = refs.bodies[b.key];
      const personId = refs.people[m.person];
      // a membership is missing only when the person has no seat in the body at all during the period
      if (servesDuring(ctx, bodyId, personId, m.from, m.to)) continue;
      addMember(ctx, { bodyId, personId, role: m.role as Role, from: m.from, to: m.to, substituteForId: null });
    }
  }
}

function servesDuring(ctx: Ctx, bodyId: number, personId: number, from: string, to: string | null): boolean {
  return Boolean(
    ctx.db
      .prepare(
        `SELECT 1 FROM body_member WHERE body_id = ? AND person_id = ?
           AND valid_from <= coalesce(?, '9999-12-31') AND coalesce(valid_to, '9999-12-31') >= ?`,
      )
      .get(bodyId, personId, to, from),
  );
}
