import type { ExportedDocument, RenderOptions } from '../export/document';
import { correctionDocx, extractDocx, protocolDocx } from '../meetings/export-docx';
import { agreementDocx } from '../agreements/export-docx';
import type { RecordContent } from './snapshot';
import type { DocumentLanguage } from '../../../shared/contract/common';

/** The Word document of a record's content: the one renderer per kind, whether live or from a snapshot. */
export function renderContent(
  content: RecordContent,
  lang: DocumentLanguage,
  options: RenderOptions = {},
): ExportedDocument {
  switch (content.format) {
    case 'samrad-protocol/1':
      return protocolDocx(content, lang, options);
    case 'samrad-extract/1':
      return extractDocx(content, lang, options);
    case 'samrad-agreement/1':
      return agreementDocx(content, lang, options);
    case 'samrad-correction/1':
      return correctionDocx(content, lang, options);
  }
}
