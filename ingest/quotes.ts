// Finds a verbatim quote in a source text across whitespace differences, with offsets in the original text, or the closest passage when absent.

/** A text with every run of whitespace (U+00A0 and other Unicode spaces included) folded to one ' '. */
export interface FoldedText {
  folded: string;
  /** original offset of each folded character; one extra entry for the end. */
  map: number[];
}

const WHITESPACE = /\s/u;

export function foldWhitespace(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (WHITESPACE.test(ch)) {
      if (!inSpace) {
        folded += ' ';
        map.push(i);
      }
      inSpace = true;
    } else {
      folded += ch;
      map.push(i);
      inSpace = false;
    }
  }
  map.push(text.length);
  return { folded, map };
}

/** A quote as matched: trimmed, inner whitespace folded. */
export function foldQuote(quote: string): string {
  return quote.trim().replace(/\s+/gu, ' ');
}

export interface QuoteMatch {
  /** Offsets into the original text (end exclusive). */
  start: number;
  end: number;
  /** The source's own characters for the quote (its non-breaking spaces kept). */
  text: string;
}

/** Whitespace other than single plain spaces between words: only then does a quote need folding (a loop: faster than a regex here). */
function needsFolding(quote: string): boolean {
  const n = quote.length;
  if (n === 0 || quote.charCodeAt(0) === 32 || quote.charCodeAt(n - 1) === 32) return true;
  let previousSpace = false;
  for (let i = 0; i < n; i++) {
    const c = quote.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) return true;
      previousSpace = true;
      continue;
    }
    previousSpace = false;
    // Other whitespace: controls, NBSP, Unicode spaces, line separators, BOM.
    if (c < 32 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return true;
  }
  return false;
}

/**
 * Looks for the quote in the text; null when it is not there. Pass `folded` to reuse one fold for
 * many quotes (bulk imports check millions against a few sources).
 */
export function findQuote(text: string, quote: string, folded: FoldedText = foldWhitespace(text)): QuoteMatch | null {
  // The common quote is already folded: skip folding it again.
  const q = needsFolding(quote) ? foldQuote(quote) : quote;
  if (!q) return null;
  const at = folded.folded.indexOf(q);
  if (at < 0) return null;
  const start = folded.map[at]!;
  // The quote is trimmed, so its last character is not whitespace and maps to one original character.
  const end = folded.map[at + q.length - 1]! + 1;
  return { start, end, text: text.slice(start, end) };
}

/** Typographic quotation marks and apostrophes, case: differences a researcher often makes when retyping. */
function loosen(text: string): string {
  return text
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .toLowerCase();
}

function levenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

export interface ClosestPassage {
  /** The source's own characters for the closest passage. */
  passage: string;
  start: number;
  end: number;
  /** Edit distance between the (loosened) quote and the passage. */
  distance: number;
  /** The quote is in the source except for quotation marks, apostrophes, dashes or case. */
  onlyTypography: boolean;
}

/**
 * The passage of the source most like the quote: windows of the quote's length starting at each
 * word, compared by edit distance after loosening typography and case. Used only to explain an
 * error, so simplicity wins over speed.
 */
export function closestPassage(source: string, quote: string): ClosestPassage | null {
  const f = foldWhitespace(source);
  const q = loosen(foldQuote(quote));
  if (!q || !f.folded) return null;
  const hay = loosen(f.folded);
  const exact = hay.indexOf(q);
  if (exact >= 0) {
    const start = f.map[exact]!;
    const end = f.map[exact + q.length - 1]! + 1;
    return { passage: source.slice(start, end), start, end, distance: 0, onlyTypography: true };
  }
  const starts: number[] = [0];
  for (let i = 1; i < hay.length; i++) if (hay[i - 1] === ' ' && hay[i] !== ' ') starts.push(i);
  let best = { at: 0, length: Math.min(q.length, hay.length), distance: Number.POSITIVE_INFINITY };
  for (const at of starts) {
    const window = hay.slice(at, at + q.length);
    const distance = levenshtein(q, window, Number.isFinite(best.distance) ? best.distance : q.length);
    if (distance < best.distance) best = { at, length: window.length, distance };
  }
  // Widen or narrow the best window by a few characters, to end where the quote would.
  const base = best.length;
  for (let delta = -8; delta <= 8; delta++) {
    const length = base + delta;
    if (length <= 0 || best.at + length > hay.length) continue;
    const distance = levenshtein(q, hay.slice(best.at, best.at + length), best.distance);
    if (distance < best.distance) best = { ...best, length, distance };
  }
  const start = f.map[best.at]!;
  const end = f.map[best.at + best.length - 1]! + 1;
  return { passage: source.slice(start, end), start, end, distance: best.distance, onlyTypography: false };
}
