// An in-memory index of a foreign database's name words (read once by a scan, refreshed after a while), so search without a full-text index answers as the user types.
import type { Database } from '../../db/database.ts';
import { fold } from '../../model/index.ts';
import { namedQuery } from '../../db/named-queries.ts';
import { searchTerms } from './search-text.ts';

export interface NameTarget {
  label: string;
  properties: string[];
}

/** True when `a` and `b` differ by at most one letter changed, added, removed, or two neighbours swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [m, n] = [a.length, b.length];
  if (Math.abs(m - n) > 1) return false;
  let i = 0;
  while (i < m && i < n && a[i] === b[i]) i++;
  if (m === n) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return m < n ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
}

/** Does a folded word of a name match a folded query word: a prefix of it, or, for words of four letters or more, within one typo of it or of its start? */
export function wordMatches(word: string, term: string): boolean {
  if (word.startsWith(term)) return true;
  if (term.length < 4) return false;
  return withinOneEdit(term, word) || withinOneEdit(term, word.slice(0, term.length)) || withinOneEdit(term, word.slice(0, term.length + 1));
}

/**
 * Every node's name text and, per distinct folded word, the nodes that carry it. A query finds the
 * distinct words each of its words matches (a few thousand words to compare, not every node), then the
 * nodes that carry a match for every word.
 */
export class NameIndex {
  private readonly ids: string[] = [];
  private readonly labels: string[] = [];
  private readonly postings = new Map<string, number[]>();

  constructor(rows: Iterable<{ id: string; label: string; text: string }>) {
    for (const row of rows) {
      const entry = this.ids.length;
      this.ids.push(row.id);
      this.labels.push(row.label);
      for (const word of new Set(fold(row.text).split(/[^\p{L}\p{N}]+/u).filter(Boolean))) {
        const list = this.postings.get(word);
        if (list) list.push(entry);
        else this.postings.set(word, [entry]);
      }
    }
  }

  get size(): number {
    return this.ids.length;
  }

  get words(): number {
    return this.postings.size;
  }

  /**
   * Element ids of the nodes whose names match every word of the query, at most `limit`: best spelled
   * first (a word exactly, then as a prefix, then within one typo), then in the order they were read.
   */
  search(query: string, labels: readonly string[] | null, limit: number): string[] {
    const terms = searchTerms(query);
    if (terms.length === 0) return [];
    let found: Map<number, number> | undefined;
    // Longer words first: they match fewer names, so the sets to intersect stay small.
    for (const term of [...terms].sort((a, b) => b.length - a.length)) {
      const matched = new Map<number, number>();
      for (const [word, entries] of this.postings) {
        if (!wordMatches(word, term)) continue;
        const quality = word === term ? 2 : word.startsWith(term) ? 1.5 : 1;
        for (const entry of entries) {
          const before = found ? found.get(entry) : 0;
          if (before === undefined) continue;
          if ((matched.get(entry) ?? 0) < before + quality) matched.set(entry, before + quality);
        }
      }
      found = matched;
      if (found.size === 0) return [];
    }
    const ranked = [...found!].filter(([entry]) => !labels || labels.includes(this.labels[entry]!));
    ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return ranked.slice(0, limit).map(([entry]) => this.ids[entry]!);
  }
}

/** Nodes read into the index per label at most; past it a label is searched by the bounded Cypher scan instead. */
export const NAME_INDEX_MAX_PER_LABEL = 250_000;
/** How long an index serves before it is read again (a foreign database may change under us). */
export const NAME_INDEX_TTL_MS = 5 * 60_000;

export async function loadNameIndex(db: Database, targets: readonly NameTarget[]): Promise<NameIndex> {
  const { rows } = await db.read(namedQuery('search-names-load').cypher, { targets, examine: NAME_INDEX_MAX_PER_LABEL }, { timeoutMs: 120_000 });
  return new NameIndex(rows.map((r) => ({ id: String(r.id), label: String(r.label), text: String(r.text ?? '') })));
}

/**
 * Keeps one name index per set of targets: built in the background on first need and after its time is
 * up; until the first is ready, `current` answers undefined, `within` waits a bounded while for it, and
 * search falls back to the bounded scan when neither has one.
 */
export class NameIndexCache {
  private entry: { key: string; at: number; index?: NameIndex; building?: Promise<void> } | undefined;

  constructor(private readonly db: Database, private readonly ttlMs = NAME_INDEX_TTL_MS) {}

  current(targets: readonly NameTarget[]): NameIndex | undefined {
    const key = JSON.stringify(targets);
    const now = Date.now();
    if (!this.entry || this.entry.key !== key) this.entry = { key, at: 0 };
    const entry = this.entry;
    if (!entry.building && now - entry.at > this.ttlMs) {
      entry.building = loadNameIndex(this.db, targets).then(
        (index) => {
          entry.index = index;
          entry.at = Date.now();
        },
        () => undefined,
      ).finally(() => {
        entry.building = undefined;
      });
    }
    return entry.index;
  }

  /**
   * The index, waiting at most `waitMs` for the first read when it is under way: at 60k nodes the read
   * took about 1 s and each bounded scan meanwhile 2–4 s, so a keystroke is answered sooner by waiting,
   * and the waiting requests add no work to Neo4j. Undefined when nothing is ready within the wait.
   */
  async within(targets: readonly NameTarget[], waitMs: number): Promise<NameIndex | undefined> {
    const index = this.current(targets);
    const entry = this.entry;
    if (index || !entry?.building || waitMs <= 0) return index;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([entry.building, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    return entry.index;
  }

  /** Resolves once the index for these targets has been built (or failed): for tests and warm-up. */
  async ready(targets: readonly NameTarget[]): Promise<NameIndex | undefined> {
    this.current(targets);
    await this.entry?.building;
    return this.entry?.index;
  }
}
