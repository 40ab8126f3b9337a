import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

/** The parts of a .docx package, XML parts as text. */
export function docxParts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** One entry per w:p: its text (w:t and w:delText; w:noBreakHyphen as the hyphen it shows), and the raw XML to inspect numbering etc. */
export function paragraphs(xml: string): Array<{ text: string; xml: string }> {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    xml: p,
    text: decode(
      [...p.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>|<w:noBreakHyphen\/>/g)]
        .map((m) => m[1] ?? '-')
        .join(''),
    ),
  }));
}

/**
 * What a reader sees: the document rendered by LibreOffice to PDF, then `pdftotext`. Each run
 * gets its own LibreOffice profile so parallel runs do not trip over each other.
 */
export function renderedText(bytes: Uint8Array, name = 'document.docx'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-render-'));
  const profile = path.join(os.tmpdir(), `lo-samrad-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const convert = spawnSync(
      'libreoffice',
      ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', dir, file],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const pdf = file.replace(/\.docx$/, '.pdf');
    if (!fs.existsSync(pdf))
      throw new Error(`LibreOffice did not convert ${name}: ${convert.stderr || convert.stdout}`);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    if (text.status !== 0) throw new Error(`pdftotext failed: ${text.stderr}`);
    return text.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
