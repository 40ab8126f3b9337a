import {
  exportForSigning,
  exportParagraphForSigning,
  importSignedCopy,
  signAttestationHere,
  signParagraphHere,
} from './digital-attestation';
import { decodeBase64File } from '../signing/verify-docx';
import type { HandlerMap } from '../handler';
import type { Ctx } from '../context';
import type { Protocol } from '../../../shared/contract/meetings';
import { answeredAfterSealing } from '../records/pending-seal';
import type { Method } from '../../../shared/contract';
import {
  cancelMeeting,
  createMeeting,
  getMeeting,
  listMeetings,
  planSeries,
  removeMeeting,
  updateMeeting,
} from './meetings';
import {
  addAgendaItem,
  applyTemplateToMeeting,
  listAgenda,
  planAgenda,
  removeAgendaItem,
  reorderAgenda,
  updateAgendaItem,
} from './agenda';
import { getTemplate, resetTemplate, setTemplate } from './template';
import { agendaSuggestions, carryOver } from './carry-over';
import { addAttendee, listAttendance, prefill, removeAttendee, updateAttendee } from './attendance';
import {
  addParagraph,
  createProtocol,
  discardProtocol,
  getProtocol,
  requireProtocol,
  removeParagraph,
  reorderParagraphs,
  setAnnouncement,
  setRecusals,
  updateParagraph,
  updateProtocol,
} from './protocol';
import { addCorrection, attestParagraph, attestProtocol, reopenProtocol, submitProtocol } from './justering';
import { pageParagraphs } from './paragraphs';
import { actionStats, addAction, pageActions, removeAction, setActionStatus, updateAction } from './actions';
import { listPriorityOptions } from './priorities';
import { exportForUser } from '../export/pipeline';
import { addAttachment, listAttachments, openAttachment, removeAttachment } from './attachments';

type MeetingsMethod = Extract<
  Method,
  | `actions.${string}`
  | `agenda.${string}`
  | `attachments.${string}`
  | `attendance.${string}`
  | `meetings.${string}`
  | `paragraphs.${string}`
  | `protocol.${string}`
>;

/** A protocol act's answer, read anew once the seal it may have left waiting has been asked for. */
const afterSealing = (ctx: Ctx, answer: Protocol) =>
  answeredAfterSealing(ctx, answer, (a) => requireProtocol(ctx, a.meetingId));

export const meetingsHandlers: HandlerMap<MeetingsMethod> = {
  'meetings.list': (ctx, i) => listMeetings(ctx, i),
  'meetings.get': (ctx, i) => getMeeting(ctx, i.id),
  'meetings.create': (ctx, i) => createMeeting(ctx, i),
  'meetings.planSeries': (ctx, i) => planSeries(ctx, i),
  'meetings.update': (ctx, i) => updateMeeting(ctx, i.id, i.fields),
  'meetings.cancel': (ctx, i) => cancelMeeting(ctx, i.id, i.cancelled, i.reason),
  'meetings.remove': (ctx, i) => removeMeeting(ctx, i.id),
  'meetings.priorities': (ctx, i) => listPriorityOptions(ctx, i.on),

  'agenda.list': (ctx, i) => listAgenda(ctx, i.meetingId),
  'agenda.plan': (ctx, i) => planAgenda(ctx, i.meetingId),
  'agenda.add': (ctx, i) => addAgendaItem(ctx, i.meetingId, i.fields, i.position),
  'agenda.update': (ctx, i) => updateAgendaItem(ctx, i.id, i.fields),
  'agenda.remove': (ctx, i) => removeAgendaItem(ctx, i.id),
  'agenda.reorder': (ctx, i) => reorderAgenda(ctx, i.meetingId, i.itemIds),
  'agenda.suggestions': (ctx, i) => agendaSuggestions(ctx, i.meetingId),
  'agenda.carryOver': (ctx, i) => carryOver(ctx, i.meetingId, i.paragraphIds, i.actionIds),
  'agenda.applyTemplate': (ctx, i) => applyTemplateToMeeting(ctx, i.meetingId),
  'agenda.template': (ctx, i) => getTemplate(ctx, i.bodyId),
  'agenda.setTemplate': (ctx, i) => setTemplate(ctx, i.bodyId, i.items),
  'agenda.resetTemplate': (ctx, i) => resetTemplate(ctx, i.bodyId),

  'attendance.list': (ctx, i) => listAttendance(ctx, i.meetingId),
  'attendance.prefill': (ctx, i) => prefill(ctx, i.meetingId),
  'attendance.add': (ctx, i) => addAttendee(ctx, i.meetingId, i.personId, i.fields),
  'attendance.update': (ctx, i) => updateAttendee(ctx, i.id, i.fields),
  'attendance.remove': (ctx, i) => removeAttendee(ctx, i.id),

  'protocol.get': (ctx, i) => getProtocol(ctx, i.meetingId),
  'protocol.create': (ctx, i) => createProtocol(ctx, i.meetingId),
  'protocol.discard': (ctx, i) => discardProtocol(ctx, i.meetingId),
  'protocol.update': (ctx, i) => updateProtocol(ctx, i.meetingId, i.attestationPlace, i.attestationDate),
  'protocol.setAnnouncement': (ctx, i) => setAnnouncement(ctx, i.meetingId, i.announcement),
  'protocol.addParagraph': (ctx, i) => addParagraph(ctx, i.meetingId, i.fields, i.position),
  'protocol.updateParagraph': (ctx, i) => updateParagraph(ctx, i.id, i.fields),
  'protocol.removeParagraph': (ctx, i) => removeParagraph(ctx, i.id),
  'protocol.reorderParagraphs': (ctx, i) => reorderParagraphs(ctx, i.meetingId, i.paragraphIds),
  'protocol.setRecusals': (ctx, i) => setRecusals(ctx, i.paragraphId, i.personIds),
  'protocol.submit': (ctx, i) => submitProtocol(ctx, i.meetingId),
  'protocol.reopen': (ctx, i) => reopenProtocol(ctx, i.meetingId),
  'protocol.attest': (ctx, i) => afterSealing(ctx, attestProtocol(ctx, i.meetingId, i.personId, i.date, i.place)),
  'protocol.attestParagraph': (ctx, i) =>
    afterSealing(ctx, attestParagraph(ctx, i.paragraphId, i.personId, i.date, i.place)),
  'protocol.signAttestation': async (ctx, i) => afterSealing(ctx, await signAttestationHere(ctx, i)),
  'protocol.exportForSigning': (ctx, i) => {
    const document = exportForSigning(ctx, i.meetingId);
    return {
      fileName: document.fileName,
      base64: Buffer.from(document.bytes).toString('base64'),
      sha256: document.sha256,
    };
  },
  'protocol.signParagraph': async (ctx, i) => afterSealing(ctx, await signParagraphHere(ctx, i)),
  'protocol.exportParagraphForSigning': (ctx, i) => {
    const document = exportParagraphForSigning(ctx, i.paragraphId);
    return {
      fileName: document.fileName,
      base64: Buffer.from(document.bytes).toString('base64'),
      sha256: document.sha256,
    };
  },
  'protocol.importSignedCopy': async (ctx, i) => {
    const imported = importSignedCopy(ctx, {
      bytes: decodeBase64File(i.fileBase64),
      confirmPersonId: i.confirmPersonId,
      place: i.place,
    });
    return { ...imported, protocol: await afterSealing(ctx, imported.protocol) };
  },
  'protocol.addCorrection': (ctx, i) => addCorrection(ctx, i.meetingId, i.paragraphId, i.date, i.text),

  'paragraphs.list': (ctx, i) => pageParagraphs(ctx, i),

  'attachments.list': (ctx, i) => listAttachments(ctx, i),
  'attachments.add': (ctx, i) => addAttachment(ctx, i.target, i.fileName, i.fileBase64),
  'attachments.open': (ctx, i) => openAttachment(ctx, i.id),
  'attachments.remove': (ctx, i) => removeAttachment(ctx, i.id),

  'actions.list': (ctx, i) => pageActions(ctx, i),
  'actions.add': (ctx, i) => addAction(ctx, i.paragraphId, i.fields),
  'actions.update': (ctx, i) => updateAction(ctx, i.id, i.fields),
  'actions.setStatus': (ctx, i) => setActionStatus(ctx, i.id, i.status, i.doneOn),
  'actions.remove': (ctx, i) => removeAction(ctx, i.id),
  'actions.stats': (ctx, i) => actionStats(ctx, i.bodyId),

  'meetings.exportProtocol': (ctx, i) =>
    exportForUser(ctx, {
      source: { kind: 'protocol', meetingId: i.meetingId },
      lang: i.lang,
      sign: i.sign,
      withoutTimestamp: i.withoutTimestamp,
      withAttachments: i.withAttachments,
    }),
  'meetings.exportExtract': (ctx, i) =>
    exportForUser(ctx, {
      source: { kind: 'extract', paragraphId: i.paragraphId },
      lang: i.lang,
      sign: i.sign,
      withoutTimestamp: i.withoutTimestamp,
      withAttachments: i.withAttachments,
    }),
  'meetings.exportAgenda': (ctx, i) =>
    exportForUser(ctx, {
      source: { kind: 'agenda', meetingId: i.meetingId },
      lang: i.lang,
      sign: false,
      withAttachments: i.withAttachments,
    }),
  'meetings.exportCorrection': (ctx, i) =>
    exportForUser(ctx, {
      source: { kind: 'correction', correctionId: i.correctionId },
      lang: i.lang,
      sign: i.sign,
      withoutTimestamp: i.withoutTimestamp,
    }),
};
