import { describe, expect, it } from 'vitest';
import { longDate, periodFieldValues, staleDateMentions, withPeriodFields } from './period-dates';
import { docFromParagraphs, richTextToLines, type RichTextDoc } from './richtext';

const old = { validFrom: '2017-01-01', validTo: '2018-12-31' };
const next = { validFrom: '2019-01-01', validTo: '2020-12-31' };

describe('period dates in agreement text', () => {
  it('writes a date as running text does, in Swedish and English', () => {
    expect(longDate('2019-01-01', 'sv')).toBe('1 januari 2019');
    expect(longDate('2020-12-31', 'en')).toBe('31 December 2020');
    expect(periodFieldValues(next, 'sv')).toEqual({ validFrom: '1 januari 2019', validTo: '31 december 2020' });
  });

  it('turns the period’s written-out dates into fields that then show another period', () => {
    const doc: RichTextDoc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Gäller från och med den 1 januari 2017 till och med den ' },
            { type: 'text', text: '2018-12-31', marks: [{ type: 'bold' }] },
            { type: 'text', text: '. Lägesbilden från 2016-12-01 och den 11 januari 2017 står kvar.' },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Till 31 December 2018' }] }],
            },
          ],
        },
      ],
    };
    const fielded = withPeriodFields(doc, old);
    expect(fielded.content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Gäller från och med den ' },
        { type: 'periodField', attrs: { field: 'validFrom' } },
        { type: 'text', text: ' till och med den ' },
        { type: 'periodField', attrs: { field: 'validTo' }, marks: [{ type: 'bold' }] },
        { type: 'text', text: '. Lägesbilden från 2016-12-01 och den 11 januari 2017 står kvar.' },
      ],
    });
    expect(richTextToLines(fielded, periodFieldValues(next, 'sv'))).toEqual([
      'Gäller från och med den 1 januari 2019 till och med den 31 december 2020. Lägesbilden från 2016-12-01 och den 11 januari 2017 står kvar.',
      '• Till 31 december 2020',
    ]);
    // text without the dates is returned as it was
    const plain = docFromParagraphs(['Inga datum här.']);
    expect(withPeriodFields(plain, old)).toEqual(plain);
  });

  it('finds every word that still names the old period, and nothing of the new one', () => {
    expect(
      staleDateMentions(
        'Avtalet 2017–2018 gäller från 1 januari 2017 till 2018-12-31; under 2018 följs det upp. Sedan 2014, nu 2019.',
        old,
        next,
      ),
    ).toEqual(['2017–2018', '1 januari 2017', '2018-12-31', '2018']);
    expect(staleDateMentions('Gäller 2019-01-01 – 2020-12-31, rapport 20171', old, next)).toEqual([]);
  });
});
