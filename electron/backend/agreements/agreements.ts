import type { z } from 'zod';
import type { Ctx } from '../context';
import { today } from '../session/time-zone';
import { write } from '../audit/log';
import { notFound } from '../../../shared/errors';
import { getSetting, putSetting } from '../session/settings';
import {
  AGREEMENT_VERSIONS,
  type AgreementDetail,
  type AgreementSummary,
  type AgreementsOverview,
  type VersionSummary,
  type versionFields,
} from '../../../shared/contract/agreements';
import { listVersions } from './read';
import { insertVersion } from './versions';
import { daysBetween } from './period';
import { sortByName } from '../../../shared/text/collate';
import { sortKeySql } from '../participants/name-order';
import { keysetPage, mapPage } from '../paging';
import type { Page } from '../../../shared/contract/paging';

const WARNING_DAYS_SETTING = 'agreements.warning_days';
export const DEFAULT_WARNING_DAYS = 120;

export function getAgreementSettings(ctx: Ctx): { warningDays: number } {
  const stored = getSetting(ctx.db, WARNING_DAYS_SETTING);
  const value = stored === null ? NaN : Number(stored);
  return { warningDays: Number.isInteger(value) && value >= 0 ? value : DEFAULT_WARNING_DAYS };
}

export function updateAgreementSettings(ctx: Ctx, warningDays: number): { warningDays: number } {
  putSetting(ctx.db, WARNING_DAYS_SETTING, String(warningDays));
  ctx.emit('data.changed', { entity: 'agreement' });
  return getAgreementSettings(ctx);
}

interface AgreementRow {
  id: number;
  name: string;
  created_at: string;
  updated_at: string;
}

/** Where the agreement stands today: the version in force, days left, what comes next. */
function summarise(row: AgreementRow, versions: VersionSummary[], on: string, warningDays: number): AgreementSummary {
  const inForce = versions.find((v) => v.inForce) ?? null;
  const daysLeft = inForce ? daysBetween(on, inForce.validTo) : null;
  const after = (v: VersionSummary) => (inForce ? v.validFrom > inForce.validFrom : v.validTo >= on);
  const signedFollower = versions.some((v) => v.storedStatus === 'signed' && after(v) && v.id !== inForce?.id);
  const pending = versions.filter((v) => v.storedStatus !== 'signed' && after(v));
  const latest = versions.length
    ? [...versions].sort((a, b) => b.validFrom.localeCompare(a.validFrom) || b.id - a.id)[0]
    : null;
  return {
    id: row.id,
    name: row.name,
    versionCount: versions.length,
    inForce,
    daysLeft,
    endingSoon: daysLeft !== null && daysLeft <= warningDays && !signedFollower,
    latest,
    pendingRenewal: pending.find((v) => v.predecessorId === inForce?.id) ?? pending[0] ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listAgreements(ctx: Ctx): AgreementSummary[] {
  const on = today(ctx);
  const { warningDays } = getAgreementSettings(ctx);
  const versions = listVersions(ctx);
  const rows = sortByName(ctx.db.prepare('SELECT * FROM agreement ORDER BY id').all() as AgreementRow[], (r) => r.name);
  return rows.map((row) =>
    summarise(
      row,
      versions.filter((v) => v.agreementId === row.id),
      on,
      warningDays,
    ),
  );
}

/** The agreements by name (Swedish order), a page at a time, each summarised from its own versions. */
export function pageAgreements(
  ctx: Ctx,
  filter: { limit: number; after: Array<string | number> | null },
): Page<AgreementSummary> {
  const on = today(ctx);
  const { warningDays } = getAgreementSettings(ctx);
  const rows = keysetPage<AgreementRow>(ctx.db, {
    select: 'a.*',
    from: 'agreement a',
    countFrom: 'agreement a',
    where: [],
    params: {},
    key: [sortKeySql('a.name'), 'a.id'],
    direction: 'asc',
    limit: filter.limit,
    after: filter.after,
  });
  return mapPage(rows, (row) => summarise(row, listVersions(ctx, row.id), on, warningDays));
}

export function agreementsOverview(
  ctx: Ctx,
  filter: { limit: number; after: Array<string | number> | null },
): AgreementsOverview {
  return {
    today: today(ctx),
    warningDays: getAgreementSettings(ctx).warningDays,
    agreements: pageAgreements(ctx, filter),
  };
}

export function getAgreement(ctx: Ctx, id: number): AgreementDetail {
  const row = ctx.db.prepare('SELECT * FROM agreement WHERE id = ?').get(id) as AgreementRow | undefined;
  if (!row) throw notFound('agreement', id);
  // the summary weighs every version (what is in force, what follows it); the answer carries the newest
  const versions = listVersions(ctx, id);
  return {
    ...summarise(row, versions, today(ctx), getAgreementSettings(ctx).warningDays),
    versions: versions.slice(-AGREEMENT_VERSIONS),
  };
}

export function createAgreement(ctx: Ctx, name: string, version: z.output<typeof versionFields>): AgreementDetail {
  return write(ctx, (record) => {
    const now = ctx.clock.now().toISOString();
    const { lastInsertRowid } = ctx.db
      .prepare('INSERT INTO agreement (name, created_at, updated_at) VALUES (?, ?, ?)')
      .run(name, now, now);
    const id = Number(lastInsertRowid);
    record({ action: 'create', entity: 'agreement', entityId: id, after: { id, name } });
    const versionId = insertVersion(ctx, id, version, null);
    record({
      action: 'create',
      entity: 'agreement_version',
      entityId: versionId,
      after: { agreementId: id, ...version },
    });
    return getAgreement(ctx, id);
  });
}

export function renameAgreement(ctx: Ctx, id: number, name: string): AgreementDetail {
  return write(ctx, (record) => {
    const before = getAgreement(ctx, id);
    ctx.db
      .prepare('UPDATE agreement SET name = ?, updated_at = ? WHERE id = ?')
      .run(name, ctx.clock.now().toISOString(), id);
    record({ action: 'rename', entity: 'agreement', entityId: id, before: { name: before.name }, after: { name } });
    return getAgreement(ctx, id);
  });
}
