import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { chefssamrad } from '../../../test/support/meetings';
import { allowedActions, expectCallMatches } from '../../../test/support/capabilities';
import type { Meeting, Paragraph, Protocol } from '../../../shared/contract/meetings';
import type { Method } from '../../../shared/contract';

/**
 * The flags the contract returns (`can`) against the calls they stand for: in every state of the
 * meeting and protocol state machine, an action the flag refuses is refused by the call with the
 * flag's reason, and one it allows goes through. Each call is tried inside a savepoint that is
 * rolled back, so every action meets the state as it was built.
 */

/**
 * Each state in a database of its own: § numbers run on through a body's year, so a § fixed in
 * one meeting would make adding a § to an earlier one a numbering question, not a state one.
 */
interface Built {
  b: TestBackend;
  f: Awaited<ReturnType<typeof chefssamrad>>;
  meetingId: number;
  /** someone not on the attendance list */
  outsider: number;
}

/** A § with its decision written and "finished" ticked, through the contract. */
async function finish(b: TestBackend, p: Paragraph) {
  const { kind, title, dnr, background, notes, distribution, priorityId, carryOver } = p;
  await b.call('protocol.updateParagraph', {
    id: p.id,
    fields: {
      kind,
      title,
      dnr,
      background,
      notes,
      distribution,
      priorityId,
      carryOver,
      decision: 'Noteras.',
      finished: true,
    },
  });
}

const BUILD: Record<string, (b: TestBackend, f: Built['f'], m: Meeting) => Promise<void>> = {
  'planned, no protocol': async () => {},
  cancelled: async (b, _f, m) => {
    await b.call('meetings.cancel', { id: m.id, reason: null });
  },
  'draft, §§ unfinished': async (b, _f, m) => {
    await b.call('protocol.create', { meetingId: m.id });
  },
  'draft, every § finished': async (b, _f, m) => {
    for (const p of (await b.call('protocol.create', { meetingId: m.id })).paragraphs) await finish(b, p);
  },
  'draft, one § attested at once': async (b, f, m) => {
    const urgent = (await b.call('protocol.create', { meetingId: m.id })).paragraphs[4];
    await finish(b, urgent);
    for (const personId of [f.broo.id, f.nylind.id])
      await b.call('protocol.attestParagraph', { paragraphId: urgent.id, personId, date: m.date });
  },
  'ready for attestation': async (b, f, m) => {
    await b.call('protocol.create', { meetingId: m.id });
    await f.finishAndSubmit(m.id);
  },
  attested: async (b, f, m) => {
    await b.call('protocol.create', { meetingId: m.id });
    await f.attestAll(m.id, '2017-03-28');
  },
};
const STATES = Object.keys(BUILD);

async function build(state: string): Promise<Built> {
  const b = await testBackend('2017-04-01T09:00:00Z');
  const f = await chefssamrad(b);
  const outsider = await b.call('people.create', { name: 'Gunnel Gäst', organisationId: f.kommun.id });
  const m = await f.meeting('2017-03-14');
  await BUILD[state](b, f, m);
  return { b, f, meetingId: m.id, outsider: outsider.id };
}

function meetingCalls({ outsider }: Built, m: Meeting): Record<keyof Meeting['can'], [Method, unknown]> {
  return {
    edit: [
      'meetings.update',
      {
        id: m.id,
        fields: {
          bodyId: m.bodyId,
          date: m.date,
          startTime: m.startTime,
          endTime: m.endTime,
          place: 'Kommunhuset',
          chairId: m.chair?.id ?? null,
          secretaryId: m.secretary?.id ?? null,
          justerareIds: m.justerare.map((j) => j.id),
          notes: m.notes,
        },
      },
    ],
    editAgenda: ['agenda.add', { meetingId: m.id, fields: { kind: 'information', title: 'Rapport' } }],
    editAttendance: ['attendance.add', { meetingId: m.id, personId: outsider, fields: { role: 'ovrig' } }],
    cancel: ['meetings.cancel', { id: m.id, cancelled: true, reason: null }],
    reinstate: ['meetings.cancel', { id: m.id, cancelled: false }],
    remove: ['meetings.remove', { id: m.id }],
    startProtocol: ['protocol.create', { meetingId: m.id }],
  };
}

function protocolCalls({ f }: Built, m: Meeting, p: Protocol): Record<keyof Protocol['can'], [Method, unknown]> {
  return {
    edit: ['protocol.addParagraph', { meetingId: m.id, fields: { title: 'Extra ärende' } }],
    reorder: ['protocol.reorderParagraphs', { meetingId: m.id, paragraphIds: p.paragraphs.map((x) => x.id).reverse() }],
    editJustering: ['protocol.setAnnouncement', { meetingId: m.id, announcement: !p.announcement }],
    discard: ['protocol.discard', { meetingId: m.id }],
    submit: ['protocol.submit', { meetingId: m.id }],
    reopen: ['protocol.reopen', { meetingId: m.id }],
    attest: ['protocol.attest', { meetingId: m.id, personId: f.broo.id, date: '2017-03-31' }],
    exportForSigning: ['protocol.exportForSigning', { meetingId: m.id }],
    correct: ['protocol.addCorrection', { meetingId: m.id, paragraphId: null, date: '2017-03-31', text: 'Rättelse.' }],
    sign: ['meetings.exportProtocol', { meetingId: m.id, sign: true }],
  };
}

function paragraphCalls({ f }: Built, m: Meeting, x: Paragraph): Record<keyof Paragraph['can'], [Method, unknown]> {
  const { kind, title, dnr, background, decision, notes, distribution, priorityId, finished, carryOver } = x;
  return {
    edit: [
      'protocol.updateParagraph',
      {
        id: x.id,
        fields: { kind, title, dnr, background, decision, notes, distribution, priorityId, finished, carryOver },
      },
    ],
    remove: ['protocol.removeParagraph', { id: x.id }],
    attestImmediately: ['protocol.attestParagraph', { paragraphId: x.id, personId: f.broo.id, date: '2017-03-31' }],
    correct: ['protocol.addCorrection', { meetingId: m.id, paragraphId: x.id, date: '2017-03-31', text: 'Rättelse.' }],
    sign: ['meetings.exportExtract', { paragraphId: x.id, sign: true }],
  };
}

describe.each(STATES)('%s', (state) => {
  let built: Built;
  beforeAll(async () => {
    built = await build(state);
  }, 60_000);
  afterAll(() => built.b.cleanup());

  it('every meeting flag says what the call does', async () => {
    const { b, meetingId } = built;
    const m = await b.call('meetings.get', { id: meetingId });
    for (const [action, [method, input]] of Object.entries(meetingCalls(built, m)))
      await expectCallMatches(b, m.can[action as keyof Meeting['can']], method, input);
    // a listed meeting carries the same flags as the meeting on its own
    const listed = (await b.call('meetings.list', { includeCancelled: true })).items.find((x) => x.id === m.id);
    expect(listed?.can).toEqual(m.can);
  });

  it('every protocol and § flag says what the call does', async () => {
    const { b, meetingId } = built;
    const m = await b.call('meetings.get', { id: meetingId });
    const p = await b.call('protocol.get', { meetingId });
    if (!p) {
      expect(m.protocolStatus).toBeNull();
      return;
    }
    for (const [action, [method, input]] of Object.entries(protocolCalls(built, m, p)))
      await expectCallMatches(b, p.can[action as keyof Protocol['can']], method, input, { sign: action === 'sign' });
    // an open § and, where there is one, an attested one
    const probed = [p.paragraphs.find((x) => !x.locked), p.paragraphs.find((x) => x.locked)].filter(
      (x) => x !== undefined,
    );
    expect(probed.length).toBeGreaterThan(0);
    for (const x of probed) {
      for (const [action, [method, input]] of Object.entries(paragraphCalls(built, m, x)))
        await expectCallMatches(b, x.can[action as keyof Paragraph['can']], method, input, {
          sign: action === 'sign',
        });
    }
  });

  it('allows what the state machine allows', async () => {
    const { b, meetingId } = built;
    const m = await b.call('meetings.get', { id: meetingId });
    const p = await b.call('protocol.get', { meetingId });
    expect({ meeting: allowedActions(m.can), protocol: p ? allowedActions(p.can) : null }).toEqual(EXPECTED[state]);
  });
});

const EXPECTED: Record<string, { meeting: string[]; protocol: string[] | null }> = {
  'planned, no protocol': {
    meeting: ['cancel', 'edit', 'editAgenda', 'editAttendance', 'remove', 'startProtocol'],
    protocol: null,
  },
  cancelled: { meeting: ['reinstate', 'remove'], protocol: null },
  'draft, §§ unfinished': {
    meeting: ['edit', 'editAgenda', 'editAttendance'],
    protocol: ['discard', 'edit', 'editJustering', 'reorder'],
  },
  'draft, every § finished': {
    meeting: ['edit', 'editAgenda', 'editAttendance'],
    protocol: ['discard', 'edit', 'editJustering', 'reorder', 'submit'],
  },
  'draft, one § attested at once': { meeting: ['editAgenda'], protocol: ['edit', 'editJustering'] },
  'ready for attestation': {
    meeting: ['editAgenda'],
    protocol: ['attest', 'editJustering', 'exportForSigning', 'reopen'],
  },
  attested: { meeting: [], protocol: ['correct', 'sign'] },
};

describe('reasons', () => {
  let built: Built;
  afterAll(() => built.b.cleanup());

  it('a refusal carries its message key and parameters', async () => {
    built = await build('draft, §§ unfinished');
    const { b, meetingId } = built;
    const p = (await b.call('protocol.get', { meetingId }))!;
    expect(p.can.submit).toEqual({
      allowed: false,
      reason: 'meetings.reasons.unfinished_paragraphs',
      params: { paragraphs: expect.stringMatching(/^§ \d+(, § \d+)*$/), count: p.paragraphs.length },
    });
    const m = await b.call('meetings.get', { id: meetingId });
    expect(m.can.startProtocol).toEqual({ allowed: false, reason: 'meetings.reasons.protocol_exists' });
  });
});
