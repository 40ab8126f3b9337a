import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document, Paragraph } from 'docx';
import { testBackend, type TestBackend } from '../../../test/support/backend';
import { opensslPkcs12 } from '../../../test/support/pkcs12';
import { packDocx } from '../export/pack';
import { readPkcs12 } from './certificates/pkcs12';
import { signPackage } from './opc/sign-package';

// the PKCS#12 is made by OpenSSL with today's dates, so the backend's clock is today's
let b: TestBackend;
let dir: string;
beforeAll(async () => {
  b = await testBackend(new Date().toISOString());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samrad-known-'));
});
afterAll(() => {
  b.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('verification names the person Samråd knows by the signer’s certificate', () => {
  it('a signature by a person’s imported certificate names them; a stranger’s names no one', async () => {
    const person = await b.call('people.create', { name: 'Åsa Öberg' });
    const own = opensslPkcs12(dir, {
      name: 'Åsa Öberg',
      organisation: 'Södertälje kommun',
      password: 'hemligt ord',
      file: 'asa',
    });
    const stranger = opensslPkcs12(dir, {
      name: 'Åsa Öberg',
      organisation: 'Södertälje kommun',
      password: 'annat ord',
      file: 'other',
    });
    await b.call('personCertificates.import', {
      personId: person.id,
      fileBase64: own.bytes.toString('base64'),
      password: 'hemligt ord',
    });
    const document = await packDocx(new Document({ sections: [{ children: [new Paragraph('§ 1')] }] }));
    const byOwn = signPackage(document, readPkcs12(own.bytes, 'hemligt ord'), new Date(), { role: 'Justerare' });
    const byStranger = signPackage(document, readPkcs12(stranger.bytes, 'annat ord'), new Date());

    const known = await b.call('documents.verify', { fileBase64: Buffer.from(byOwn).toString('base64') });
    expect(known.signatures[0].knownSigner).toEqual({ personId: person.id, name: 'Åsa Öberg' });
    // same name, other certificate: not the person
    const unknown = await b.call('documents.verify', { fileBase64: Buffer.from(byStranger).toString('base64') });
    expect(unknown.signatures[0].knownSigner).toBeNull();
  });
});
