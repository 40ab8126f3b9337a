import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { docFromParagraphs } from '../../../shared/richtext';
import { seedAgreement, signAll } from '../../../test/support/agreements';
import { docxParts, paragraphs, renderedText } from '../../../test/support/docx';

/**
 * The dates of the period inside the agreement's text follow the version: a renewal's Word file,
 * its English rendering and the redline all name the renewal's own period, while the signed
 * original keeps the dates it was signed with.
 */
let b: TestBackend;
let signedId: number;
let renewalId: number;

const VALIDITY = 'Överenskommelsen gäller från och med den 1 januari 2017 till och med den 31 december 2018.';

beforeAll(async () => {
  b = await testBackend('2016-12-21T09:00:00Z');
  const { versionId } = await seedAgreement(b);
  signedId = versionId;
  await b.call('agreements.sections.add', {
    versionId,
    fields: { heading: 'Giltighet', body: docFromParagraphs([VALIDITY]) },
  });
  await signAll(b, signedId, '2016-12-20', 'Södertälje');
  renewalId = (
    await b.call('agreements.versions.renew', { id: signedId, validFrom: '2019-01-01', validTo: '2020-12-31' })
  ).id;
});
afterAll(() => b.cleanup());

async function documentText(versionId: number, lang: 'sv' | 'en'): Promise<string[]> {
  const file = await b.call('agreements.exportDocx', { versionId, lang });
  return paragraphs(docxParts(new Uint8Array(Buffer.from(file.base64, 'base64')))['word/document.xml']).map(
    (p) => p.text,
  );
}

describe('period fields', () => {
  it('the renewal’s Word file names the new period on its title page and in its text', async () => {
    const texts = await documentText(renewalId, 'sv');
    expect(texts).toContain('Giltighetstid: 2019-01-01 – 2020-12-31');
    expect(texts).toContain(
      'Överenskommelsen gäller från och med den 1 januari 2019 till och med den 31 december 2020.',
    );
    expect(texts.join('\n')).not.toMatch(/2017|2018/);
    // as LibreOffice shows it to a reader
    const file = await b.call('agreements.exportDocx', { versionId: renewalId, lang: 'sv' });
    const rendered = renderedText(new Uint8Array(Buffer.from(file.base64, 'base64'))).replace(/\s+/g, ' ');
    expect(rendered).toContain('från och med den 1 januari 2019 till och med den 31 december 2020');
  }, 240_000);

  it('an English rendering writes the dates in English; the signed original keeps its own', async () => {
    expect(await documentText(renewalId, 'en')).toContain(
      'Överenskommelsen gäller från och med den 1 January 2019 till och med den 31 December 2020.',
    );
    expect(await documentText(signedId, 'sv')).toContain(VALIDITY);
  });

  it('the redline shows the old dates deleted and the new ones inserted', async () => {
    const redline = await b.call('agreements.compare', { fromId: signedId, toId: renewalId });
    const block = redline.sections.find((s) => s.heading.map((x) => x.text).join('') === 'Giltighet')!;
    expect(block.change).toBe('changed');
    expect(block.body.filter((s) => s.kind === 'delete').map((s) => s.text.trim())).toEqual(['2017', '2018']);
    expect(block.body.filter((s) => s.kind === 'insert').map((s) => s.text.trim())).toEqual(['2019', '2020']);
    expect(
      block.body
        .filter((s) => s.kind !== 'delete')
        .map((s) => s.text)
        .join(''),
    ).toBe('Överenskommelsen gäller från och med den 1 januari 2019 till och med den 31 december 2020.');
  });
});
