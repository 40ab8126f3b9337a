import { AlignmentType, Footer, Paragraph, TextRun, PageNumber, type IStylesOptions } from 'docx';
import { docxLabels } from './labels';
import type { DocumentLanguage } from '../../../shared/contract/common';

/** Page look shared by the agreement and the redline documents. */
export const documentStyles: IStylesOptions = {
  default: {
    document: { run: { font: 'Calibri', size: 22 }, paragraph: { spacing: { after: 120 } } },
    title: { run: { font: 'Calibri', size: 44, bold: true }, paragraph: { spacing: { after: 360 } } },
    heading1: {
      run: { font: 'Calibri', size: 30, bold: true },
      paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
    },
    heading2: {
      run: { font: 'Calibri', size: 25, bold: true },
      paragraph: { spacing: { before: 240, after: 80 }, keepNext: true },
    },
  },
};

/** "Sida 1 av 3", and on a signed version the content hash beneath it. */
export function pageFooter(lang: DocumentLanguage, hashLine: string | null): Footer {
  const [before, middle] = docxLabels[lang].page;
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: [before, PageNumber.CURRENT, middle, PageNumber.TOTAL_PAGES], size: 18 })],
    }),
  ];
  if (hashLine)
    children.push(
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: hashLine, size: 14 })] }),
    );
  return new Footer({ children });
}
