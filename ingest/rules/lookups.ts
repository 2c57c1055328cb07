// How the ingest rules look up what ids name and what sources hold, and how a source's held text is read.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { foldWhitespace, type FoldedText } from '../quotes.ts';

export type ItemKind = 'source' | 'entity' | 'relation';

/** What an id names, as far as a way in knows: a source, a relation, or an entity with its label (when declared). */
export interface Known {
  kind: ItemKind;
  label?: string;
  /** The dataset a stored element belongs to (absent: stored before datasets, or not stored). */
  dataset?: string;
}

/**
 * Ids share one namespace across sources, entities and relations. A dataset file keeps them in maps
 * (MemoryIds); a bulk import in a compact hash index plus database look-ups (bulk/validate.ts).
 */
export interface IdLookup {
  /** Registers an item's id; when the id is taken, answers where it was first used ("at entities[3]"). */
  claim(id: string, known: Known, at: string): string | undefined;
  find(id: string): Known | undefined;
  /**
   * What the database already holds under the id, when the way in looked it up (a bulk import does, per
   * batch); undefined when it holds nothing there or the way in cannot know without writing (a dataset
   * file is validated without a database: its loader checks when it writes).
   */
  stored?(id: string): Known | undefined;
}

/** Ids of a dataset file held in memory; entity ids are announced first, so references may point forward. */
export class MemoryIds implements IdLookup {
  private readonly firstUse = new Map<string, string>();
  private readonly known = new Map<string, Known>();
  private readonly announced = new Set<string>();

  /** `existing`: entities outside the file (id -> label) that relations may point at. */
  constructor(private readonly existing?: ReadonlyMap<string, string>) {}

  announceEntities(ids: Iterable<string>): void {
    for (const id of ids) this.announced.add(id);
  }

  claim(id: string, known: Known, at: string): string | undefined {
    const previous = this.firstUse.get(id);
    if (previous) return `at ${previous}`;
    this.firstUse.set(id, at);
    this.known.set(id, known);
    return undefined;
  }

  find(id: string): Known | undefined {
    const known = this.known.get(id);
    if (known) return known;
    if (this.announced.has(id)) return { kind: 'entity' };
    const label = this.existing?.get(id);
    return label !== undefined ? { kind: 'entity', label } : undefined;
  }
}

/** A source as the quote checks need it: its held text (folded once) or its excerpts. */
export interface KnownSource {
  text?: string;
  folded?: FoldedText;
  excerpts: { text: string; folded: FoldedText }[];
  /** The source's own problem (unreadable text...) was reported: its quotes are not checked again. */
  broken?: boolean;
}

/** The sources evidence may cite (they are few: held in memory by every way in). */
export class SourceTable {
  private readonly sources = new Map<string, KnownSource>();

  static known(text: string | undefined, excerpts: readonly string[]): KnownSource {
    return { ...(text ? { text, folded: foldWhitespace(text) } : {}), excerpts: excerpts.map((e) => ({ text: e, folded: foldWhitespace(e) })) };
  }

  set(id: string, source: KnownSource): void {
    this.sources.set(id, source);
  }

  get(id: string): KnownSource | undefined {
    return this.sources.get(id);
  }

  /** A few ids, for a message. */
  sample(limit = 10): string {
    // Sorted: every way in lists the same ids whatever order it met them in.
    const ids = [...this.sources.keys()].sort();
    return ids.slice(0, limit).join(', ') + (ids.length > limit ? `, ... (${ids.length - limit} more)` : '');
  }

  get size(): number {
    return this.sources.size;
  }
}

/** Reads a source's held text; throws (any error) when it cannot. */
export type ReadText = (absolutePath: string) => string;

/** Where the first byte that is not UTF-8 sits, as line and column, so the message says where to look. */
function notUtf8(bytes: Buffer): Error {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const at = lenient.indexOf('\uFFFD');
  const before = at < 0 ? '' : lenient.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return new Error(`it is not valid UTF-8${at < 0 ? '' : ` (first bad byte at line ${line}, column ${column})`}; save it as UTF-8`);
}

/** A UTF-8 text file, refused when it is not UTF-8; a byte-order mark is not part of the text the offsets count in. */
export const readUtf8: ReadText = (file) => {
  const bytes = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};

/** A held text's SHA-256 (hex) of its UTF-8 bytes, as stored (`textSha256`) by every way in and the page's sources. */
export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
