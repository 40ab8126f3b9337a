import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { packDocx } from './pack';
import { safeUnzip } from '../signing/opc/safe-unzip';

function protocol(paragraphs: number): Document {
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Protokoll Chefssamrådet 2017-03-14')] }),
  ];
  for (let i = 1; i <= paragraphs; i++) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`§ ${i} Lägesbild i Södertälje`)] }),
    );
    children.push(
      new Paragraph({
        children: [
          new TextRun({ text: 'Beslut: ', bold: true }),
          new TextRun('Chefssamrådet beslutar att lägga informationen till handlingarna.'),
        ],
      }),
    );
  }
  return new Document({ creator: 'Samråd', sections: [{ children }] });
}

describe('packDocx (fast packaging path)', () => {
  it('writes the same parts, with the same XML, as docx’s own Packer, less its empty relationship parts', async () => {
    const ours = unzipSync(await packDocx(protocol(3)));
    const theirs = unzipSync(new Uint8Array(await Packer.toBuffer(protocol(3))));
    const left = Object.keys(theirs).filter((name) => !(name in ours));
    expect(left.length).toBeGreaterThan(0);
    for (const name of left)
      expect(strFromU8(theirs[name]), name).toMatch(/^<\?xml[^>]*>\s*<Relationships [^>]*(\/>|>\s*<\/Relationships>)$/);
    expect(Object.keys(ours).every((name) => name in theirs)).toBe(true);
    expect(Object.keys(ours)).toContain('word/_rels/document.xml.rels');
    const xml = (parts: Record<string, Uint8Array>, name: string) =>
      strFromU8(parts[name]).replace(/<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g, '');
    for (const name of Object.keys(ours)) expect(xml(ours, name), name).toBe(xml(theirs, name));
    expect(Object.keys(ours)[0]).toBe('[Content_Types].xml');
  });

  it('is a valid zip our careful reader accepts', async () => {
    const parts = safeUnzip(await packDocx(protocol(2)));
    expect(strFromU8(parts.get('word/document.xml')!)).toContain('Lägesbild i Södertälje');
  });

  it('opens in LibreOffice: converted to PDF, the text is there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-pack-'));
    try {
      fs.writeFileSync(path.join(dir, 'protokoll.docx'), await packDocx(protocol(12)));
      execFileSync(
        'libreoffice',
        [
          `-env:UserInstallation=file://${dir}/lo-profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          path.join(dir, 'protokoll.docx'),
        ],
        { stdio: 'pipe', timeout: 120_000 },
      );
      const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'protokoll.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('Protokoll Chefssamrådet 2017-03-14');
      expect(text).toContain('§ 12 Lägesbild i Södertälje');
      expect(text).toContain('Chefssamrådet beslutar att lägga informationen till handlingarna.');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
