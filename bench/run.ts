/**
 * `npm run bench`: export + sign of one protocol (20, 200, 2000 §§), signing and verifying with a timestamp, co-signing by three and verifying, sealed-record export vs
 * rendering and the cost of sealing, and a 1000-protocol archive, each beside the practical limit — the same document.xml written as a plain string
 * and zipped with fflate. Prints figures only; no assertions (timings vary by machine).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Packer } from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { packDocx } from '../electron/backend/export/pack';
import { signPackage } from '../electron/backend/signing/opc/sign-package';
import { testCa } from '../test/support/test-ca';
import { archiveSources } from '../electron/backend/archive/sources';
import { archiveFixture } from './archive-fixture';
import { benchRecords } from './records';
import { median } from './median';
import { plainDocumentXml, syntheticParagraphs, syntheticProtocolDocument } from './synthetic-protocol';
import { benchSearch } from './search';
import { benchLists } from './lists';
import { benchAudit } from './audit';
import { benchTrustedTime } from './trusted-time';
import { benchCoSigning } from './co-signing';

const now = new Date();
const { ca, signer } = testCa(now, 'Benchkommunen');
const identity = { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] };

async function main(): Promise<void> {
  console.log(
    `Samråd bench — ${os.cpus().length} cores, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    'Protocol: synthetic, shaped like the meetings export (header table + per § heading, dnr, background, Beslut).\n',
  );
  // the other parts of a package, reused by the plain-string limit
  const otherParts = unzipSync(await packDocx(syntheticProtocolDocument(syntheticParagraphs(1))));
  delete otherParts['word/document.xml'];
  const limit = (n: number) => {
    const parts = { ...otherParts, 'word/document.xml': strToU8(plainDocumentXml(syntheticParagraphs(n))) };
    return zipSync(parts, { level: 1 });
  };

  const rows: string[][] = [
    ['§§', 'docx Packer', 'packDocx', 'packDocx+sign', 'limit (string+fflate)', 'ratio export+sign / limit'],
  ];
  for (const n of [20, 200, 2000]) {
    const runs = n === 2000 ? 5 : n === 200 ? 9 : 21;
    const data = syntheticParagraphs(n);
    await packDocx(syntheticProtocolDocument(data)); // warm up
    const packer = await median(runs, async () => Packer.toBuffer(syntheticProtocolDocument(data)));
    const ours = await median(runs, async () => packDocx(syntheticProtocolDocument(data)));
    const signed = await median(runs, async () =>
      signPackage(await packDocx(syntheticProtocolDocument(data)), identity, now),
    );
    const plain = await median(runs, () => limit(n));
    rows.push([
      String(n),
      `${packer.toFixed(1)} ms`,
      `${ours.toFixed(1)} ms`,
      `${signed.toFixed(1)} ms`,
      `${plain.toFixed(1)} ms`,
      `${(signed / plain).toFixed(2)}×`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i])).join('  '));

  await benchTrustedTime();

  await benchCoSigning();

  await benchRecords();

  const count = Number(process.env.BENCH_ARCHIVE ?? 1000);
  console.log(
    `\nArchive of ${count} sealed protocols (20 §§ each), E-ARK SIP folder (METS, PREMIS, index, SHA256SUMS):`,
  );
  let start = performance.now();
  const fixture = await archiveFixture(count, 20);
  console.log(
    `  (database made through the contract in ${((performance.now() - start) / 1000).toFixed(1)} s; not counted)`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-bench-'));
  try {
    const { ctx, dispatch } = fixture.backend;
    const request = { from: '2019-01-01', to: '2030-12-31', includeAgreements: false };

    start = performance.now();
    // unsigned: the bench has no certificate; signing SHA256SUMS is one RSA signature (~20 ms) whatever the size
    const exported = await dispatch('archive.export', {
      ...request,
      target: path.join(dir, 'arkiv'),
      allowUnsigned: true,
    });
    const archiveMs = performance.now() - start;
    if (!exported.ok) throw new Error(exported.error.message);

    // the same sealed bytes copied and hashed, without the archive's index and checks
    start = performance.now();
    const copied = path.join(dir, 'kopia');
    fs.mkdirSync(copied);
    for (const [i, source] of archiveSources(ctx, request).entries()) {
      const bytes = await source.produce();
      crypto.createHash('sha256').update(bytes).digest('hex');
      fs.writeFileSync(path.join(copied, `${i}.docx`), bytes);
    }
    const copyMs = performance.now() - start;

    start = performance.now();
    const out = path.join(dir, 'limit');
    for (let i = 0; i < count; i++) {
      const file = path.join(out, `${i}.docx`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, limit(20));
    }
    const limitMs = performance.now() - start;
    const rate = (ms: number) => `${(ms / 1000).toFixed(2)} s = ${(count / (ms / 1000)).toFixed(0)} documents/s`;
    console.log(
      `  Samråd (archive.export: sealed records copied, seals re-checked, METS + PREMIS + index, SHA256SUMS): ${rate(archiveMs)} (target ≤ 10 s)`,
    );
    console.log(`  copying the same sealed bytes and hashing them (SHA-256): ${rate(copyMs)}`);
    console.log(`  rendering them anew (string + fflate, unsigned, no index): ${rate(limitMs)}`);
    console.log(
      `  ratios: archive.export / copy+hash ${(archiveMs / copyMs).toFixed(2)}× (target ≤ 3×), archive.export / render ${(archiveMs / limitMs).toFixed(2)}×`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fixture.cleanup();
  }

  await benchSearch();
  await benchLists();
  await benchAudit();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
