import { beforeAll, describe, expect, it } from 'vitest';
import { Document, Paragraph } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { packDocx } from '../../export/pack';
import { version } from '../../../../package.json';
import { testCa } from '../../../../test/support/test-ca';
import { signPackage } from './sign-package';
import { verifyPackage } from './verify-package';

const NOW = new Date('2026-03-14T10:15:00Z');
const { ca, signer } = testCa(NOW);
const trusted = [ca.certificate];
let signed: Uint8Array;

beforeAll(async () => {
  const unsigned = await packDocx(new Document({ sections: [{ children: [new Paragraph('§ 1 Beslut')] }] }));
  signed = signPackage(
    unsigned,
    { certificate: signer.certificate, privateKey: signer.privateKey, chain: [ca.certificate] },
    NOW,
  );
});

describe('what makes a signed document not valid', () => {
  it('is trusted as signed', () => {
    expect(verifyPackage(signed, { trusted })).toMatchObject({ verdict: 'trusted', valid: true, problems: [] });
  });

  it('bytes appended after the zip make it invalid, naming them', () => {
    const junk = strToU8('<w:t>Beslutet upphävs</w:t>');
    const withJunk = new Uint8Array([...signed, ...junk]);
    const report = verifyPackage(withJunk, { trusted });
    expect(report.verdict).toBe('invalid');
    expect(report.valid).toBe(false);
    expect(junk.length).toBe(28);
    expect(report.problems).toEqual([
      '28 bytes follow the end of the zip package (added after signing, or hidden content)',
    ]);
    // the signature itself still holds: it is the file around it that is not what was signed
    expect(report.signatures[0].valid).toBe(true);
  });

  it('a thumbnail added with its relationship after signing makes it invalid', () => {
    const parts = unzipSync(signed);
    parts['docProps/thumbnail.jpeg'] = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
    parts['_rels/.rels'] = strToU8(
      strFromU8(parts['_rels/.rels']).replace(
        '</Relationships>',
        '<Relationship Id="rIdThumb" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/></Relationships>',
      ),
    );
    parts['[Content_Types].xml'] = strToU8(
      strFromU8(parts['[Content_Types].xml']).replace(
        '<Default ',
        '<Default Extension="jpeg" ContentType="image/jpeg"/><Default ',
      ),
    );
    const report = verifyPackage(zipSync(parts), { trusted });
    expect(report.verdict).toBe('invalid');
    expect(report.signatures[0].uncoveredParts).toContain('docProps/thumbnail.jpeg');
    expect(report.signatures[0].uncoveredRelationships).toEqual(['_rels/.rels#rIdThumb']);
  });
});

describe('SignatureInfoV1 tells the truth', () => {
  it('names Samråd’s version and no Windows, Office or monitor values', () => {
    const xml = strFromU8(unzipSync(signed)['_xmlsignatures/sig1.xml']);
    const info = /<SignatureInfoV1 [^>]*>(.*)<\/SignatureInfoV1>/.exec(xml)![1];
    expect(info).toContain(`<ApplicationVersion>${version}</ApplicationVersion>`);
    for (const element of [
      'WindowsVersion',
      'OfficeVersion',
      'Monitors',
      'HorizontalResolution',
      'VerticalResolution',
      'ColorDepth',
    ])
      expect(info, element).toContain(`<${element}></${element}>`);
    expect(info).not.toMatch(/1920|1080|16\.0|10\.0/);
  });
});
