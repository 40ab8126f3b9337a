import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { docFromParagraphs } from '../../../shared/richtext';
import { redlineDocx } from './redline-docx';
import { seedAgreement, signAll } from '../../../test/support/agreements';
import { docxParts, paragraphs, renderedText } from '../../../test/support/docx';
import { sha256Hex } from '../export/write-file';

let b: TestBackend;
let signedId: number;
let draftId: number;
let hash: string;

beforeAll(async () => {
  b = await testBackend('2016-12-21T09:00:00Z');
  const seeded = await seedAgreement(b);
  signedId = seeded.versionId;
  hash = (await signAll(b, signedId, '2016-12-20', 'Södertälje')).contentHash!;
  const renewal = await b.call('agreements.versions.renew', { id: signedId });
  draftId = renewal.id;
  await b.call('agreements.sections.update', {
    id: renewal.sections[0].id,
    fields: {
      heading: 'Syfte',
      body: docFromParagraphs(['Ett tryggare och mer inkluderande samhälle med minskad brottslighet.']),
    },
  });
  await b.call('agreements.sections.add', {
    versionId: draftId,
    fields: { heading: 'Uppföljning', body: docFromParagraphs(['Parterna följer upp arbetet årligen.']) },
  });
});
afterAll(() => b.cleanup());

/** The Word file as a user gets it: the signed version's from its sealed record, a draft rendered live. */
async function exported(versionId: number, lang: 'sv' | 'en') {
  const file = await b.call('agreements.exportDocx', { versionId, lang });
  return { fileName: file.fileName, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) };
}

describe('agreement as Word', () => {
  it('has the title page, the sections in order with formatting, the priorities and one signature block per signatory', async () => {
    const { fileName, bytes } = await exported(signedId, 'sv');
    expect(fileName).toBe(`samverkansoverenskommelse_2017-01-01_2018-12-31_v${signedId}_sv.docx`);
    const parts = docxParts(bytes);
    const ps = paragraphs(parts['word/document.xml']);
    const texts = ps.map((p) => p.text);
    expect(texts.slice(0, 8)).toEqual([
      'Samverkansöverenskommelse 2017–2018',
      'Samverkansöverenskommelse Södertälje',
      'Dnr: KS 2016/123',
      'Parter',
      'Södertälje kommun',
      'Södertälje lokalpolisområde',
      'Södertörns brandförsvarsförbund',
      'Giltighetstid: 2017-01-01 – 2018-12-31',
    ]);
    const at = (text: string) => texts.indexOf(text);
    expect(at('1. Syfte')).toBeGreaterThan(0);
    expect(at('1. Syfte')).toBeLessThan(at('2. Samverkansformer'));
    expect(at('2. Samverkansformer')).toBeLessThan(at('3. Prioriterade områden'));
    expect(at('3. Prioriterade områden')).toBeLessThan(at('3.1 Bostadsinbrott'));
    expect(texts).toContain('Källa: Lokal lägesbild, 2016-10-01');
    expect(texts).toContain('Ansvariga: Södertälje lokalpolisområde, Södertälje kommun');
    expect(at('Underskrifter')).toBeGreaterThan(at('3.1 Bostadsinbrott'));

    // bold and italic runs
    const intro = ps.find((p) => p.text.startsWith('Chefssamrådet är'))!;
    expect(intro.xml).toMatch(/<w:b\/>[\s\S]*Chefssamrådet/);
    expect(intro.xml).toMatch(/<w:i\/>[\s\S]*samverkansfrågor/);

    // real Word numbering: bullets and a decimal list, each paragraph with w:numPr
    const numId = (text: string) => /<w:numId w:val="(\d+)"\/>/.exec(ps.find((p) => p.text === text)!.xml)?.[1];
    expect(numId('Chefssamrådet')).toBeDefined();
    expect(numId('Chefssamrådet')).toBe(numId('Fasta lägesmöten'));
    expect(numId('Gemensam lägesbild')).toBe(numId('Prioritera insatser'));
    expect(numId('Gemensam lägesbild')).not.toBe(numId('Chefssamrådet'));
    const numbering = parts['word/numbering.xml'];
    expect(numbering).toMatch(/<w:numFmt w:val="bullet"\/>/);
    expect(numbering).toMatch(/<w:numFmt w:val="decimal"\/><w:lvlText w:val="%1."\/>/);
    expect(numbering).toContain(`<w:num w:numId="${numId('Gemensam lägesbild')}"`);

    // signature page: place and date, line, name, title, organisation for each party
    const signatures = texts.slice(at('Underskrifter'));
    expect(signatures.filter((t) => t === 'Ort och datum')).toHaveLength(3);
    expect(signatures.filter((t) => t === 'Södertälje 2016-12-20')).toHaveLength(3);
    for (const [name, title, org] of [
      ['Camilla Broo', 'tf kommundirektör', 'Södertälje kommun'],
      ['Peter Nylind', 'lokalpolisområdeschef', 'Södertälje lokalpolisområde'],
      ['Lars-Göran Uddholm', 'brandchef', 'Södertörns brandförsvarsförbund'],
    ]) {
      const i = signatures.indexOf(name);
      expect(signatures.slice(i, i + 3)).toEqual([name, title, org]);
      expect(signatures.slice(i - 4, i)).toEqual(['Södertälje 2016-12-20', 'Ort och datum', ' ', 'Underskrift']);
    }

    // footer: page field and the content hash
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))![1];
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(footer).toContain(`Innehållets kontrollsumma (SHA-256): ${hash}`);
  });

  it('renders in LibreOffice with åäö intact, page numbers and the hash', () => {
    return exported(signedId, 'sv').then(({ bytes }) => {
      const layout = renderedText(bytes);
      // lines may wrap differently with the fonts at hand: compare words, not line breaks
      const text = layout.replace(/\s+/g, ' ');
      expect(text).toContain('Samverkansöverenskommelse 2017–2018');
      expect(text).toContain('Södertörns brandförsvarsförbund');
      expect(text).toContain('Lars-Göran Uddholm');
      expect(text).toContain('Giltighetstid: 2017-01-01 – 2018-12-31');
      expect(layout).toMatch(/• +Fasta lägesmöten/);
      expect(layout).toMatch(/2\. +Prioritera insatser/);
      expect(text).toMatch(/Sida 1 av \d/);
      expect(text).toContain(hash);
      expect(text.match(/Ort och datum/g)).toHaveLength(3);
      expect(text.indexOf('1. Syfte')).toBeLessThan(text.indexOf('2. Samverkansformer'));
    });
  }, 240_000);

  it('speaks English when asked, and marks an unsigned draft instead of a hash, with empty signature lines', async () => {
    const { fileName, bytes } = await exported(draftId, 'en');
    expect(fileName).toBe(`agreement_2019-01-01_2020-12-31_v${draftId}_en.docx`);
    const parts = docxParts(bytes);
    const texts = paragraphs(parts['word/document.xml']).map((p) => p.text);
    expect(texts).toContain('Parties');
    expect(texts).toContain('Period of validity: 2019-01-01 – 2020-12-31');
    expect(texts).toContain('Draft');
    expect(texts.filter((t) => t === 'Place and date')).toHaveLength(3);
    expect(texts).not.toContain('Södertälje 2016-12-20');
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))![1];
    expect(footer).not.toContain('SHA-256');
    expect(footer).toContain('Not signed');
  });
});

describe('export through the contract', () => {
  it('returns base64 and its SHA-256, logs the export in the version history', async () => {
    const file = await b.call('agreements.exportDocx', { versionId: signedId, lang: 'sv' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect(file.sha256).toBe(sha256Hex(bytes));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const history = (await b.call('history.forRecord', { entity: 'agreement_version', entityId: signedId })).items;
    expect(history[0]).toMatchObject({
      action: 'export',
      after: { fileName: file.fileName, sha256: file.sha256, lang: 'sv', signed: false },
    });
  });

  it('adds a package signature to a signed version when asked, which verifies', async () => {
    await b.call('certificates.createLocal', {
      organisation: 'Södertälje kommun',
      passphrase: 'ett långt lösenord för testet',
    });
    const file = await b.call('agreements.exportDocx', { versionId: signedId, lang: 'sv', sign: true });
    expect(
      Object.keys(docxParts(Buffer.from(file.base64, 'base64'))).some((name) => name.startsWith('_xmlsignatures/')),
    ).toBe(true);
    const report = await b.call('documents.verify', { fileBase64: file.base64 });
    expect(report.valid).toBe(true);
    // a signed export never shares its name with the unsigned one
    expect(file.fileName).toBe(`samverkansoverenskommelse_2017-01-01_2018-12-31_v${signedId}_sv_signerad.docx`);
    const history = (await b.call('history.forRecord', { entity: 'agreement_version', entityId: signedId })).items;
    expect(history[0]).toMatchObject({
      action: 'export',
      after: { signed: true, sha256: file.sha256, fileName: file.fileName },
    });
  });

  it('refuses a package signature for a version that is not signed', async () => {
    const error = await b.fail('agreements.exportDocx', { versionId: draftId, lang: 'sv', sign: true });
    expect([error.code, error.params?.reason]).toEqual(['INVALID_STATE', 'agreements.reasons.sign_needs_signed']);
  });
});

describe('redline as Word', () => {
  it('shows inserted and deleted text as tracked changes, and a new section as inserted', async () => {
    const { fileName, bytes } = await redlineDocx(b.ctx, signedId, draftId, 'sv');
    expect(fileName).toBe(`jamforelse_v${signedId}_v${draftId}_sv.docx`);
    const xml = docxParts(bytes)['word/document.xml'];
    const inserted = [
      ...xml.matchAll(/<w:ins [^>]*w:author="[^"]+"[^>]*>[\s\S]*?<w:t[^>]*>([^<]*)<\/w:t>[\s\S]*?<\/w:ins>/g),
    ].map((m) => m[1]);
    const deleted = [
      ...xml.matchAll(/<w:del [^>]*>[\s\S]*?<w:delText[^>]*>([^<]*)<\/w:delText>[\s\S]*?<\/w:del>/g),
    ].map((m) => m[1]);
    expect(inserted).toContain('2019');
    expect(deleted).toContain('2017');
    expect(inserted.join(' ')).toContain('inkluderande');
    expect(deleted.join(' ')).toContain('och');
    expect(deleted).toContain('KS 2016/123');
    expect(inserted).toContain('Uppföljning');
    expect(inserted.join(' ')).toContain('Parterna följer upp arbetet årligen.');
    // unchanged text is plain
    expect(xml).toMatch(
      /<w:r><w:t xml:space="preserve">Chefssamrådet är det högsta organet i samverkansfrågor\.<\/w:t><\/w:r>/,
    );

    const text = renderedText(bytes, 'redline.docx').replace(/\s+/g, ' ');
    expect(text).toContain('Jämförelse mellan versioner');
    expect(text).toContain('inkluderande');
    expect(text).toContain('Uppföljning');
    expect(text).toContain('(ändrat)');
    expect(text).toContain('(nytt)');
  }, 240_000);

  it('through the contract, is logged in the newer version’s history', async () => {
    const file = await b.call('agreements.compareDocx', { fromId: signedId, toId: draftId, lang: 'en' });
    expect(file.fileName).toBe(`comparison_v${signedId}_v${draftId}_en.docx`);
    const history = (await b.call('history.forRecord', { entity: 'agreement_version', entityId: draftId })).items;
    expect(history[0]).toMatchObject({ action: 'export', after: { kind: 'redline', comparedWith: signedId } });
  });
});
