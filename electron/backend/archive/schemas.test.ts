import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES } from './schemas';

// the official schemas live beside the project (../shared/schemas); packages carry Samråd's copy of them
const official = path.resolve(__dirname, '../../../../shared/schemas');

describe('the schemas every archive package carries', () => {
  it('are the official ones, unchanged (scripts/archive-schemas.mjs copies them)', () => {
    expect(Object.keys(SCHEMA_FILES).sort()).toEqual([
      'DILCISExtensionMETS.xsd',
      'DILCISExtensionSIPMETS.xsd',
      'catalog.xml',
      'eark-mets.xsd',
      'mets.xsd',
      'premis-v3-0.xsd',
      'xlink.xsd',
    ]);
    if (!fs.existsSync(official)) {
      console.log(
        `[archive] ${official} not found: the copy in resources/archive/schemas.json is not compared with the official files on this machine`,
      );
      return;
    }
    for (const [name, text] of Object.entries(SCHEMA_FILES))
      expect(Buffer.from(text, 'utf8').equals(fs.readFileSync(path.join(official, name))), name).toBe(true);
  });
});
