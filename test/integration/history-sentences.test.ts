import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { Sentence } from '../../shared/contract/common';
import { testBackend, type TestBackend } from '../support/backend';
import { translator } from '../support/i18n';
import { translateSentence } from '../../renderer/components/history/sentence';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../electron/backend/audit/actions';
import { describeEvent } from '../../electron/backend/audit/describe';
import { FIELDS, type FieldKind } from '../../electron/backend/audit/describe-fields';

const t: Record<'sv' | 'en', TFunction> = {} as never;
beforeAll(async () => {
  t.sv = await translator('sv');
  t.en = await translator('en');
});

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

/** The sentence exists in both languages, and every value it names is given. */
function expectTranslated(sentence: Sentence) {
  for (const lang of ['sv', 'en'] as const) {
    const template = t[lang](sentence.key, { interpolation: { skipOnVariables: true }, defaultValue: '' });
    expect(template, `${lang}: ${sentence.key}`).not.toBe('');
    expect(template, `${lang}: ${sentence.key}`).not.toBe(sentence.key);
    for (const name of placeholders(template)) expect(sentence.params, `${lang}: ${sentence.key}`).toHaveProperty(name);
    for (const param of Object.values(sentence.params))
      if ('key' in param) expect(t[lang](param.key), `${lang}: ${param.key}`).not.toBe(param.key);
  }
}

const event = (action: string, entity: string, before: unknown = null, after: unknown = null) => ({
  actor: 'Camilla Broo',
  action,
  entity,
  before,
  after,
  changes: [],
});

describe('every audited action reads as a sentence', () => {
  it('has its own sentence, in Swedish and English, for every action on every kind of record', () => {
    for (const action of AUDIT_ACTIONS)
      for (const entity of AUDIT_ENTITIES) {
        const { summary } = describeEvent(event(action, entity, {}, {}));
        expect(summary.key, `${entity} ${action}`).not.toBe('history.sentences.unknown');
        expectTranslated(summary);
        expect(translateSentence(summary, t.sv, 'sv')).not.toMatch(new RegExp(`\\b${action}\\b`));
      }
  });

  it('names every kind of record in both languages, and reads an action of an older version as a change', () => {
    for (const entity of AUDIT_ENTITIES) {
      const { summary } = describeEvent(event('no_longer_written', entity));
      expect(summary.key).toBe('history.sentences.unknown');
      expectTranslated(summary);
      expect(translateSentence(summary, t.sv, 'sv')).not.toMatch(/no_longer_written|_/);
    }
  });

  it('has a label for every field a line can speak of, and a word for every value of every choice', () => {
    for (const [shape, fields] of Object.entries(FIELDS))
      for (const [field, kind] of Object.entries(fields as Record<string, FieldKind>))
        for (const lang of ['sv', 'en'] as const) {
          expect(t[lang](`history.fields.${shape}.${field}`), `${lang} ${shape}.${field}`).not.toMatch(/^history\./);
          if (typeof kind === 'object')
            for (const value of kind.values)
              expect(t[lang](`${kind.enum}${value}`), `${lang} ${kind.enum}${value}`).not.toBe(`${kind.enum}${value}`);
        }
  });
});

describe('sentences for what people do', () => {
  let b: TestBackend;
  afterEach(() => b.cleanup());

  const sentencesOf = async (entity: string, entityId: number, lang: 'sv' | 'en' = 'sv') =>
    (await b.call('history.forRecord', { entity, entityId })).items.map((e) => ({
      summary: translateSentence(e.description.summary, t[lang], lang),
      lines: e.description.lines.map((l) => translateSentence(l, t[lang], lang)),
    }));

  it('names the person and the record, translates fields and values, and leaves out computed ones', async () => {
    b = await testBackend();
    await b.call('example.load', {});
    const meetings = (await b.call('meetings.list', {})).items;
    const march = meetings.find((m) => m.date === '2017-03-14')!;
    await b.call('meetings.update', {
      id: march.id,
      fields: {
        bodyId: march.bodyId,
        date: '2017-03-21',
        startTime: march.startTime,
        endTime: march.endTime,
        place: 'Polishuset',
        chairId: march.chair?.id ?? null,
        secretaryId: march.secretary?.id ?? null,
        justerareIds: march.justerare.map((j) => j.id),
      },
    });
    const attending = (await b.call('attendance.list', { meetingId: march.id })).find(
      (a) =>
        a.personId !== march.chair?.id && !march.justerare.some((j) => j.id === a.personId) && a.status === 'present',
    )!;
    await b.call('attendance.update', {
      id: attending.id,
      fields: { role: attending.role, status: 'absent', substituteForId: null, participatesIn: null },
    });
    await b.call('protocol.create', { meetingId: march.id });
    const protocol = (await b.call('protocol.get', { meetingId: march.id }))!;
    for (const p of protocol.paragraphs)
      await b.call('protocol.updateParagraph', {
        id: p.id,
        fields: { title: p.title, decision: 'Noteras.', finished: true },
      });
    await b.call('protocol.submit', { meetingId: march.id });

    const history = await sentencesOf('meeting', march.id);
    const said = history.map((h) => h.summary);
    expect(said).toContain('testare skickade protokollet för justering');
    expect(said).toContain(`testare ändrade närvaron för ${attending.personName}`);
    expect(said).toContain('testare flyttade sammanträdet från 2017-03-14 kl. 09.00 till 2017-03-21 kl. 09.00');
    expect(said).toContain('testare påbörjade protokollet');
    const moved = history.find((h) => h.summary.startsWith('testare flyttade'))!;
    expect(moved.lines).toContain('Datum ändrades från 2017-03-14 till 2017-03-21');
    expect(moved.lines).toContain('Plats ändrades från Stadshuset, Södertälje till Polishuset');
    expect(history.find((h) => h.summary.includes(`närvaron för ${attending.personName}`))!.lines).toContain(
      'Närvaro ändrades från Närvarande till Frånvarande',
    );
    const everything = JSON.stringify(history);
    for (const internal of ['daysLeftToAttest', 'attestationDeadline', 'ready_for_attestation', '{"id"', 'move'])
      expect(everything).not.toContain(internal);

    const english = (await sentencesOf('meeting', march.id, 'en')).map((h) => h.summary);
    expect(english).toContain('testare sent the protocol for attestation');
    expect(english).toContain('testare moved the meeting from 2017-03-14, 09:00 to 2017-03-21, 09:00');
  });

  it('says who substitutes for whom, and shows a reference by its name', async () => {
    b = await testBackend();
    await b.call('example.load', {});
    const withSubstitute = (await b.call('history.recent', { limit: 500 })).find(
      (e) => e.action === 'update_attendee' && e.changes.some((c) => c.field === 'substituteFor'),
    )!;
    const lines = withSubstitute.description.lines.map((l) => translateSentence(l, t.sv, 'sv'));
    expect(translateSentence(withSubstitute.description.summary, t.sv, 'sv')).toBe(
      'testare noterade att Anders Wikström ersätter Peter Nylind',
    );
    expect(lines).toContain('Tjänstgör för: Peter Nylind');
    expect(lines).toContain('Beslutande ändrades från nej till ja');
  });
});
