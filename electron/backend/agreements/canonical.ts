import type { Ctx } from '../context';
import { canonicalJson, sha256Text } from '../records/canonical-json';
import { getVersion } from './read';

/**
 * What the parties put their names to: title, dnr, period, parties with their signatories,
 * sections (heading and structured text, in order) and priorities (in order). Internal ids,
 * keys, timestamps and the recorded signings themselves are left out, so the hash can be
 * recomputed from the stored version at any time and compared with the one stored at signing.
 */
export function canonicalContent(ctx: Ctx, versionId: number): string {
  const v = getVersion(ctx, versionId);
  return canonicalJson({
    format: 'samrad-agreement-version/1',
    title: v.title,
    dnr: v.dnr,
    validFrom: v.validFrom,
    validTo: v.validTo,
    parties: v.parties.map((p) => ({
      organisation: p.organisationName,
      signatory: { name: p.signatoryName, title: p.signatoryTitle },
    })),
    sections: v.sections.map((s) => ({ heading: s.heading, body: s.body })),
    priorities: v.priorities.map((p) => ({
      title: p.title,
      description: p.description,
      source: p.source,
      sourceDate: p.sourceDate,
      responsible: p.responsible.map((r) => r.organisationName),
    })),
  });
}

export function contentHash(ctx: Ctx, versionId: number): string {
  return sha256Text(canonicalContent(ctx, versionId));
}
