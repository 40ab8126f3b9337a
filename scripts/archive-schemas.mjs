// Copies the official METS, xlink, DILCIS and PREMIS schemas (../shared/schemas) into
// resources/archive/schemas.json, so the backend can put them into every archive package and
// validate offline in any build (the CLI runs through tsx, the app through a bundler: a JSON import works in both).
// Run again when ../shared/schemas changes; a unit test checks the copy is unchanged.
import fs from 'node:fs';
import path from 'node:path';

const from = path.resolve(process.argv[2] ?? '../shared/schemas');
const files = [
  'mets.xsd',
  'xlink.xsd',
  'DILCISExtensionMETS.xsd',
  'DILCISExtensionSIPMETS.xsd',
  'premis-v3-0.xsd',
  'eark-mets.xsd',
  'catalog.xml',
];
const out = Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(from, f), 'utf8')]));
fs.writeFileSync('resources/archive/schemas.json', JSON.stringify(out, null, 1) + '\n');
console.log(`resources/archive/schemas.json: ${files.length} files from ${from}`);
