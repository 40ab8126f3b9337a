import type { DocumentLanguage } from '../../../shared/contract/common';

const SUFFIX: Record<DocumentLanguage, string> = { sv: '_signerad', en: '_signed' };

/** `Protokoll Chefssamrådet 2017-03-14.docx` → `Protokoll Chefssamrådet 2017-03-14_signerad.docx`. */
export function signedFileName(fileName: string, lang: DocumentLanguage): string {
  const suffix = SUFFIX[lang];
  const dot = fileName.lastIndexOf('.');
  const [base, extension] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  return base.endsWith(suffix) ? fileName : `${base}${suffix}${extension}`;
}
