/** One document in an archive, described the way the index lists it. */
export interface ArchiveEntryMeta {
  kind: 'protokoll' | 'avtal' | 'rattelse';
  body: string;
  /** the meeting date, or the date an agreement version was signed */
  date: string;
  paragraphs: [number, number] | null;
  dnr: string[];
  /** who signed (agreements) */
  signers: string[];
  /** who attested, with role (protocols) */
  attestations: string[];
  /** agreement version number within its agreement, for the file name */
  version?: number;
  /** a rättelse: the date it was written, for the file name */
  correctionDate?: string;
}

/** A document to archive; its bytes are produced only when the writer gets to it. */
export interface ArchiveSource {
  meta: ArchiveEntryMeta;
  produce(): Promise<Uint8Array>;
}

export interface ArchiveIndexRow extends ArchiveEntryMeta {
  path: string;
  sha256: string;
  bytes: number;
}

/** A folder name that works on every file system: no separators or reserved characters, no diacritics. */
export function safeFolderName(name: string): string {
  const folded = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9 ._-]+/g, '_').replace(/\s+/g, ' ').trim();
  return folded.replace(/^\.+/, '').slice(0, 80).replace(/[ _.-]+$/, '') || 'namnlos';
}

/** `2017/Chefssamradet/2017-03-14_protokoll_§§1-12.docx`, `2017/Avtal/2016-12-20_avtal_Samverkan_v1.docx` */
export function archivePath(meta: ArchiveEntryMeta): string {
  const year = meta.date.slice(0, 4);
  if (meta.kind === 'rattelse') {
    const paragraph = meta.paragraphs ? `_§${meta.paragraphs[0]}` : '';
    return `${year}/${safeFolderName(meta.body)}/${meta.date}_rattelse${paragraph}_${meta.correctionDate}.docx`;
  }
  if (meta.kind === 'protokoll') {
    const range = meta.paragraphs ? `_§§${meta.paragraphs[0]}-${meta.paragraphs[1]}` : '';
    return `${year}/${safeFolderName(meta.body)}/${meta.date}_protokoll${range}.docx`;
  }
  return `${year}/Avtal/${meta.date}_avtal_${safeFolderName(meta.body).replace(/[ _]+/g, '_')}${meta.version ? `_v${meta.version}` : ''}.docx`;
}
