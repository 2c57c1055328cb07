// Search text: the Lucene query for the full-text index, the scan patterns, typo variants and the ranking of a hit (folding is the storage contract's, model/storage.ts).
import type { PlainNode, PlainValue } from '../../db/database.ts';
import type { WireNode } from '../../db/mapping.ts';
import { fold, SOURCE_LABEL } from '../../model/index.ts';

/** Characters with a meaning in Lucene's classic query syntax. */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

export function escapeLucene(term: string): string {
  return term.replace(LUCENE_SPECIAL, (ch) => '\\' + ch);
}

/** Words too common to require (the index's analyzer drops most of them anyway). */
const STOP_WORDS = new Set(['a', 'an', 'and', 'of', 'the', 'for', 'in', 'on', 'to', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'pour', 'l', 'd', 'au', 'aux']);

/** Folded words of a query; stop words are dropped unless nothing else is left. */
export function searchTerms(query: string): string[] {
  const words = fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const content = words.filter((w) => !STOP_WORDS.has(w));
  return content.length ? content : words;
}

function termClause(term: string, isLast: boolean): string {
  const t = escapeLucene(term);
  const parts = [`${t}^4`];
  // Prefix matching lets a name be found while it is typed; fuzzy matching forgives a typo.
  if (term.length >= 2 || isLast) parts.push(`${t}*^2`);
  if (term.length >= 4) parts.push(`${t}~${term.length >= 8 ? 2 : 1}`);
  return `(${parts.join(' OR ')})`;
}

/**
 * The Lucene query for the full-text index: each word exactly (boosted), as a prefix and
 * fuzzily; `all` requires every word, `any` settles for one.
 */
export function luceneQuery(query: string, mode: 'all' | 'any'): string | undefined {
  const terms = searchTerms(query);
  if (terms.length === 0) return undefined;
  const clauses = terms.map((term, i) => termClause(term, i === terms.length - 1));
  return mode === 'all' ? clauses.map((c) => `+${c}`).join(' ') : clauses.join(' OR ');
}

/**
 * A Java regex for the scan fallback, matched against `normalize(toLower(value), NFD)`: every
 * word must occur, and each letter may carry combining accents, so 'goita' finds 'goïta' and
 * a folded query finds accented text as well as plain text.
 */
export function scanPattern(query: string): string | undefined {
  const terms = searchTerms(query);
  if (terms.length === 0) return undefined;
  const word = (term: string) => [...term].map((ch) => `${ch}\\p{M}*`).join('');
  return `(?s)${terms.map((t) => `(?=.*${word(t)})`).join('')}.*`;
}

function strings(value: PlainValue): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/**
 * Extra weight for how well the caption and names match the whole query, so that an exact
 * name beats a fuzzy hit in some long alias.
 */
export function matchBonus(node: PlainNode, caption: string, query: string): number {
  const q = fold(query).trim();
  if (!q) return 0;
  const c = fold(caption);
  if (c === q) return 3;
  if (c.startsWith(q)) return 2;
  const names = [...strings(node.properties.aliases ?? null), ...strings(node.properties.name ?? null)].map(fold);
  if (names.some((n) => n === q)) return 2;
  if (c.includes(q) || names.some((n) => n.startsWith(q))) return 1;
  if (names.some((n) => n.includes(q))) return 0.5;
  return 0;
}

/**
 * How a person ranks a hit, best first: 4 an exact name or alias, 3 a name or alias that starts
 * with the query, 2 every word of the query among the names (the last one may be a prefix, as it
 * is being typed), 1 anything else the index found (fuzzy). The full-text score only orders hits
 * within a tier: it favours short names, which put a communiqué titled "... (AEEM)" above the
 * association whose alias is "AEEM".
 */
export function matchTier(names: readonly string[], query: string): 1 | 2 | 3 | 4 {
  const q = fold(query).trim().replace(/\s+/g, ' ');
  if (!q) return 1;
  const folded = names.map((n) => fold(n).trim().replace(/\s+/g, ' ')).filter(Boolean);
  if (folded.some((n) => n === q)) return 4;
  if (folded.some((n) => n.startsWith(q))) return 3;
  const terms = searchTerms(query);
  const words = new Set(folded.flatMap((n) => n.split(/[^\p{L}\p{N}]+/u)).filter(Boolean));
  const last = terms.length - 1;
  const present = (term: string, i: number) => words.has(term) || (i === last && [...words].some((w) => w.startsWith(term)));
  if (terms.length && terms.every(present)) return 2;
  return 1;
}

/** The names a node is known by: its caption, name and aliases. */
export function namesOf(node: PlainNode, caption: string): string[] {
  return [caption, ...strings(node.properties.name ?? null), ...strings(node.properties.aliases ?? null)];
}

/** Tier first, then the index's score (kept below 100 so tiers never mix), then the whole-name bonus. */
export function rankScore(tier: number, indexScore: number, bonus = 0): number {
  return tier * 100 + Math.min(indexScore + bonus, 99.999);
}

/** A row of search-sources.cypher as a search result: a node labelled Source, captioned by its title. */
export function sourceHit(row: Record<string, PlainValue>): WireNode {
  const text = (v: PlainValue | undefined) => (v === null || v === undefined ? null : String(v));
  const id = String(row.id);
  return {
    id,
    labels: [SOURCE_LABEL],
    caption: text(row.title) ?? id,
    properties: { title: text(row.title), publisher: text(row.publisher), published: text(row.published), url: text(row.url), hasText: row.hasText === true },
  };
}

/** One letter (and the accents NFD splits off it) in the scan's regex. */
const regexLetter = (ch: string) => ch.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&') + '\\p{M}*';
/** Any one letter in the scan's regex (a typo's place). */
const ANY_LETTER = '[^\\s\\p{M}]\\p{M}*';

/**
 * The spellings of a folded word within one typo (a letter changed, missing, added, or two swapped),
 * for words of four letters or more (as the full-text query's fuzzy terms); shorter words as they are.
 */
export function oneTypoVariants(term: string): string[] {
  const letters = [...term];
  const lit = (chars: string[]) => chars.map(regexLetter).join('');
  const out = new Set([lit(letters)]);
  if (letters.length < 4) return [...out];
  for (let i = 0; i <= letters.length; i++) {
    const before = lit(letters.slice(0, i));
    if (i < letters.length) {
      out.add(before + ANY_LETTER + lit(letters.slice(i + 1)));
      out.add(before + lit(letters.slice(i + 1)));
    }
    out.add(before + ANY_LETTER + lit(letters.slice(i)));
    if (i < letters.length - 1) out.add(before + lit([letters[i + 1]!, letters[i]!]) + lit(letters.slice(i + 2)));
  }
  return [...out];
}

/**
 * The regex for the name scan (search-names-scan.cypher), matched against the lower-cased, decomposed
 * name text of a node: every word of the query must occur at the start of a word of the names, within one
 * typo for words of four letters or more; the last word may be a prefix (the query is being typed).
 */
export function namesScanPattern(query: string): string | undefined {
  const terms = searchTerms(query);
  if (terms.length === 0) return undefined;
  const word = (term: string) => `(?=.*(?<![\\p{L}\\p{N}\\p{M}])(?:${oneTypoVariants(term).join('|')}))`;
  return `(?s)${terms.map(word).join('')}.*`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * How closely the words of the names spell the query's words, 0 to 1 (1: every word exact or, for the
 * last, a prefix): orders hits of the same tier, so that a one-letter typo finds its person first.
 */
export function spellingScore(names: readonly string[], query: string): number {
  const terms = searchTerms(query);
  if (terms.length === 0) return 0;
  const words = [...new Set(names.flatMap((n) => fold(n).split(/[^\p{L}\p{N}]+/u)).filter(Boolean))];
  if (words.length === 0) return 0;
  let total = 0;
  terms.forEach((term, i) => {
    const last = i === terms.length - 1;
    const distance = (w: string) => (last ? Math.min(editDistance(term, w), editDistance(term, w.slice(0, term.length))) : editDistance(term, w));
    const best = Math.min(...words.map(distance));
    total += Math.max(0, 1 - best / Math.max(term.length, 1));
  });
  return total / terms.length;
}
