import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { matchRanges, parseQuery, snippetOf } from './query';

// the same two tokenizers as migration 005, in memory
const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE w USING fts5(title, dnr, content, prefix='1 2', tokenize='unicode61 remove_diacritics 0');
         CREATE VIRTUAL TABLE t USING fts5(text, detail=none, tokenize='trigram remove_diacritics 0');`);
afterAll(() => db.close());

const QUOTED = /^"(?:[^"]|"")*"\*?$/;

describe('parseQuery', () => {
  it('turns any string into MATCH expressions of quoted tokens that FTS5 accepts (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: fc.constantFrom(...'"*^:()-+NOTANDOR åäö§/\\.\''.split('')), maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 30 }),
        ),
        (q) => {
          const parsed = parseQuery(q);
          for (const expression of [parsed.word, parsed.trigram]) {
            if (expression === null) continue;
            for (const part of expression.split(' AND ')) expect(part).toMatch(QUOTED);
          }
          if (parsed.word) db.prepare('SELECT rowid FROM w WHERE w MATCH ?').all(parsed.word);
          if (parsed.trigram) db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(parsed.trigram);
          expect(parsed.word === null).toBe(parsed.terms.length === 0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('chooses how each piece matches', () => {
    expect(parseQuery('Inbrott').terms).toEqual([{ type: 'substring', text: 'inbrott' }]);
    expect(parseQuery('ks').terms).toEqual([{ type: 'prefix', text: 'ks' }]);
    expect(parseQuery('2017').terms).toEqual([{ type: 'prefix', text: '2017' }]);
    expect(parseQuery('Lars-Göran').terms).toEqual([{ type: 'phrase', tokens: ['lars', 'göran'], prefixLast: true }]);
    expect(parseQuery('"Lokal  Lägesbild"').terms).toEqual([
      { type: 'phrase', tokens: ['lokal', 'lägesbild'], prefixLast: false },
    ]);
    expect(parseQuery('KS 2017/123').terms).toEqual([
      { type: 'phrase', tokens: ['ks', '2017', '123'], prefixLast: false },
    ]);
    expect(parseQuery('KS 2017/123').word).toBe('"ks 2017 123"');
    expect(parseQuery('"" ** ()').terms).toEqual([]);
    expect(parseQuery('  två   ord ').display).toBe('två ord');
  });

  it('takes three trigrams spread over a long word, all of a short one', () => {
    expect(parseQuery('för').trigram).toBe('"för"');
    expect(parseQuery('ängsvattenskydd').trigram!.split(' AND ')).toHaveLength(3);
  });
});

describe('matchRanges and snippetOf', () => {
  const terms = (q: string) => parseQuery(q).terms;

  it('marks a compound part, a prefix and a phrase, folding case but not å/ä/ö', () => {
    const text = 'Bostadsinbrott och TRYGGHET, lokal lägesbild; for the record';
    const marked = (q: string) => matchRanges(text, terms(q)).map(([s, e]) => text.slice(s, e));
    expect(marked('inbrott')).toEqual(['inbrott']);
    expect(marked('trygg')).toEqual(['TRYGG']);
    expect(marked('"lokal lägesbild"')).toEqual(['lokal lägesbild']);
    expect(marked('för')).toEqual([]);
    expect(marked('for')).toEqual(['for']);
    expect(marked('ks')).toEqual([]);
  });

  it('cuts a snippet around the first match, at spaces, and shifts the marks with it', () => {
    const text = `${'ord '.repeat(60)}här står fordonsbränder i Hovsjö ${'mer '.repeat(60)}`;
    const { snippet, highlights } = snippetOf(text, terms('bränder'));
    expect(snippet.startsWith('… ord')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(highlights.map(([s, e]) => snippet.slice(s, e))).toEqual(['bränder']);
    expect(snippetOf('kort text', terms('saknas'))).toEqual({ snippet: 'kort text', highlights: [] });
    expect(snippetOf(null, terms('x'))).toEqual({ snippet: '', highlights: [] });
  });
});
