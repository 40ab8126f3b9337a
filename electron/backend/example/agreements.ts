import type { Ctx } from '../context';
import type { RichTextDoc, BlockNode, ParagraphNode } from '../../../shared/richtext';
import { createPerson } from '../participants/people';
import { createAgreement } from '../agreements/agreements';
import { createVersion } from '../agreements/versions';
import { addParty, addPriority, addSection } from '../agreements/content';
import { recordSigning, sendForSigning } from '../agreements/party-signatures';
import { nameKey } from '../../../shared/text/collate';
import { withPeriodFields } from '../../../shared/period-dates';
import type { ExampleRefs } from './refs';
import data from '../../../resources/example/sodertalje-agreement.json';

/** Compact rich text in the example file: "text", ["text", "b" | "i" | "bi"], { p }, { ul }, { ol }. */
type Inline = string | [string, string];
type Item = string | Inline[];
type Block = string | { p: Inline[] } | { ul: Item[] } | { ol: Item[] };

function paragraph(pieces: Inline[]): ParagraphNode {
  return {
    type: 'paragraph',
    content: pieces.map((piece) => {
      const [text, style] = typeof piece === 'string' ? [piece, ''] : piece;
      const marks = [
        ...(style.includes('b') ? [{ type: 'bold' as const }] : []),
        ...(style.includes('i') ? [{ type: 'italic' as const }] : []),
      ];
      return marks.length ? { type: 'text' as const, text, marks } : { type: 'text' as const, text };
    }),
  };
}

export function richTextFrom(blocks: Block[]): RichTextDoc {
  const block = (b: Block): BlockNode => {
    if (typeof b === 'string') return paragraph([b]);
    if ('p' in b) return paragraph(b.p);
    const items = 'ul' in b ? b.ul : b.ol;
    return {
      type: 'ul' in b ? 'bulletList' : 'orderedList',
      content: items.map((item) => ({
        type: 'listItem' as const,
        content: [paragraph(typeof item === 'string' ? [item] : item)],
      })),
    };
  };
  return { type: 'doc', content: blocks.map(block) };
}

function existingId(ctx: Ctx, table: 'person' | 'agreement', name: string): number | null {
  const rows = ctx.db.prepare(`SELECT id, name FROM ${table}`).all() as Array<{ id: number; name: string }>;
  return rows.find((row) => nameKey(row.name) === nameKey(name))?.id ?? null;
}

/**
 * The Södertälje agreement: the 2014–2016 predecessor and the version signed 2016-12-20 for
 * 2017–2018, with parties, signatories, sections, the five priority areas and the signings.
 * Built through the services, in the order the database rules allow: each version as a draft
 * with its content, then sent for signing, then signed party by party. Skipped when an
 * agreement of the same name already exists.
 */
export function loadAgreements(ctx: Ctx, refs: ExampleRefs): void {
  refs.agreements ??= {};
  refs.agreementVersions ??= {};
  const known = existingId(ctx, 'agreement', data.agreement.name);
  if (known) {
    refs.agreements[data.agreement.key] = known;
    return;
  }
  const people: Record<string, number> = { ...refs.people };
  for (const p of data.placeholderPeople) {
    people[p.key] =
      existingId(ctx, 'person', p.name) ??
      createPerson(ctx, {
        name: p.name,
        title: p.title,
        organisationId: refs.organisations[p.organisation],
        email: null,
        phone: null,
        activeFrom: null,
        activeTo: null,
      }).id;
  }

  let agreementId: number | null = null;
  let predecessorId: number | null = null;
  for (const v of data.versions) {
    const fields = { title: v.title, dnr: v.dnr, validFrom: v.validFrom, validTo: v.validTo };
    let versionId: number;
    if (agreementId === null) {
      const created = createAgreement(ctx, data.agreement.name, fields);
      agreementId = created.id;
      versionId = created.versions[0].id;
    } else {
      versionId = createVersion(ctx, agreementId, fields, predecessorId).id;
    }
    for (const p of v.parties) {
      addParty(ctx, versionId, {
        organisationId: refs.organisations[p.organisation],
        signatoryId: people[p.signatory],
      });
    }
    for (const s of v.sections) {
      // keys shared across versions let the redline match 2014's sections with 2017's
      // the version's own dates in its text are fields, as a secretary would insert them
      const body = withPeriodFields(richTextFrom(s.body as Block[]), fields);
      addSection(ctx, versionId, { heading: s.heading, body }, undefined, `sodertalje-${s.key}`);
    }
    const source = v.prioritySource;
    for (const p of v.priorities) {
      addPriority(ctx, versionId, {
        title: p.title,
        description: p.description,
        source: source.source ?? null,
        sourceDate: source.sourceDate ?? null,
        responsibleIds: p.responsible.map((key) => refs.organisations[key]),
      });
    }
    const sent = sendForSigning(ctx, versionId);
    for (const party of sent.parties) {
      recordSigning(ctx, {
        versionId,
        partyId: party.id,
        name: null,
        title: null,
        organisation: null,
        signedOn: v.signings.signedOn,
        place: v.signings.place,
      });
    }
    refs.agreementVersions[v.key] = versionId;
    predecessorId = versionId;
  }
  refs.agreements[data.agreement.key] = agreementId!;
}
