// A stretch of a source's text cut where recorded passages (evidence with offsets) begin and end; the pieces joined give back the stretch exactly.

export interface Piece {
  start: number;
  end: number;
  /** Inside a passage recorded as evidence. */
  evidence: boolean;
}

/** [from, to) in pieces, each inside or outside the evidence ranges (ranges that are empty or reversed are ignored). */
export function evidencePieces(from: number, to: number, ranges: readonly (readonly [number, number])[]): Piece[] {
  const valid = ranges.filter(([a, b]) => b > a && b > from && a < to);
  const cuts = new Set([from, to]);
  for (const [a, b] of valid) {
    if (a > from) cuts.add(a);
    if (b < to) cuts.add(b);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    if (end > start) out.push({ start, end, evidence: valid.some(([a, b]) => a <= start && end <= b) });
  }
  return out;
}
