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
let lagesbildNumber: number;
let marchId: number;

/** A March protocol (7 §§) and a June protocol with a substitute, a guest, jäv, an action and åäö; June attested. */
beforeAll(async () => {
  b = await testBackend('2017-07-01T09:00:00Z');
  f = await chefssamrad(b);
  const polis = await b.call('organisations.create', { name: 'Södertälje lokalpolisområde', kind: 'polis' });
  await b.call('people.update', { id: f.wikstrom.id, fields: { name: 'Anders Wikström', organisationId: polis.id } });
  const march = await f.meeting('2017-03-14');
  marchId = march.id;
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
  // § Lägesbild is attested at once, and its Beslut says so as secretaries write it
  const lagesbild = protocol.paragraphs.find((p) => p.title === 'Lägesbild')!;
  lagesbildNumber = lagesbild.number;
  await b.call('protocol.updateParagraph', {
    id: lagesbild.id,
    fields: {
      title: lagesbild.title,
      decision: 'Lägesbilden noteras. Paragrafen justeras omedelbart.',
      finished: true,
    },
  });
  for (const who of [f.broo.id, f.uddholm.id])
    await b.call('protocol.attestParagraph', { paragraphId: lagesbild.id, personId: who, date: '2017-06-13' });
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
    expect(texts).toContain('Anders Wikström ersätter Peter Nylind, Södertälje lokalpolisområde');
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
        '09.00–09.02',
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
    const history = (await b.call('history.forRecord', { entity: 'meeting', entityId: meetingId })).items;
    expect(history[0]).toMatchObject({ action: 'export', after: { fileName: file.fileName, sha256: file.sha256 } });
  });
});

/** What LibreOffice shows, whitespace folded; dates are NOT re-joined here: a date broken at a line end fails. */
const folded = (bytes: Uint8Array, name: string) => renderedText(bytes, name).replace(/\s+/g, ' ');
const ISO_DATE_TEXT = /\d{4}-\d{2}-\d{2}/g;

/** Every ISO date a run shows is joined by w:noBreakHyphen; none is left with plain hyphens inside a w:t. */
function expectUnbreakableDates(xml: string) {
  const plain = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].flatMap((m) => m[1].match(ISO_DATE_TEXT) ?? []);
  expect(plain).toEqual([]);
  expect(xml).toMatch(/<w:t(?: [^>]*)?>\d{4}<\/w:t><w:noBreakHyphen\/><w:t(?: [^>]*)?>\d{2}<\/w:t><w:noBreakHyphen\/>/);
}

describe('protocols the way Swedish secretaries write them (issue 14, point 8)', () => {
  let protocolText: string;
  beforeAll(async () => {
    protocolText = folded((await exported('protocol', meetingId)).bytes, 'protokoll-praxis.docx');
  }, RENDER_TIMEOUT);

  it('Beslutande names each member with role and organisation, and "(ej § N)" after the member with jäv', () => {
    expect(protocolText).toContain('Camilla Broo, ordförande, Södertälje kommun (ej § 13)');
    expect(protocolText).toContain('Lars-Göran Uddholm, ledamot, Södertälje kommun');
    expect(protocolText).not.toMatch(/Lars-Göran Uddholm, ledamot, Södertälje kommun \(ej/);
    expect(protocolText).toContain('Anders Wikström ersätter Peter Nylind, Södertälje lokalpolisområde');
  });

  it('the jäv note comes with the § heading, before the background and the Beslut', () => {
    const heading = protocolText.indexOf('§ 13 Fordonsbränder i Hovsjö och Ronna');
    const recusal = protocolText.indexOf('Jäv: Camilla Broo anmäler jäv och deltar inte i handläggningen av ärendet.');
    const background = protocolText.indexOf('Bränderna ökade under våren.');
    const decision = protocolText.indexOf('Brandförsvaret och polisen tar fram en gemensam åtgärdsplan.');
    expect(heading).toBeGreaterThan(0);
    expect(recusal).toBeGreaterThan(heading);
    expect(background).toBeGreaterThan(recusal);
    expect(decision).toBeGreaterThan(background);
  });

  it('a § attested at once has one attestation line, dated', () => {
    const start = protocolText.indexOf(`§ ${lagesbildNumber} Lägesbild`);
    const section = protocolText.slice(start, protocolText.indexOf(`§ ${lagesbildNumber + 1} `, start));
    expect(section).toContain('Lägesbilden noteras.');
    expect(section).toContain('Paragrafen justerades omedelbart 2017-06-13.');
    expect(section.match(/justera(s|des) omedelbart/g)).toEqual(['justerades omedelbart']);
  });

  it('the organisations in the header, "Justerandes signatur" in the footer of every page, times as 09.00', () => {
    const pages = Number(/Sida 1 av (\d+)/.exec(protocolText)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(protocolText.match(/Södertälje kommun · Södertälje lokalpolisområde/g)?.length).toBe(pages);
    expect(protocolText.match(/Justerandes signatur/g)?.length).toBe(pages);
    expect(protocolText).toContain('Stadshuset, 2017-06-13 kl. 09.00–11.30');
    expect(protocolText).not.toMatch(/\d{2}:\d{2}/);
  });

  it('dates are joined by non-breaking hyphens and the package says sv-SE (en-GB in English)', async () => {
    const parts = docxParts((await exported('protocol', meetingId)).bytes);
    expectUnbreakableDates(parts['word/document.xml']);
    expect(parts['word/styles.xml']).toContain('<w:lang w:val="sv-SE"/>');
    const english = docxParts((await exported('protocol', meetingId, 'en')).bytes);
    expect(english['word/styles.xml']).toContain('<w:lang w:val="en-GB"/>');
    expect(english['word/document.xml']).toContain('09:00');
    for (const [name, xml] of Object.entries(parts).filter(([n]) => /^word\/(header|footer)\d*\.xml$/.test(n)))
      expect(xml.match(ISO_DATE_TEXT) ?? [], name).toEqual([]);
  });

  it(
    'the extract carries a dated utdragsbestyrkande and the same footer',
    async () => {
      const text = folded((await exported('extract', fordonId)).bytes, 'utdrag-praxis.docx');
      const certification = text.indexOf('Utdraget överensstämmer med originalprotokollet.');
      expect(certification).toBeGreaterThan(0);
      expect(text.indexOf('Bestyrkt 2017-07-01')).toBeGreaterThan(certification);
      expect(text).toContain('Camilla Broo, ordförande, Södertälje kommun (ej § 13)');
      expect(text).toContain('Justerandes signatur');
    },
    RENDER_TIMEOUT,
  );

  it(
    'the kallelse has its date, its sender and the note on förhinder and handlingar',
    async () => {
      const text = folded((await exported('agenda', meetingId)).bytes, 'kallelse-praxis.docx');
      let at = -1;
      for (const h of [
        'Södertälje kommun · Södertälje lokalpolisområde',
        'Kallelse med dagordning',
        'Datum: 2017-07-01',
        'Avsändare: Åsa Öberg, sekreterare, Södertälje kommun',
        'Tid',
        '2017-06-13 kl. 09.00–11.30',
        'Dagordning',
        '09.00–09.02',
        'Förhinder och handlingar',
        'Den som har förhinder meddelar sekreteraren snarast och kallar själv sin ersättare.',
      ]) {
        const next = text.indexOf(h, at + 1);
        expect(next, `"${h}" after ${at}`).toBeGreaterThan(at);
        at = next;
      }
    },
    RENDER_TIMEOUT,
  );

  it(
    'a protocol may carry a tillkännagivande/anslagsbevis block, chosen before attestation',
    async () => {
      expect(protocolText).not.toContain('Anslagsbevis');
      expect(await b.fail('protocol.setAnnouncement', { meetingId, announcement: true })).toMatchObject({
        code: 'LOCKED',
      });
      expect((await b.call('protocol.setAnnouncement', { meetingId: marchId, announcement: true })).announcement).toBe(
        true,
      );
      const text = folded((await exported('protocol', marchId)).bytes, 'anslag.docx');
      let at = text.indexOf('Underskrifter');
      for (const h of [
        'Anslagsbevis',
        'Protokollet är justerat. Justeringen har tillkännagivits genom anslag.',
        'Organ: Chefssamrådet',
        'Sammanträdesdatum: 2017-03-14',
        'Datum då anslaget sätts upp:',
        'Datum då anslaget tas ned:',
        'Förvaringsplats för protokollet:',
        'Underskrift:',
      ]) {
        const next = text.indexOf(h, at + 1);
        expect(next, `"${h}" after ${at}`).toBeGreaterThan(at);
        at = next;
      }
    },
    RENDER_TIMEOUT,
  );
});
