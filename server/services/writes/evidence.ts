// A passage of a held text as a fact's evidence, checked as recording and corroborating both check it: the ingest
// rules' own lookups (the cited source's text, what an id that is no source names) and the text-quote selector's anchors.
import type { Database } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { MemoryIds, SourceTable, type Issues } from '../../../ingest/rules.ts';

/** A quote with its offsets in the source's held text and, optionally, the text just before and after it. */
export interface Passage {
  source: string;
  quote: string;
  start: number;
  end: number;
  prefix?: string | undefined;
  suffix?: string | undefined;
}

export interface PassageLookups {
  /** The sources the rules may find: the cited one, or (when it is not a source of the dataset) every one, by id, for their message. */
  sources: SourceTable;
  /** What the ids the fact names (its ends, the cited source) are, as the rules look them up: entities with their labels, sources. */
  ids: MemoryIds;
  /** The cited source's held text; null when it holds none, undefined when it is not a source of the dataset. */
  text: string | null | undefined;
}

/** What the rules need to check `passage` and a fact naming the entities `ids`, read from dataset `dataset`. */
export async function passageLookups(db: Database, dataset: string, passage: Passage, ids: readonly string[]): Promise<PassageLookups> {
  const [ends, cited, named] = await Promise.all([
    db.read(namedQuery('fact-ends').cypher, { ids: [...ids, passage.source], dataset }),
    db.read(namedQuery('fact-source-text').cypher, { id: passage.source, dataset }),
    db.read(namedQuery('fact-sources-among').cypher, { ids, dataset }),
  ]);
  const sources = new SourceTable();
  const source = cited.rows[0];
  if (source) {
    sources.set(passage.source, SourceTable.known((source.text as string | null) ?? undefined, (source.excerpts as string[]) ?? []));
  } else {
    // Only to name them as an import does ("unknown source ... (sources: ...)"): their texts are not needed.
    const all = await db.read(namedQuery('fact-source-ids').cypher, { dataset });
    for (const row of all.rows) sources.set(String(row.id), SourceTable.known(undefined, []));
  }
  const known = new MemoryIds(new Map(ends.rows.map((r) => [String(r.id), String(r.label)])));
  for (const row of named.rows) known.claim(String(row.id), { kind: 'source' }, 'sources');
  return {
    sources,
    ids: known,
    text: source ? ((source.text as string | null) ?? null) : undefined,
  };
}

/**
 * What recording adds to the rules' quote check: the source holds a text (a passage is quoted by its offsets), and
 * the text-quote selector's anchors (W3C Web Annotation) hold: the quote is exactly text[start, end), and the prefix
 * and suffix, when given, sit right before and after it. The anchors are checked only when the rules found nothing,
 * so a quote that is not there gets the import's own message. `add` reports on `evidence[0].<field>`.
 */
export function checkPassage(text: string | null | undefined, passage: Passage, issues: Issues, add: (field: string, message: string) => void): void {
  if (text === null) {
    add('source', `'${passage.source}' holds no text: a fact recorded from a passage quotes a held text, by its offsets`);
    return;
  }
  if (text === undefined || issues.count > 0) return;
  const { quote, start, end, prefix, suffix } = passage;
  if (end > text.length || start >= end || text.slice(start, end) !== quote) {
    const at = text.indexOf(quote);
    add('start', `the quote is not the source's text at [${start}, ${end})${at >= 0 ? `: it is at [${at}, ${at + quote.length})` : ' (it differs in whitespace: give the characters as the source has them)'}`);
    return;
  }
  if (prefix !== undefined && !text.slice(0, start).endsWith(prefix)) add('prefix', `is not the text just before the quote ("${text.slice(Math.max(0, start - prefix.length), start)}")`);
  if (suffix !== undefined && !text.slice(end).startsWith(suffix)) add('suffix', `is not the text just after the quote ("${text.slice(end, end + suffix.length)}")`);
}
