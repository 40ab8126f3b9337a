import { describe, expect, it } from 'vitest';
import { signedFileName } from './signed-file-name';

describe('signedFileName', () => {
  it('adds the language’s suffix before the extension', () => {
    expect(signedFileName('Protokoll Chefssamrådet 2017-03-14.docx', 'sv')).toBe(
      'Protokoll Chefssamrådet 2017-03-14_signerad.docx',
    );
    expect(signedFileName('agreement_2019-01-01_2020-12-31_v2_en.docx', 'en')).toBe(
      'agreement_2019-01-01_2020-12-31_v2_en_signed.docx',
    );
  });

  it('never adds it twice, and names a file without extension too', () => {
    expect(signedFileName('x_signerad.docx', 'sv')).toBe('x_signerad.docx');
    expect(signedFileName('protokoll', 'sv')).toBe('protokoll_signerad');
  });
});
