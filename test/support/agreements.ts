import type { TestBackend } from './backend';
import { docFromParagraphs, type RichTextDoc } from '../../shared/richtext';

/** Three parties with a signatory each, and one agreement with a draft version: the starting point of most tests. */
export async function seedAgreement(b: TestBackend, period = { validFrom: '2017-01-01', validTo: '2018-12-31' }) {
  const kommun = await b.call('organisations.create', { name: 'Södertälje kommun', kind: 'kommun' });
  const polis = await b.call('organisations.create', { name: 'Södertälje lokalpolisområde', kind: 'polis' });
  const brand = await b.call('organisations.create', {
    name: 'Södertörns brandförsvarsförbund',
    kind: 'raddningstjanst',
  });
  const broo = await b.call('people.create', {
    name: 'Camilla Broo',
    title: 'tf kommundirektör',
    organisationId: kommun.id,
  });
  const nylind = await b.call('people.create', {
    name: 'Peter Nylind',
    title: 'lokalpolisområdeschef',
    organisationId: polis.id,
  });
  const uddholm = await b.call('people.create', {
    name: 'Lars-Göran Uddholm',
    title: 'brandchef',
    organisationId: brand.id,
  });
  const agreement = await b.call('agreements.create', {
    name: 'Samverkansöverenskommelse Södertälje',
    version: { title: 'Samverkansöverenskommelse 2017–2018', dnr: 'KS 2016/123', ...period },
  });
  const versionId = agreement.versions[0].id;
  for (const [org, person] of [
    [kommun, broo],
    [polis, nylind],
    [brand, uddholm],
  ] as const) {
    await b.call('agreements.parties.add', { versionId, fields: { organisationId: org.id, signatoryId: person.id } });
  }
  await b.call('agreements.sections.add', {
    versionId,
    fields: { heading: 'Syfte', body: docFromParagraphs(['Ett tryggare samhälle och minskad brottslighet.']) },
  });
  await b.call('agreements.sections.add', { versionId, fields: { heading: 'Samverkansformer', body: richList() } });
  await b.call('agreements.priorities.add', {
    versionId,
    fields: {
      title: 'Bostadsinbrott',
      description: 'Färre inbrott i bostäder.',
      source: 'Lokal lägesbild',
      sourceDate: '2016-10-01',
      responsibleIds: [polis.id, kommun.id],
    },
  });
  return { agreementId: agreement.id, versionId, orgs: { kommun, polis, brand }, people: { broo, nylind, uddholm } };
}

/** A section body with bold, italic, a bulleted and a numbered list. */
export function richList(): RichTextDoc {
  return {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Chefssamrådet', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' är det högsta organet i ' },
          { type: 'text', text: 'samverkansfrågor', marks: [{ type: 'italic' }] },
          { type: 'text', text: '.' },
        ],
      },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Chefssamrådet' }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fasta lägesmöten' }] }] },
        ],
      },
      {
        type: 'orderedList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Gemensam lägesbild' }] }],
          },
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Prioritera insatser' }] }],
          },
        ],
      },
    ],
  };
}

/** Sends the version for signing and records all three signings. */
export async function signAll(b: TestBackend, versionId: number, signedOn = '2016-12-20', place = 'Södertälje') {
  const sent = await b.call('agreements.signing.send', { versionId });
  let last = sent;
  for (const party of sent.parties)
    last = await b.call('agreements.signing.record', { versionId, partyId: party.id, signedOn, place });
  return last;
}
