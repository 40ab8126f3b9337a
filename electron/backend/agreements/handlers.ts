import type { HandlerMap } from '../handler';
import type { Ctx } from '../context';
import type { VersionDetail } from '../../../shared/contract/agreements';
import { answeredAfterSealing } from '../records/pending-seal';
import type { Method } from '../../../shared/contract';
import {
  agreementsOverview,
  createAgreement,
  getAgreement,
  getAgreementSettings,
  pageAgreements,
  renameAgreement,
  updateAgreementSettings,
} from './agreements';
import { createVersion, deleteVersion, renewVersion, updateVersion } from './versions';
import { getVersion, getVersionSummary, pageVersions } from './read';
import { followingPeriod } from './period';
import { staleDates } from './stale-dates';
import { rostersEndingOn } from '../participants/mandates';
import {
  addParty,
  addPriority,
  addSection,
  removeParty,
  removePriority,
  removeSection,
  reorderParties,
  reorderPriorities,
  reorderSections,
  updateParty,
  updatePriority,
  updateSection,
} from './content';
import { recordSigning, sendForSigning, withdrawFromSigning } from './party-signatures';
import { exportVersionForSigning, importAgreementSignedCopy, signVersionHere } from './digital-signing';
import { decodeBase64File } from '../signing/verify-docx';
import { compareVersions } from './redline';
import { exportForUser } from '../export/pipeline';
// registers the agreement rules' SQL trigger keys with the error translator
import './errors';

type AgreementMethod = Extract<Method, `agreements.${string}`>;

/** A signing's answer, read anew once the seal it may have left waiting has been asked for. */
const afterSealing = (ctx: Ctx, answer: VersionDetail) =>
  answeredAfterSealing(ctx, answer, (a) => getVersion(ctx, a.id));

export const agreementsHandlers: HandlerMap<AgreementMethod> = {
  'agreements.overview': (ctx, i) => agreementsOverview(ctx, i),
  'agreements.list': (ctx, i) => pageAgreements(ctx, i),
  'agreements.get': (ctx, i) => getAgreement(ctx, i.id),
  'agreements.create': (ctx, i) => createAgreement(ctx, i.name, i.version),
  'agreements.rename': (ctx, i) => renameAgreement(ctx, i.id, i.name),
  'agreements.settings': (ctx) => getAgreementSettings(ctx),
  'agreements.updateSettings': (ctx, i) => updateAgreementSettings(ctx, i.warningDays),
  'agreements.versions.list': (ctx, i) => pageVersions(ctx, i),
  'agreements.versions.get': (ctx, i) => getVersion(ctx, i.id),
  'agreements.versions.create': (ctx, i) => createVersion(ctx, i.agreementId, i.fields, i.predecessorId),
  'agreements.versions.update': (ctx, i) => updateVersion(ctx, i.id, i.fields),
  'agreements.versions.renew': (ctx, i) =>
    renewVersion(
      ctx,
      i.id,
      i.validFrom && i.validTo ? { validFrom: i.validFrom, validTo: i.validTo } : undefined,
      i.extendMandates,
    ),
  'agreements.versions.nextPeriod': (ctx, i) => {
    const v = getVersionSummary(ctx, i.id);
    const next = followingPeriod(v.validFrom, v.validTo);
    return { validFrom: next.from, validTo: next.to, rosters: rostersEndingOn(ctx, v.validTo) };
  },
  'agreements.versions.staleDates': (ctx, i) => staleDates(ctx, i.id),
  'agreements.versions.delete': (ctx, i) => deleteVersion(ctx, i.id),
  'agreements.parties.add': (ctx, i) => addParty(ctx, i.versionId, i.fields),
  'agreements.parties.update': (ctx, i) => updateParty(ctx, i.id, i.fields),
  'agreements.parties.remove': (ctx, i) => removeParty(ctx, i.id),
  'agreements.parties.reorder': (ctx, i) => reorderParties(ctx, i.versionId, i.ids),
  'agreements.sections.add': (ctx, i) => addSection(ctx, i.versionId, i.fields, i.afterId),
  'agreements.sections.update': (ctx, i) => updateSection(ctx, i.id, i.fields),
  'agreements.sections.remove': (ctx, i) => removeSection(ctx, i.id),
  'agreements.sections.reorder': (ctx, i) => reorderSections(ctx, i.versionId, i.ids),
  'agreements.priorities.add': (ctx, i) => addPriority(ctx, i.versionId, i.fields),
  'agreements.priorities.update': (ctx, i) => updatePriority(ctx, i.id, i.fields),
  'agreements.priorities.remove': (ctx, i) => removePriority(ctx, i.id),
  'agreements.priorities.reorder': (ctx, i) => reorderPriorities(ctx, i.versionId, i.ids),
  'agreements.signing.send': (ctx, i) => sendForSigning(ctx, i.versionId),
  'agreements.signing.record': (ctx, i) => afterSealing(ctx, recordSigning(ctx, i)),
  'agreements.signing.withdraw': (ctx, i) => withdrawFromSigning(ctx, i.versionId),
  'agreements.signing.signDigitally': async (ctx, i) => afterSealing(ctx, await signVersionHere(ctx, i)),
  'agreements.signing.exportForSigning': (ctx, i) => {
    const document = exportVersionForSigning(ctx, i.versionId);
    return {
      fileName: document.fileName,
      base64: Buffer.from(document.bytes).toString('base64'),
      sha256: document.sha256,
    };
  },
  'agreements.signing.importSignedCopy': async (ctx, i) => {
    const imported = importAgreementSignedCopy(ctx, {
      bytes: decodeBase64File(i.fileBase64),
      confirmPersonId: i.confirmPersonId,
      place: i.place,
      versionId: i.versionId,
    });
    return { ...imported, version: await afterSealing(ctx, imported.version) };
  },
  'agreements.compare': (ctx, i) => compareVersions(ctx, i.fromId, i.toId, i.lang),
  'agreements.compareDocx': (ctx, i) =>
    exportForUser(ctx, { source: { kind: 'redline', fromId: i.fromId, toId: i.toId }, lang: i.lang, sign: false }),
  'agreements.exportDocx': (ctx, i) =>
    exportForUser(ctx, {
      source: { kind: 'agreement', versionId: i.versionId },
      lang: i.lang,
      sign: i.sign,
      withoutTimestamp: i.withoutTimestamp,
    }),
};
