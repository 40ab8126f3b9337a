import type { Attendee } from '../../../shared/contract/meetings';

/** Words of the exported documents, Swedish and English (the documents are not rendered by the UI). */
export const EXPORT_TEXTS = {
  sv: {
    protocol: 'Sammanträdesprotokoll',
    meetingDate: 'Sammanträdesdatum',
    page: (x: string, y: string) => ['Sida ', x, ' av ', y],
    placeAndTime: 'Plats och tid',
    decisionMakers: 'Beslutande',
    othersPresent: 'Övriga deltagande',
    appointedToAttest: 'Utses att justera',
    attestationPlaceAndTime: 'Justeringens plats och tid',
    paragraphs: 'Paragrafer',
    signatures: 'Underskrifter',
    secretary: 'Sekreterare',
    chair: 'Ordförande',
    attester: 'Justerare',
    attestedOn: (date: string) => `Justerat ${date}`,
    digitallySigned: (certificate: string) => `digitalt undertecknat (${certificate})`,
    recordedBy: (operator: string | null) =>
      operator ? `utan digital underskrift, registrerat av ${operator}` : 'utan digital underskrift',
    notYetAttested: 'Ej justerat',
    sentForAttestation: (date: string) =>
      `Skickat för justering ${date}. Justeras med underskrifterna ovan: digitala underskrifter finns i dokumentets signaturer.`,
    at: 'kl.',
    substitutes: (nn: string, mm: string) => `${nn} ersätter ${mm}`,
    dnr: 'Dnr',
    background: 'Bakgrund',
    decision: 'Beslut',
    notes: 'Reservationer och protokollsanteckningar',
    recusal: 'Jäv',
    recusalText: (names: string) => `${names} anmäler jäv och deltar inte i handläggningen av ärendet.`,
    notIn: (numbers: number[]) => `(ej ${paragraphList(numbers)})`,
    actions: 'Uppdrag',
    decisionBasis: 'Beslutsunderlag',
    documents: 'Handlingar',
    documentsNone: 'Inga handlingar är bifogade.',
    itemDocuments: (item: number, title: string) => `Punkt ${item} ${title}`,
    itemWord: (item: number) => `Punkt ${item}`,
    /** the .zip of a document with its handlingar */
    bundleFileName: (document: string) => `${document} med handlingar.zip`,
    announcement: 'Anslagsbevis',
    announcementText: 'Protokollet är justerat. Justeringen har tillkännagivits genom anslag.',
    announcementBody: 'Organ',
    announcementPosted: 'Datum då anslaget sätts upp',
    announcementRemoved: 'Datum då anslaget tas ned',
    announcementKeptAt: 'Förvaringsplats för protokollet',
    announcementSignature: 'Underskrift',
    owner: 'ansvarig',
    due: 'senast',
    distribution: 'Expedieras till',
    correction: (date: string, author: string) => `Rättelse ${date} (${author})`,
    correctionsHeading: 'Rättelser',
    immediatelyAttested: (date: string | null) =>
      date ? `Paragrafen justerades omedelbart ${date}.` : 'Paragrafen justeras omedelbart.',
    attestersInitials: 'Justerandes signatur',
    correctionTitle: 'Rättelse',
    correctionOf: (label: string) => `Rättelse till protokoll ${label}`,
    correctionRecord: (sha256: string) =>
      `Rättelsen avser den förseglade handlingen med SHA-256 ${sha256}. Handlingen själv är oförändrad.`,
    correctionDate: 'Datum för rättelsen',
    correctionAuthor: 'Skriven av',
    correctionText: 'Rättelse',
    fileCorrection: 'Rättelse',
    translationOf: (sealedAt: string, sha256: string) =>
      `Översättning. Handlingen är originalet som förseglades ${sealedAt} (SHA-256 ${sha256}); denna återgivning är inte handlingen.`,
    extract: 'Protokollsutdrag',
    certification: 'Utdragsbestyrkande',
    certificationText: 'Utdraget överensstämmer med originalprotokollet.',
    certifiedOn: (date: string) => `Bestyrkt ${date}`,
    agendaTitle: 'Kallelse med dagordning',
    noticeDate: 'Datum',
    sender: 'Avsändare',
    hindrance: 'Förhinder och handlingar',
    hindranceText:
      'Den som har förhinder meddelar sekreteraren snarast och kallar själv sin ersättare. Handlingarna till ärendena finns förtecknade under respektive punkt och bifogas kallelsen.',
    time: 'Tid',
    place: 'Plats',
    invited: 'Kallade',
    agenda: 'Dagordning',
    item: 'Punkt',
    clock: 'Tid',
    matter: 'Ärende',
    presenter: 'Föredragande',
    kind: 'Typ',
    priority: 'Prioriterat område',
    cancelled: 'INSTÄLLT',
    none: '–',
    kinds: { standing: 'Stående punkt', decision: 'Beslut', information: 'Information', discussion: 'Diskussion' },
    roles: {
      ordforande: 'ordförande',
      vice_ordforande: 'vice ordförande',
      ledamot: 'ledamot',
      ersattare: 'ersättare',
      sekreterare: 'sekreterare',
      adjungerad: 'adjungerad',
      ovrig: '',
    } satisfies Record<Attendee['role'], string>,
    absent: 'frånvarande',
    fileProtocol: 'Protokoll',
    fileExtract: 'Protokollsutdrag',
    fileAgenda: 'Kallelse',
  },
  en: {
    protocol: 'Minutes',
    meetingDate: 'Date of meeting',
    page: (x: string, y: string) => ['Page ', x, ' of ', y],
    placeAndTime: 'Place and time',
    decisionMakers: 'Decision-makers',
    othersPresent: 'Others present',
    appointedToAttest: 'Appointed to attest the minutes',
    attestationPlaceAndTime: 'Place and time of attestation',
    paragraphs: 'Paragraphs',
    signatures: 'Signatures',
    secretary: 'Secretary',
    chair: 'Chair',
    attester: 'Attester',
    attestedOn: (date: string) => `Attested ${date}`,
    digitallySigned: (certificate: string) => `digitally signed (${certificate})`,
    recordedBy: (operator: string | null) =>
      operator ? `without digital signature, recorded by ${operator}` : 'without digital signature',
    notYetAttested: 'Not attested',
    sentForAttestation: (date: string) =>
      `Sent for attestation ${date}. Attested by the signatures above: digital signatures are in the document's signatures.`,
    at: 'at',
    substitutes: (nn: string, mm: string) => `${nn} substitutes for ${mm}`,
    dnr: 'Ref. no.',
    background: 'Background',
    decision: 'Decision',
    notes: 'Reservations and notes',
    recusal: 'Conflict of interest',
    recusalText: (names: string) => `${names} declared a conflict of interest and took no part in this matter.`,
    notIn: (numbers: number[]) => `(not ${paragraphList(numbers)})`,
    actions: 'Action items',
    decisionBasis: 'Documents the decision was based on',
    documents: 'Documents',
    documentsNone: 'No documents are enclosed.',
    itemDocuments: (item: number, title: string) => `Item ${item} ${title}`,
    itemWord: (item: number) => `Item ${item}`,
    bundleFileName: (document: string) => `${document} with documents.zip`,
    announcement: 'Notice of attestation',
    announcementText: 'The minutes are attested. The attestation has been announced by posting on the notice board.',
    announcementBody: 'Body',
    announcementPosted: 'Date posted',
    announcementRemoved: 'Date taken down',
    announcementKeptAt: 'Where the minutes are kept',
    announcementSignature: 'Signature',
    owner: 'owner',
    due: 'due',
    distribution: 'Distribution',
    correction: (date: string, author: string) => `Correction ${date} (${author})`,
    correctionsHeading: 'Corrections',
    immediatelyAttested: (date: string | null) =>
      date ? `This paragraph was attested immediately on ${date}.` : 'This paragraph is to be attested immediately.',
    attestersInitials: "Attesters' initials",
    correctionTitle: 'Correction',
    correctionOf: (label: string) => `Correction to the minutes ${label}`,
    correctionRecord: (sha256: string) =>
      `The correction concerns the sealed record with SHA-256 ${sha256}. The record itself is unchanged.`,
    correctionDate: 'Date of the correction',
    correctionAuthor: 'Written by',
    correctionText: 'Correction',
    fileCorrection: 'Correction',
    translationOf: (sealedAt: string, sha256: string) =>
      `Translation. The record is the original sealed on ${sealedAt} (SHA-256 ${sha256}); this rendering is not the record.`,
    extract: 'Extract from the minutes',
    certification: 'Certification',
    certificationText: 'This extract is a true copy of the original minutes.',
    certifiedOn: (date: string) => `Certified on ${date}`,
    agendaTitle: 'Notice of meeting and agenda',
    noticeDate: 'Date',
    sender: 'From',
    hindrance: 'Apologies and documents',
    hindranceText:
      'If you cannot attend, tell the secretary as soon as possible and call your substitute yourself. The documents for each matter are listed under its item and enclosed with this notice.',
    time: 'Time',
    place: 'Place',
    invited: 'Invited',
    agenda: 'Agenda',
    item: 'Item',
    clock: 'Time',
    matter: 'Matter',
    presenter: 'Presenter',
    kind: 'Kind',
    priority: 'Priority area',
    cancelled: 'CANCELLED',
    none: '–',
    kinds: { standing: 'Standing item', decision: 'Decision', information: 'Information', discussion: 'Discussion' },
    roles: {
      ordforande: 'chair',
      vice_ordforande: 'vice chair',
      ledamot: 'member',
      ersattare: 'substitute',
      sekreterare: 'secretary',
      adjungerad: 'co-opted',
      ovrig: '',
    } satisfies Record<Attendee['role'], string>,
    absent: 'absent',
    fileProtocol: 'Minutes',
    fileExtract: 'Extract',
    fileAgenda: 'Agenda',
  },
};

export type ExportTexts = (typeof EXPORT_TEXTS)['sv'];

const FILE_KINDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/msword': 'Word',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};

/** "protokoll.pdf (PDF, 1,2 MB)": a handling as a document lists it, sizes written the language's way */
export function documentLine(file: { fileName: string; mediaType: string; size: number }, lang: 'sv' | 'en'): string {
  const [value, unit] =
    file.size >= 1024 * 1024 ? [file.size / (1024 * 1024), 'MB'] : [Math.max(file.size / 1024, 0.1), 'kB'];
  const size = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
  return `${file.fileName} (${FILE_KINDS[file.mediaType] ?? file.mediaType}, ${size} ${unit})`;
}

/** "§ 4", "§§ 4, 7" */
function paragraphList(numbers: number[]): string {
  return numbers.length === 1 ? `§ ${numbers[0]}` : `§§ ${numbers.join(', ')}`;
}

/** "§ 4" or "§§ 1–9" */
export function paragraphRangeText(range: [number, number] | null): string {
  if (!range) return '–';
  return range[0] === range[1] ? `§ ${range[0]}` : `§§ ${range[0]}–${range[1]}`;
}
