import type { ArchiveEvent, ArchiveIndexRow } from './entry';

/*
 * The E-ARK CSIP 2.1 / SIP 2.1 (FGS Paketstruktur 2.0) XML of a Samråd archive: the root
 * METS.xml, the representation's METS.xml and metadata/preservation/premis.xml. Written as
 * strings (no DOM): what they hold is fixed by the package, and string building is fast.
 * The requirement IDs beside the attributes (CSIP1, SIP2 …) name what each one is for.
 */

export const SIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml';
export const CONTENT_CATEGORY = 'Textual works – Digital';
export const OTHER_CONTENT_INFORMATION_TYPE = 'Samråd sealed records (protocols, extracts, corrections, agreements) 1';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** PRONOM's Microsoft Word for Windows 2007 onwards (OOXML) */
export const DOCX_PRONOM = 'fmt/412';

export function xmlEscape(text: string): string {
  // control characters other than tab/newline cannot appear in XML 1.0 at all; they never occur in Samråd's texts, but a name must never break the file
  return (
    text
      // eslint-disable-next-line no-control-regex -- these are the characters it replaces
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}
const a = xmlEscape;

/** A file the METS lists: path relative to the METS file's own folder. */
export interface ListedFile {
  id: string;
  href: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface PackageHeader {
  /** `uuid-…`: the package's identifier and root folder name (CSIP1) */
  objid: string;
  label: string;
  createdAt: string;
  softwareVersion: string;
  /** the organisation submitting the package (SIP15–SIP18) */
  submitter: string;
  /** the organisations whose records these are (SIP9–SIP12) */
  creators: string[];
}

const NS = [
  'xmlns:mets="http://www.loc.gov/METS/"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
  'xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS"',
  'xmlns:sip="https://DILCIS.eu/XML/METS/SIPExtensionMETS"',
].join(' ');
// the official locations; the catalog in schemas/ maps them to the copies in the package
const SCHEMA_LOCATION =
  'http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd http://www.w3.org/1999/xlink http://www.loc.gov/standards/xlink/xlink.xsd ' +
  'https://DILCIS.eu/XML/METS/CSIPExtensionMETS https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd https://DILCIS.eu/XML/METS/SIPExtensionMETS https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd';

function root(objid: string, h: PackageHeader): string {
  // CSIP1 OBJID, CSIP2 TYPE from the content category vocabulary, CSIP4/5 content information type, CSIP6/SIP2 PROFILE, SIP1 LABEL
  return (
    `<mets:mets ${NS} xsi:schemaLocation="${SCHEMA_LOCATION}" OBJID="${a(objid)}" LABEL="${a(h.label)}" TYPE="${a(CONTENT_CATEGORY)}" ` +
    `csip:CONTENTINFORMATIONTYPE="OTHER" csip:OTHERCONTENTINFORMATIONTYPE="${a(OTHER_CONTENT_INFORMATION_TYPE)}" PROFILE="${SIP_PROFILE}">`
  );
}

function header(h: PackageHeader): string {
  // CSIP117 metsHdr, CSIP7 CREATEDATE, SIP3 RECORDSTATUS, CSIP9/SIP4 OAISPACKAGETYPE; CSIP10–16 the software agent; SIP9–12 archival creator; SIP15–18 submitter
  const lines = [
    `<mets:metsHdr CREATEDATE="${h.createdAt}" RECORDSTATUS="NEW" csip:OAISPACKAGETYPE="SIP">`,
    `<mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"><mets:name>Samråd</mets:name><mets:note csip:NOTETYPE="SOFTWARE VERSION">${a(h.softwareVersion)}</mets:note></mets:agent>`,
    ...h.creators
      .slice(0, 1)
      .map((c) => `<mets:agent ROLE="ARCHIVIST" TYPE="ORGANIZATION"><mets:name>${a(c)}</mets:name></mets:agent>`),
    `<mets:agent ROLE="CREATOR" TYPE="ORGANIZATION"><mets:name>${a(h.submitter)}</mets:name></mets:agent>`,
    `</mets:metsHdr>`,
  ];
  return lines.join('\n');
}

const fileAttrs = (f: ListedFile, createdAt: string) =>
  `MIMETYPE="${a(f.mime)}" SIZE="${f.size}" CREATED="${createdAt}" CHECKSUM="${f.sha256.toUpperCase()}" CHECKSUMTYPE="SHA-256"`;
const locat = (href: string) => `LOCTYPE="URL" xlink:type="simple" xlink:href="${a(href)}"`;
const fileElement = (f: ListedFile, createdAt: string) =>
  `<mets:file ID="${f.id}" ${fileAttrs(f, createdAt)}><mets:FLocat ${locat(f.href)}/></mets:file>`;

export interface RootMetsInput {
  header: PackageHeader;
  descriptive: ListedFile[];
  preservation: ListedFile;
  documentation: ListedFile[];
  schemas: ListedFile[];
  representationMets: ListedFile;
}

/** The package's METS.xml (CSIP 2.1 / SIP 2.1). */
export function rootMets(input: RootMetsInput): string {
  const { header: h } = input;
  const c = h.createdAt;
  const dmd = input.descriptive.map(
    (f) =>
      // CSIP17–30: one dmdSec per descriptive file, referenced by mdRef with size, date and checksum
      `<mets:dmdSec ID="dmd-${f.id}" CREATED="${c}" STATUS="CURRENT"><mets:mdRef ${locat(f.href)} MDTYPE="OTHER" OTHERMDTYPE="Samrad index" ${fileAttrs(f, c)}/></mets:dmdSec>`,
  );
  const p = input.preservation;
  const amd = `<mets:amdSec><mets:digiprovMD ID="digiprov-${p.id}" CREATED="${c}" STATUS="CURRENT"><mets:mdRef ${locat(p.href)} MDTYPE="PREMIS" MDTYPEVERSION="3.0" ${fileAttrs(p, c)}/></mets:digiprovMD></mets:amdSec>`;
  const r = input.representationMets;
  const body = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    root(h.objid, h),
    header(h),
    ...dmd,
    amd,
    // CSIP58–79: Documentation, Schemas and one Representations/rep1 group pointing at the representation's METS
    `<mets:fileSec ID="filesec">`,
    `<mets:fileGrp ID="grp-documentation" USE="Documentation">`,
    ...input.documentation.map((f) => fileElement(f, c)),
    `</mets:fileGrp>`,
    `<mets:fileGrp ID="grp-schemas" USE="Schemas">`,
    ...input.schemas.map((f) => fileElement(f, c)),
    `</mets:fileGrp>`,
    `<mets:fileGrp ID="grp-rep1" USE="Representations/rep1" csip:CONTENTINFORMATIONTYPE="OTHER" csip:OTHERCONTENTINFORMATIONTYPE="${a(OTHER_CONTENT_INFORMATION_TYPE)}">`,
    fileElement(r, c),
    `</mets:fileGrp>`,
    `</mets:fileSec>`,
    // CSIP80–112: one PHYSICAL structMap labelled CSIP with Metadata, Documentation, Schemas and Representations/rep1 divisions
    `<mets:structMap ID="structmap-csip" TYPE="PHYSICAL" LABEL="CSIP">`,
    `<mets:div ID="div-package" LABEL="${a(h.objid)}">`,
    `<mets:div ID="div-metadata" LABEL="Metadata" DMDID="${input.descriptive.map((f) => `dmd-${f.id}`).join(' ')}" ADMID="digiprov-${p.id}"/>`,
    `<mets:div ID="div-documentation" LABEL="Documentation"><mets:fptr FILEID="grp-documentation"/></mets:div>`,
    `<mets:div ID="div-schemas" LABEL="Schemas"><mets:fptr FILEID="grp-schemas"/></mets:div>`,
    // CSIP108/109: the representation's file group by ID, and a pointer to its METS (METS orders mptr before fptr)
    `<mets:div ID="div-rep1" LABEL="Representations/rep1"><mets:mptr ${locat(r.href)} xlink:title="grp-rep1"/><mets:fptr FILEID="grp-rep1"/></mets:div>`,
    `</mets:div>`,
    `</mets:structMap>`,
    `</mets:mets>`,
  ];
  return body.join('\n') + '\n';
}

/** representations/rep1/METS.xml: the documents, with paths relative to the representation folder. */
export function representationMets(h: PackageHeader, data: ListedFile[]): string {
  const c = h.createdAt;
  return (
    [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      // CSIP1: a representation's METS names the representation folder
      root('rep1', h),
      header(h),
      `<mets:fileSec ID="rep1-filesec">`,
      `<mets:fileGrp ID="rep1-grp-data" USE="Data">`,
      ...data.map((f) => fileElement(f, c)),
      `</mets:fileGrp>`,
      `</mets:fileSec>`,
      `<mets:structMap ID="rep1-structmap" TYPE="PHYSICAL" LABEL="CSIP">`,
      `<mets:div ID="rep1-div" LABEL="rep1">`,
      `<mets:div ID="rep1-div-data" LABEL="Data"><mets:fptr FILEID="rep1-grp-data"/></mets:div>`,
      `</mets:div>`,
      `</mets:structMap>`,
      `</mets:mets>`,
    ].join('\n') + '\n'
  );
}

export interface PremisInput {
  header: PackageHeader;
  /** the documents, with their index rows (path relative to the package root) */
  documents: Array<{ row: ArchiveIndexRow; originalName: string; events: ArchiveEvent[] }>;
  /** the package's own creation (this export) */
  exportEvent: { id: string; at: string; detail: string; actor: string };
}

const premisId = (type: string, value: string) =>
  `<premis:objectIdentifierType>${a(type)}</premis:objectIdentifierType><premis:objectIdentifierValue>${a(value)}</premis:objectIdentifierValue>`;
const linkEvent = (id: string) =>
  `<premis:linkingEventIdentifier><premis:linkingEventIdentifierType>local</premis:linkingEventIdentifierType><premis:linkingEventIdentifierValue>${a(id)}</premis:linkingEventIdentifierValue></premis:linkingEventIdentifier>`;
const linkAgent = (id: string, role: string) =>
  `<premis:linkingAgentIdentifier><premis:linkingAgentIdentifierType>local</premis:linkingAgentIdentifierType><premis:linkingAgentIdentifierValue>${a(id)}</premis:linkingAgentIdentifierValue><premis:linkingAgentRole>${a(role)}</premis:linkingAgentRole></premis:linkingAgentIdentifier>`;
const linkObject = (id: string) =>
  `<premis:linkingObjectIdentifier><premis:linkingObjectIdentifierType>local</premis:linkingObjectIdentifierType><premis:linkingObjectIdentifierValue>${a(id)}</premis:linkingObjectIdentifierValue></premis:linkingObjectIdentifier>`;

/**
 * metadata/preservation/premis.xml (PREMIS 3.0): the representation and an object per document
 * (SHA-256 fixity, size, format with its PRONOM key, Samråd's original name) and per handling
 * (the same, its media type; "is part of" its record, which "has part" it), an event per
 * sealing, attestation, signing, correction and later signature from the audit chain plus this
 * export, and agents for the software, the operators who recorded the acts, the people who acted
 * and the organisations.
 */
export function premisXml(input: PremisInput): string {
  const agents = new Map<string, string>();
  const agent = (kind: 'person' | 'organisation' | 'operator', name: string) => {
    const id = `${kind}:${name}`;
    if (!agents.has(id)) {
      const type = kind === 'organisation' ? 'organization' : 'person';
      const note =
        kind === 'operator'
          ? '<premis:agentNote>operator: the login name that recorded the act in Samråd</premis:agentNote>'
          : '';
      agents.set(
        id,
        `<premis:agent><premis:agentIdentifier><premis:agentIdentifierType>local</premis:agentIdentifierType><premis:agentIdentifierValue>${a(id)}</premis:agentIdentifierValue></premis:agentIdentifier><premis:agentName>${a(name)}</premis:agentName><premis:agentType>${type}</premis:agentType>${note}</premis:agent>`,
      );
    }
    return id;
  };
  const software = `software:Samråd ${input.header.softwareVersion}`;
  const objects: string[] = [];
  const events: string[] = [];
  const repId = 'representations/rep1';
  objects.push(
    `<premis:object xsi:type="premis:representation"><premis:objectIdentifier>${premisId('local', repId)}</premis:objectIdentifier>${linkEvent(input.exportEvent.id)}</premis:object>`,
  );
  const relationship = (subType: string, path: string) =>
    `<premis:relationship><premis:relationshipType>structural</premis:relationshipType><premis:relationshipSubType>${subType}</premis:relationshipSubType><premis:relatedObjectIdentifier><premis:relatedObjectIdentifierType>local</premis:relatedObjectIdentifierType><premis:relatedObjectIdentifierValue>${a(path)}</premis:relatedObjectIdentifierValue></premis:relatedObjectIdentifier></premis:relationship>`;
  for (const { row, originalName, events: evs } of input.documents) {
    objects.push(
      [
        `<premis:object xsi:type="premis:file">`,
        `<premis:objectIdentifier>${premisId('local', row.path)}</premis:objectIdentifier>`,
        `<premis:objectIdentifier>${premisId('samrad-record', String(row.recordId))}</premis:objectIdentifier>`,
        `<premis:objectCharacteristics><premis:compositionLevel>0</premis:compositionLevel>`,
        `<premis:fixity><premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm><premis:messageDigest>${row.sha256}</premis:messageDigest><premis:messageDigestOriginator>Samråd</premis:messageDigestOriginator></premis:fixity>`,
        `<premis:size>${row.bytes}</premis:size>`,
        `<premis:format><premis:formatDesignation><premis:formatName>${DOCX_MIME}</premis:formatName></premis:formatDesignation><premis:formatRegistry><premis:formatRegistryName>PRONOM</premis:formatRegistryName><premis:formatRegistryKey>${DOCX_PRONOM}</premis:formatRegistryKey></premis:formatRegistry></premis:format>`,
        `</premis:objectCharacteristics>`,
        `<premis:originalName>${a(originalName)}</premis:originalName>`,
        relationship('is included in', repId),
        // the record's handlingar are parts of it: the beslutsunderlag its §§ name by SHA-256
        ...row.attachments.map((f) => relationship('has part', f.path)),
        ...[...evs.map((e) => e.id), input.exportEvent.id].map(linkEvent),
        `</premis:object>`,
      ].join(''),
    );
    for (const f of row.attachments)
      objects.push(
        [
          `<premis:object xsi:type="premis:file">`,
          `<premis:objectIdentifier>${premisId('local', f.path)}</premis:objectIdentifier>`,
          `<premis:objectCharacteristics><premis:compositionLevel>0</premis:compositionLevel>`,
          `<premis:fixity><premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm><premis:messageDigest>${f.sha256}</premis:messageDigest><premis:messageDigestOriginator>Samråd</premis:messageDigestOriginator></premis:fixity>`,
          `<premis:size>${f.bytes}</premis:size>`,
          `<premis:format><premis:formatDesignation><premis:formatName>${a(f.mediaType)}</premis:formatName></premis:formatDesignation></premis:format>`,
          `</premis:objectCharacteristics>`,
          `<premis:originalName>${a(f.fileName)}</premis:originalName>`,
          relationship('is included in', repId),
          relationship('is part of', row.path),
          linkEvent(input.exportEvent.id),
          `</premis:object>`,
        ].join(''),
      );
    for (const e of evs) {
      const links = [linkAgent(agent('operator', e.actor), 'implementer'), linkAgent(software, 'executing program')];
      if (e.person)
        links.push(
          linkAgent(
            agent('person', e.person),
            e.type === 'signing' ? 'signer' : e.type === 'attestation' ? 'attester' : 'author',
          ),
        );
      if (e.organisation) links.push(linkAgent(agent('organisation', e.organisation), 'organisation'));
      events.push(
        [
          `<premis:event>`,
          `<premis:eventIdentifier><premis:eventIdentifierType>local</premis:eventIdentifierType><premis:eventIdentifierValue>${a(e.id)}</premis:eventIdentifierValue></premis:eventIdentifier>`,
          `<premis:eventType>${a(e.type)}</premis:eventType>`,
          `<premis:eventDateTime>${a(e.at)}</premis:eventDateTime>`,
          `<premis:eventDetailInformation><premis:eventDetail>${a(`${e.detail}; audit chain hash ${e.auditHash}`)}</premis:eventDetail></premis:eventDetailInformation>`,
          `<premis:eventOutcomeInformation><premis:eventOutcome>success</premis:eventOutcome></premis:eventOutcomeInformation>`,
          ...links,
          linkObject(row.path),
          `</premis:event>`,
        ].join(''),
      );
    }
    for (const party of row.parties) agent('organisation', party);
  }
  const x = input.exportEvent;
  events.push(
    [
      `<premis:event>`,
      `<premis:eventIdentifier><premis:eventIdentifierType>local</premis:eventIdentifierType><premis:eventIdentifierValue>${a(x.id)}</premis:eventIdentifierValue></premis:eventIdentifier>`,
      `<premis:eventType>creation</premis:eventType>`,
      `<premis:eventDateTime>${a(x.at)}</premis:eventDateTime>`,
      `<premis:eventDetailInformation><premis:eventDetail>${a(x.detail)}</premis:eventDetail></premis:eventDetailInformation>`,
      `<premis:eventOutcomeInformation><premis:eventOutcome>success</premis:eventOutcome></premis:eventOutcomeInformation>`,
      linkAgent(agent('operator', x.actor), 'implementer'),
      linkAgent(software, 'executing program'),
      linkObject(repId),
      `</premis:event>`,
    ].join(''),
  );
  const softwareAgent = `<premis:agent><premis:agentIdentifier><premis:agentIdentifierType>local</premis:agentIdentifierType><premis:agentIdentifierValue>${a(software)}</premis:agentIdentifierValue></premis:agentIdentifier><premis:agentName>Samråd</premis:agentName><premis:agentType>software</premis:agentType><premis:agentVersion>${a(input.header.softwareVersion)}</premis:agentVersion></premis:agent>`;
  return (
    [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<premis:premis xmlns:premis="http://www.loc.gov/premis/v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.loc.gov/premis/v3 http://www.loc.gov/standards/premis/v3/premis.xsd" version="3.0">`,
      ...objects,
      ...events,
      softwareAgent,
      ...agents.values(),
      `</premis:premis>`,
    ].join('\n') + '\n'
  );
}
