import crypto from 'node:crypto';
import type { Ctx } from '../context';
import { getVersion } from './read';

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

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
    parties: v.parties.map((p) => ({ organisation: p.organisationName, signatory: { name: p.signatoryName, title: p.signatoryTitle } })),
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
  return crypto.createHash('sha256').update(canonicalContent(ctx, versionId), 'utf8').digest('hex');
}
