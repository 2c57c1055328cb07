// Search text handling: folding, Lucene escaping and query shape, and the scan pattern.
import { describe, expect, it } from 'vitest';
import { fold } from '../../model/index.ts';
import { escapeLucene, luceneQuery, matchTier, scanPattern, searchTerms } from '../../server/services/search-text.ts';

describe('search text', () => {
  it('folds diacritics and case', () => {
    expect(fold('Goïta')).toBe('goita');
    expect(fold('Association des Élèves et Étudiants')).toBe('association des eleves et etudiants');
  });

  it('escapes every Lucene special character', () => {
    expect(escapeLucene('a+b-c!(d){e}[f]^g"h~i*j?k:l\\m/n&&o||p')).toBe('a\\+b\\-c\\!\\(d\\)\\{e\\}\\[f\\]\\^g\\"h\\~i\\*j\\?k\\:l\\\\m\\/n\\&\\&o\\|\\|p');
  });

  it('keeps only words, so user syntax never reaches Lucene', () => {
    expect(searchTerms('AEEM) OR *:* AND "x')).toEqual(['aeem', 'or', 'x']);
    expect(luceneQuery('*:*', 'all')).toBeUndefined();
  });

  it('builds exact, prefix and fuzzy clauses, all words required or any', () => {
    expect(luceneQuery('Kaural', 'all')).toBe('+(kaural^4 OR kaural*^2 OR kaural~1)');
    expect(luceneQuery('Kaoural Renewal', 'any')).toBe('(kaoural^4 OR kaoural*^2 OR kaoural~1) OR (renewal^4 OR renewal*^2 OR renewal~1)');
    expect(luceneQuery('Coordination of movements', 'all')).toBe('+(coordination^4 OR coordination*^2 OR coordination~2) +(movements^4 OR movements*^2 OR movements~2)');
  });

  it('matches accented text in the scan pattern', () => {
    const pattern = scanPattern('Goïta');
    expect(pattern).toBe('(?s)(?=.*g\\p{M}*o\\p{M}*i\\p{M}*t\\p{M}*a\\p{M}*).*');
    const js = new RegExp(pattern!.replace('(?s)', '').replace(/\\p\{M\}/g, '\\p{M}'), 'su');
    expect(js.test('assimi goïta'.normalize('NFD'))).toBe(true);
    expect(js.test('assimi goita')).toBe(true);
  });
});

describe('search ranking tiers', () => {
  it('puts an exact name or alias above a prefix, all words, and fuzzy hits', () => {
    expect(matchTier(['Association of Pupils and Students of Mali', 'AEEM'], 'AEEM')).toBe(4);
    expect(matchTier(['Council of Ministers communiqué of 13 March 2024 (AEEM)'], 'AEEM')).toBe(2);
    expect(matchTier(['Kaoural Renewal'], 'kaou')).toBe(3);
    expect(matchTier(['Élèves et Étudiants'], 'etudiants eleves')).toBe(2);
    expect(matchTier(['Coordination of Movements'], 'movements coord')).toBe(2);
    expect(matchTier(['Kaoural Renewal'], 'Kaural')).toBe(1);
  });
});
