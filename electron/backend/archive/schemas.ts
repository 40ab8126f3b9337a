import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import schemas from '../../../resources/archive/schemas.json';

/** The official schemas every package carries under `schemas/` (copied from ../shared/schemas by scripts/archive-schemas.mjs). */
export const SCHEMA_FILES: Record<string, string> = schemas;

let folder: string | null = null;

/**
 * Samråd's own copy of the schemas on disk, for xmllint. Never the package's `schemas/`: a
 * tampered package must not bring the schema it is checked against.
 */
function schemaFolder(): string {
  if (folder && fs.existsSync(path.join(folder, 'catalog.xml'))) return folder;
  const hash = crypto.createHash('sha256').update(JSON.stringify(SCHEMA_FILES)).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `samrad-schemas-${hash}-${process.getuid?.() ?? 'u'}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [name, text] of Object.entries(SCHEMA_FILES)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  }
  folder = dir;
  return dir;
}

export type SchemaCheck = { checked: true; valid: boolean; errors: string[] } | { checked: false; reason: string };

/** Whether Debian's `xmllint` (libxml2-utils) is on this machine. */
export function hasXmllint(): boolean {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

/**
 * Validates one METS or PREMIS document offline with xmllint (--nonet, the catalog mapping the
 * official schema URLs to the local copies). METS goes against eark-mets.xsd, which imports METS,
 * xlink and both DILCIS extension schemas; PREMIS against premis-v3-0.xsd.
 */
export function validateXml(xml: Uint8Array, kind: 'mets' | 'premis'): SchemaCheck {
  const dir = schemaFolder();
  const schema = path.join(dir, kind === 'mets' ? 'eark-mets.xsd' : 'premis-v3-0.xsd');
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, '-'], {
    input: xml,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', XML_CATALOG_FILES: path.join(dir, 'catalog.xml') },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 60_000,
  });
  if (run.error)
    return {
      checked: false,
      reason: `xmllint could not run (${(run.error as NodeJS.ErrnoException).code ?? run.error.message}); install libxml2-utils`,
    };
  // libxml2 warns that mets.xsd's own xlink import is skipped because eark-mets.xsd imported xlink first: a warning, not an error
  const errors = run.stderr.split('\n').filter((l) => l.trim() && !/ validates$/.test(l) && !/parser warning/.test(l));
  return { checked: true, valid: run.status === 0, errors };
}
