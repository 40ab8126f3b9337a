import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { AppError } from '../../../shared/errors';
import { archivePath, type ArchiveIndexRow, type ArchiveSource } from './entry';

export interface WriteArchiveOptions {
  /** a folder, or a file ending in .zip */
  target: string;
  overwrite?: boolean;
  signal?: AbortSignal;
  onProgress?(done: number, total: number, label: string): void;
  /** how many documents to start producing ahead of the one being written (for parallel producers) */
  ahead?: number;
  /** when the index was made; written into index.json */
  createdAt: Date;
}

export interface ArchiveResult {
  path: string;
  format: 'folder' | 'zip';
  documents: number;
  index: ArchiveIndexRow[];
}

const CSV_COLUMNS = ['path', 'kind', 'body', 'date', 'paragraphs', 'dnr', 'signers', 'attestations', 'sha256'] as const;

function csvCell(value: string): string {
  return /[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function indexCsv(rows: ArchiveIndexRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      path: r.path, kind: r.kind, body: r.body, date: r.date, paragraphs: r.paragraphs ? `${r.paragraphs[0]}-${r.paragraphs[1]}` : '',
      dnr: r.dnr.join(' | '), signers: r.signers.join(' | '), attestations: r.attestations.join(' | '), sha256: r.sha256,
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(cells[c])).join(','));
  }
  // UTF-8 with BOM so Excel shows å/ä/ö; CRLF as RFC 4180 says
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** `sha256sum -c` format: hash, two spaces, path relative to the archive root. */
export function sha256Sums(rows: Array<{ path: string; sha256: string }>): string {
  return rows.map((r) => `${r.sha256}  ${r.path}`).join('\n') + '\n';
}

function cancelled(): AppError {
  return new AppError('INVALID_STATE', 'The archive export was cancelled; nothing was written under the final name', { params: { reason: 'trust.errors.archive_cancelled' } });
}

function notWritable(target: string, error: unknown): AppError {
  const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new AppError('FILE_NOT_WRITABLE', `Cannot write the archive ${target}: ${detail}`, { params: { path: target, reason: 'trust.errors.archive_not_writable', detail } });
}

/**
 * Writes every document with index.json, index.csv and SHA256SUMS, to a folder or a .zip.
 * All of it goes to a temporary name beside the target and is renamed at the very end, so a
 * cancelled or failed export (full disk included) leaves nothing under the final name; an
 * existing target is only replaced with `overwrite`, and then only after the new one is complete.
 */
export async function writeArchive(sources: ArchiveSource[], options: WriteArchiveOptions): Promise<ArchiveResult> {
  const target = path.resolve(options.target);
  const format = target.toLowerCase().endsWith('.zip') ? 'zip' : 'folder';
  if (fs.existsSync(target) && !options.overwrite) {
    throw new AppError('FILE_EXISTS', `${target} already exists; choose another name or allow overwriting`, { params: { path: target, reason: 'trust.errors.archive_target_exists' } });
  }
  if (!fs.existsSync(path.dirname(target))) throw notWritable(target, Object.assign(new Error('the folder does not exist'), { code: 'ENOENT' }));
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.part`);
  const files: Record<string, Uint8Array> = {};
  const put = (name: string, data: Uint8Array) => {
    if (format === 'zip') files[name] = data;
    else {
      const file = path.join(temp, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data, { flag: 'wx' });
    }
  };
  const index: ArchiveIndexRow[] = [];
  const used = new Set<string>();
  // started but not yet written, by position; each marked handled so one that fails after a cancel is no unhandled rejection
  const started = new Map<number, Promise<Uint8Array>>();
  let nextToStart = 0;
  const produce = (i: number): Promise<Uint8Array> => {
    for (; nextToStart <= Math.min(i + (options.ahead ?? 0), sources.length - 1); nextToStart++) {
      const promise = sources[nextToStart].produce();
      promise.catch(() => undefined);
      started.set(nextToStart, promise);
    }
    const promise = started.get(i)!;
    started.delete(i);
    return promise;
  };
  try {
    if (format === 'folder') fs.mkdirSync(temp);
    for (let i = 0; i < sources.length; i++) {
      // let other requests (a cancel, progress to the window) through between documents
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) throw cancelled();
      const source = sources[i];
      let name = archivePath(source.meta);
      for (let n = 2; used.has(name.toLowerCase()); n++) name = archivePath(source.meta).replace(/\.docx$/, `_${n}.docx`);
      used.add(name.toLowerCase());
      const bytes = await produce(i);
      const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
      put(name, bytes);
      index.push({ ...source.meta, path: name, sha256, bytes: bytes.length });
      options.onProgress?.(i + 1, sources.length, name);
    }
    if (options.signal?.aborted) throw cancelled();
    const utf8 = new TextEncoder();
    const indexJson = utf8.encode(JSON.stringify({ createdAt: options.createdAt.toISOString(), documents: index.length, entries: index }, null, 2) + '\n');
    const indexCsvBytes = utf8.encode(indexCsv(index));
    put('index.json', indexJson);
    put('index.csv', indexCsvBytes);
    const hash = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
    put('SHA256SUMS', utf8.encode(sha256Sums([...index, { path: 'index.json', sha256: hash(indexJson) }, { path: 'index.csv', sha256: hash(indexCsvBytes) }])));
    // documents are already compressed: store them, compress only the text files
    if (format === 'zip') {
      const entries = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: name.endsWith('.docx') ? 0 : 6 }] as [Uint8Array, { level: 0 | 6 }]]));
      fs.writeFileSync(temp, zipSync(entries), { flag: 'wx' });
    }
    if (options.signal?.aborted) throw cancelled();
    if (fs.existsSync(target)) {
      const old = `${temp}.old`;
      fs.renameSync(target, old);
      fs.renameSync(temp, target);
      fs.rmSync(old, { recursive: true, force: true });
    } else {
      fs.renameSync(temp, target);
    }
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    if (error instanceof AppError) throw error;
    throw notWritable(target, error);
  }
  return { path: target, format, documents: index.length, index };
}
