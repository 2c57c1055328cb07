// The evidence rule: each piece cites a known source, and its quote is found in the source's held text or excerpt.
import type { EvidenceInput, EvidenceLevel } from '../../model/index.ts';
import { closestPassage, findQuote, foldQuote } from '../quotes.ts';
import type { Report } from './issues.ts';
import type { IdLookup, SourceTable } from './lookups.ts';

export interface ResolvedEvidence {
  source: string;
  /** The quote as the source writes it (its own whitespace and characters); '' for document-level evidence. */
  quote: string;
  /** Offsets into the held text; -1 when the source's text is not held or there is no quote. */
  start: number;
  end: number;
}

/**
 * Each piece cites a known source. At the `quote` level the quote is required and must be in the
 * source's held text (offsets kept) or in its excerpt; at the `document` level a piece without a
 * quote stands for the source as a whole (a quote given is still checked). `owner` names the
 * label or type in messages (`type Person`).
 */
export function checkEvidence(
  evidence: EvidenceInput[],
  level: EvidenceLevel,
  owner: string,
  lookups: { sources: SourceTable; ids: IdLookup },
  report: Report,
): ResolvedEvidence[] {
  const { sources, ids } = lookups;
  const resolved: ResolvedEvidence[] = [];
  evidence.forEach((piece, i) => {
    const field = `evidence[${i}]`;
    const source = sources.get(piece.source);
    if (!source) {
      const other = ids.find(piece.source);
      report(`${field}.source`, other && other.kind !== 'source'
        ? `'${piece.source}' is not a source (it is ${other.kind === 'entity' ? 'an entity' : 'a relation'}): evidence cites sources`
        : `unknown source '${piece.source}'${sources.size ? ` (sources: ${sources.sample()})` : ''}`);
      return;
    }
    const quote = piece.quote;
    if (quote === undefined) {
      if (level === 'document') resolved.push({ source: piece.source, quote: '', start: -1, end: -1 });
      else report(`${field}.quote`, `is required: ${owner} needs a verbatim quote from the source (evidence level quote)`);
      return;
    }
    if (source.broken) return;
    const anchored = piece.start !== undefined || piece.end !== undefined;
    if (anchored && (piece.start === undefined || piece.end === undefined)) {
      report(`${field}.${piece.start === undefined ? 'start' : 'end'}`, 'give both start and end (the quote\'s place in the held text), or neither');
      return;
    }
    if (anchored && source.text === undefined) {
      report(`${field}.start`, `offsets need a held text: source '${piece.source}' holds ${source.excerpts.length ? 'only an excerpt' : 'no text'}`);
      return;
    }
    if (anchored && source.text !== undefined) {
      // The passage chosen (a quote the text holds twice keeps its place), the quote as the text has it there.
      const { start, end } = piece as { start: number; end: number };
      const there = source.text.slice(start, end);
      if (end <= source.text.length && start < end && foldQuote(there) === foldQuote(quote)) {
        resolved.push({ source: piece.source, quote: there, start, end });
        return;
      }
      const found = source.folded ? findQuote(source.text, quote, source.folded) : null;
      report(`${field}.start`, `the quote is not the source's text at [${start}, ${end})${found ? `: it is at [${found.start}, ${found.end})` : ''}`);
      return;
    }
    if (source.text !== undefined && source.folded) {
      const match = findQuote(source.text, quote, source.folded);
      if (match) {
        resolved.push({ source: piece.source, quote: match.text, start: match.start, end: match.end });
        return;
      }
      const closest = closestPassage(source.text, quote);
      const hint = closest
        ? closest.onlyTypography
          ? `; the source has it with different quotation marks, apostrophes, dashes or case, at ${closest.start}: "${closest.passage}"`
          : `; closest passage of the source (at ${closest.start}): "${closest.passage}"`
        : '';
      report(`${field}.quote`, `quote not found in source '${piece.source}' (even after folding whitespace)${hint}`);
      return;
    }
    if (source.excerpts.length === 0) {
      report(`${field}.quote`, `cannot be checked: source '${piece.source}' holds neither a text nor an excerpt (leave the quote out for document-level evidence)`);
      return;
    }
    for (const excerpt of source.excerpts) {
      const match = findQuote(excerpt.text, quote, excerpt.folded);
      if (match) {
        resolved.push({ source: piece.source, quote: match.text, start: -1, end: -1 });
        return;
      }
    }
    const best = source.excerpts
      .map((excerpt) => closestPassage(excerpt.text, quote))
      .filter((c) => c !== null)
      .sort((a, b) => a.distance - b.distance)[0];
    report(`${field}.quote`, `quote not found in the excerpt of source '${piece.source}' (its text is not held, so quotes must come from its excerpt)${best ? `; closest passage: "${best.passage}"` : ''}`);
  });
  return resolved;
}
