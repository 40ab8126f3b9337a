import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { docxParts, paragraphs, renderedText } from '../../../test/support/docx';
import { chefssamrad } from '../../../test/support/meetings';

/** LibreOffice is slow on a busy two-core machine */
const RENDER_TIMEOUT = 300_000;

let b: TestBackend;
let f: Awaited<ReturnType<typeof chefssamrad>>;
let meetingId: number;
let fordonId: number;
let numbers: number[];

/** A March protocol (7 §§) and a June protocol with a substitute, a guest, jäv, an action and åäö; June attested. */
beforeAll(async () => {
  b = await testBackend('2017-07-01T09:00:00Z');
  f = await chefssamrad(b);
  const march = await f.meeting('2017-03-14');
  await b.call('protocol.create', { meetingId: march.id });
  const june = await f.meeting('2017-06-13', '09:00', '11:30', [f.uddholm.id]);
  meetingId = june.id;
  await b.call('agenda.add', {
    meetingId,
    fields: {
      kind: 'decision',
      title: 'Fordonsbränder i Hovsjö och Ronna',
      dnr: 'KS 2017/131',
      presenter: 'Lars-Göran Uddholm',
      plannedMinutes: 20,
      description: 'Åtgärder inför sommaren.',
    },
  });
  const attendance = await b.call('attendance.list', { meetingId });
  await b.call('attendance.update', {
    id: attendance.find((a) => a.personId === f.nylind.id)!.id,
    fields: { role: 'ledamot', status: 'absent' },
  });
  await b.call('attendance.update', {
    id: attendance.find((a) => a.personId === f.wikstrom.id)!.id,
    fields: { role: 'ersattare', status: 'present', substituteForId: f.nylind.id },
  });
  const guest = await b.call('people.create', { name: 'Sara Ek', title: 'enhetschef' });
  const protocol = await b.call('protocol.create', { meetingId });
  const fordon = protocol.paragraphs.find((p) => p.title.startsWith('Fordonsbränder'))!;
  fordonId = fordon.id;
  await b.call('attendance.add', {
    meetingId,
    personId: guest.id,
    fields: { role: 'ovrig', participatesIn: `§ ${fordon.number}` },
  });
  await b.call('protocol.updateParagraph', {
    id: fordon.id,
    fields: {
      title: fordon.title,
      dnr: fordon.dnr,
      background: 'Bränderna ökade under våren.',
      decision: 'Brandförsvaret och polisen tar fram en gemensam åtgärdsplan.',
      notes: 'Protokollsanteckning: Åsa Öberg för kommunens räkning.',
      distribution: 'Södertörns brandförsvarsförbund',
      finished: true,
    },
  });
  await b.call('protocol.setRecusals', { paragraphId: fordon.id, personIds: [f.broo.id] });
  await b.call('actions.add', {
    paragraphId: fordon.id,
    fields: { description: 'Åtgärdsplan mot fordonsbränder', ownerPersonId: f.uddholm.id, dueDate: '2017-09-01' },
  });
  await b.call('protocol.update', {
    meetingId,
    attestationPlace: 'Stadshuset, Södertälje',
    attestationDate: '2017-06-20',
  });
  const attested = await f.attestAll(meetingId, '2017-06-20');
  numbers = attested.paragraphs.map((p) => p.number);
});
afterAll(() => b.cleanup());

/** A document as a user gets it: through the contract (the attested June protocol comes from its sealed record). */
async function exported(kind: 'protocol' | 'extract' | 'agenda', id: number, lang: 'sv' | 'en' = 'sv') {
  const file =
    kind === 'protocol'
      ? await b.call('meetings.exportProtocol', { meetingId: id, lang })
      : kind === 'extract'
        ? await b.call('meetings.exportExtract', { paragraphId: id, lang })
        : await b.call('meetings.exportAgenda', { meetingId: id, lang });
  return { fileName: file.fileName, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) };
}

describe('protocol export', () => {
  it('is a valid package whose structure follows the Swedish layout', async () => {
    const doc = await exported('protocol', meetingId);
    expect(doc.fileName).toBe('Protokoll Chefssamrådet 2017-06-13.docx');
    const parts = docxParts(doc.bytes);
    expect(Object.keys(parts)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']),
    );
    const header = Object.entries(parts).find(([name]) => /^word\/header\d*\.xml$/.test(name))![1];
    expect(header).toContain('SAMMANTRÄDESPROTOKOLL');
    expect(header).toMatch(/PAGE/);
    expect(header).toMatch(/NUMPAGES/);
    const texts = paragraphs(parts['word/document.xml']).map((p) => p.text);
    const order = [
      'Plats och tid',
      'Beslutande',
      'Övriga deltagande',
      'Utses att justera',
      'Justeringens plats och tid',
      'Paragrafer',
      'Underskrifter',
      'Sekreterare',
      'Ordförande',
      'Justerare',
    ];
    const positions = order.map((h) => texts.indexOf(h));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(texts).toContain('Anders Wikström ersätter Peter Nylind');
    expect(texts).toContain('§§ 8–15');
    const sections = texts.filter((t) => /^§ \d+ /.test(t)).map((t) => Number(t.split(' ')[1]));
    expect(sections).toEqual(numbers);
  });

  it(
    'renders in LibreOffice with the headings in order, § numbers, attendance lines and åäö',
    async () => {
      const text = renderedText((await exported('protocol', meetingId)).bytes, 'protokoll.docx')
        .replace(/\s+/g, ' ')
        .replace(/(\d)- (\d)/g, '$1-$2');
      const headings = [
        'Plats och tid',
        'Beslutande',
        'Övriga deltagande',
        'Utses att justera',
        'Justeringens plats och tid',
        'Paragrafer',
        'Underskrifter',
        '§ 8 Mötets öppnande',
        '§ 12 Lägesbild',
        '§ 13 Fordonsbränder i Hovsjö och Ronna',
        '§ 15 Mötets avslutande',
      ];
      let at = -1;
      for (const h of headings) {
        const next = text.indexOf(h, at + 1);
        expect(next, `"${h}" after position ${at}`).toBeGreaterThan(at);
        at = next;
      }
      expect(text).toContain('Anders Wikström ersätter Peter Nylind');
      expect(text).toMatch(/Sara Ek, enhetschef, § 13/);
      expect(text).toContain('Stadshuset, Södertälje, 2017-06-20');
      expect(text).toMatch(/Justerat 2017-06-20/);
      expect(text).toContain('Camilla Broo anmäler jäv och deltar inte i handläggningen av ärendet.');
      expect(text).toContain('Åtgärdsplan mot fordonsbränder (ansvarig Lars-Göran Uddholm, senast 2017-09-01)');
      expect(text).toMatch(/Sida 1 av \d/);
      expect(text).toContain('Åsa Öberg');
    },
    RENDER_TIMEOUT,
  );

  it(
    'renders in English',
    async () => {
      const doc = await exported('protocol', meetingId, 'en');
      const text = renderedText(doc.bytes, 'minutes.docx')
        .replace(/\s+/g, ' ')
        .replace(/(\d)- (\d)/g, '$1-$2');
      for (const h of [
        'Place and time',
        'Decision-makers',
        'Others present',
        'Appointed to attest the minutes',
        'Place and time of attestation',
        'Paragraphs',
        'Signatures',
      ])
        expect(text).toContain(h);
      expect(text).toContain('Anders Wikström substitutes for Peter Nylind');
      expect(text).toMatch(/Page 1 of \d/);
      // a translation of the Swedish record, and it says so before anything else
      expect(text.indexOf('Translation. The record is the original sealed on 2017-07-01')).toBeGreaterThanOrEqual(0);
      expect(text.indexOf('Translation.')).toBeLessThan(text.indexOf('Place and time'));
    },
    RENDER_TIMEOUT,
  );
});

describe('extract and agenda exports', () => {
  it(
    'an extract holds the header, attendance, the one § and the certification',
    async () => {
      const doc = await exported('extract', fordonId);
      expect(doc.fileName).toBe('Protokollsutdrag Chefssamrådet 2017-06-13 § 13.docx');
      const text = renderedText(doc.bytes, 'utdrag.docx')
        .replace(/\s+/g, ' ')
        .replace(/(\d)- (\d)/g, '$1-$2');
      let at = -1;
      for (const h of [
        'PROTOKOLLSUTDRAG',
        'Plats och tid',
        'Beslutande',
        'Anders Wikström ersätter Peter Nylind',
        '§ 13 Fordonsbränder i Hovsjö och Ronna',
        'Beslut',
        'Utdragsbestyrkande',
        'Utdraget överensstämmer med originalprotokollet.',
        'Åsa Öberg',
      ]) {
        const next = text.indexOf(h, at + 1);
        expect(next, `"${h}"`).toBeGreaterThan(at);
        at = next;
      }
      expect(text).not.toContain('§ 12 Lägesbild');
    },
    RENDER_TIMEOUT,
  );

  it(
    'the kallelse lists time, place, the invited and the agenda with its time plan',
    async () => {
      const doc = await exported('agenda', meetingId);
      const parts = docxParts(doc.bytes);
      expect(parts['word/document.xml']).toContain('<w:tbl>');
      const text = renderedText(doc.bytes, 'kallelse.docx')
        .replace(/\s+/g, ' ')
        .replace(/(\d)- (\d)/g, '$1-$2');
      for (const h of [
        'Kallelse med dagordning',
        'Tid',
        'Plats',
        'Kallade',
        'Dagordning',
        '09:00–09:02',
        'Mötets öppnande',
        'Fordonsbränder',
        'Dnr KS 2017/131',
        'Övriga frågor',
      ])
        expect(text).toContain(h);
    },
    RENDER_TIMEOUT,
  );

  it('through the contract: base64 with its sha256, logged in the meeting history', async () => {
    const file = await b.call('meetings.exportProtocol', { meetingId, lang: 'sv' });
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const history = await b.call('history.forRecord', { entity: 'meeting', entityId: meetingId });
    expect(history[0]).toMatchObject({ action: 'export', after: { fileName: file.fileName, sha256: file.sha256 } });
  });
});
