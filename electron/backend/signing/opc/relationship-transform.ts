import { OPC, type Relationship } from './package';

export const RELATIONSHIP_TRANSFORM = 'http://schemas.openxmlformats.org/package/2006/RelationshipTransform';

/** Which relationships of a `.rels` part a reference covers: by Id and/or by Type. */
export interface RelationshipSelection {
  sourceIds: string[];
  sourceTypes: string[];
}

function c14nAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/**
 * ECMA-376 Part 2 §13.2.4.24 followed by inclusive C14N: keep the selected relationships,
 * keep only Id/Type/Target/TargetMode (TargetMode defaults to Internal), sort by Id, and
 * write the canonical form. Attributes are in C14N order (Id, Target, TargetMode, Type).
 */
export function relationshipTransform(relationships: Relationship[], selection: RelationshipSelection): string {
  const selected = relationships
    .filter((r) => selection.sourceIds.includes(r.id) || selection.sourceTypes.includes(r.type))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const items = selected.map(
    (r) =>
      `<Relationship Id="${c14nAttr(r.id)}" Target="${c14nAttr(r.target)}" TargetMode="${r.targetMode}" Type="${c14nAttr(r.type)}"></Relationship>`,
  );
  return `<Relationships xmlns="${OPC.relationshipsNs}">${items.join('')}</Relationships>`;
}
