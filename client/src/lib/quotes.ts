// Quoted words as plain text: the page adds its own quotation marks, so marks the source (or the dataset) kept around the whole quote go.
const PAIRS: readonly [string, string][] = [['"', '"'], ['“', '”'], ['„', '“'], ['«', '»'], ['‘', '’'], ["'", "'"], ['‹', '›']];

/** '"the AEEM is dissolved"' -> 'the AEEM is dissolved'; '“a” and “b”' stays (its marks are not around the whole). */
export function bareQuote(text: string): string {
  let out = text.trim();
  for (let again = true; again; ) {
    again = false;
    for (const [open, close] of PAIRS) {
      if (out.length < 2 || !out.startsWith(open) || !out.endsWith(close)) continue;
      const inner = out.slice(open.length, out.length - close.length);
      if (inner.includes(close) || inner.includes(open)) continue;
      out = inner.trim();
      again = true;
    }
  }
  return out;
}
