// The registry of named queries: the .cypher files of cypher/ (reads in queries/, the import's statements in writes/), declared by name in one table, read and parsed once, looked up by name.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './config.ts';

export const cypherDir = path.join(projectRoot, 'cypher');
export const queriesDir = path.join(cypherDir, 'queries');
export const writesDir = path.join(cypherDir, 'writes');

/**
 * Every named query, by its folder under cypher/. A name not in this table is a compile error at its
 * lookup; tests/unit/named-queries.test.ts checks the table against the files and that each name is used.
 */
export const NAMED_QUERY_FILES = {
  /** Reads: the server plans each of them at start (server/services/warm.ts). */
  queries: [
    'console-path-ends',
    'datasets',
    'example-accusations',
    'example-dissolutions',
    'example-label-counts',
    'example-source-statements',
    'example-timeline',
    'example-two-hops',
    'export-edges',
    'export-sources',
    'fulltext-index',
    'histogram-dated-label',
    'label-top',
    'neighbors',
    'node-details',
    'node-resolve',
    'nodes-by-element-ids',
    'nodes-resolve-many',
    'overview-edges',
    'overview-neighbourhoods',
    'overview-nodes',
    'paths',
    'schema-counts-scan',
    'schema-counts',
    'schema-counts-visible',
    'schema-graph',
    'schema-label-values',
    'schema-pattern-counts',
    'schema-relationship-properties',
    'search-fulltext',
    'search-names-load',
    'search-names-scan',
    'search-scan',
    'search-sources',
    'source-details',
    'sources-list',
    'timeline-count',
    'timeline-dated-label',
    'timeline-items',
    'timeline',
  ],
  /** The bulk import's statements (ingest/bulk/), its bookkeeping's reads; and what records facts through the API (server/services/writes/). */
  writes: [
    'actor-by-id',
    'actor-lock',
    'actor-merge-move',
    'actor-merge-unmove',
    'fact-actors-decide',
    'fact-by-element',
    'fact-dataset-lock',
    'fact-ends',
    'fact-ids-taken',
    'fact-lock',
    'fact-revision-create',
    'fact-source-by-text',
    'fact-source-ids',
    'fact-source-create',
    'fact-source-text',
    'fact-sources-among',
    'import-dataset-begin',
    'import-journal-delete',
    'import-journals-discard',
    'import-journals-of-run',
    'import-journals-orphan',
    'import-journals-others',
    'import-run-begin',
    'import-run-complete',
    'import-run-current',
    'import-run-delete',
    'import-run-heartbeat',
    'import-run-lock',
    'import-sources-create',
    'import-sources-update',
    'import-undo-datasets',
    'import-undo-entities',
    'import-undo-sources',
    'revisions-of',
  ],
} as const;

export type ReadName = (typeof NAMED_QUERY_FILES.queries)[number];
export type WriteName = (typeof NAMED_QUERY_FILES.writes)[number];
export type QueryName = ReadName | WriteName;
export type QueryFolder = keyof typeof NAMED_QUERY_FILES;

/** One .cypher file: its header comments (`// title:`, `// description:`, `// params:`, `// example:`) and its statement. */
export interface NamedQuery {
  name: string;
  title: string;
  description: string;
  /** The statement without its header comments. */
  cypher: string;
  /** Example parameters, from the `// params:` JSON. */
  params: Record<string, unknown>;
  /** Shown to analysts in the console's list of examples. */
  example: boolean;
}

export function parseNamedQuery(name: string, text: string, file = `cypher/queries/${name}.cypher`): NamedQuery {
  const lines = text.split('\n');
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const match = /^\s*\/\/\s*(title|description|params|example):\s?(.*)$/.exec(lines[i]!);
    if (!match) break;
    const key = match[1]!;
    header[key] = header[key] ? `${header[key]} ${match[2]!.trim()}` : match[2]!.trim();
  }
  if (!header.title) throw new Error(`${file} must start with a '// title:' comment`);
  let params: Record<string, unknown> = {};
  if (header.params) {
    try {
      params = JSON.parse(header.params) as Record<string, unknown>;
    } catch {
      throw new Error(`${file}: the '// params:' line is not JSON`);
    }
  }
  return {
    name,
    title: header.title,
    description: header.description ?? '',
    cypher: lines.slice(i).join('\n').trim(),
    params,
    example: header.example === 'true' || header.example === 'yes',
  };
}

/** The path of a named query's file, relative to the project (for messages). */
export function namedQueryFile(folder: QueryFolder, name: string): string {
  return `cypher/${folder}/${name}.cypher`;
}

function loadFolder(folder: QueryFolder): Map<string, NamedQuery> {
  const map = new Map<string, NamedQuery>();
  // In file-name order (as a directory listing sorts them: 'timeline-count.cypher' before 'timeline.cypher').
  const byFile = [...NAMED_QUERY_FILES[folder]].sort((a, b) => (`${a}.cypher` < `${b}.cypher` ? -1 : 1));
  for (const name of byFile) {
    const file = namedQueryFile(folder, name);
    let text: string;
    try {
      text = readFileSync(path.join(projectRoot, file), 'utf8');
    } catch {
      throw new Error(`no named query ${file} (declared in db/named-queries.ts)`);
    }
    map.set(name, parseNamedQuery(name, text, file));
  }
  return map;
}

const loaded = new Map<QueryFolder, Map<string, NamedQuery>>();

function folderQueries(folder: QueryFolder): Map<string, NamedQuery> {
  const cached = loaded.get(folder);
  if (cached) return cached;
  const map = loadFolder(folder);
  loaded.set(folder, map);
  return map;
}

/** The reads (cypher/queries/), read once from disk, in file-name order. */
export function namedQueries(): Map<string, NamedQuery> {
  return folderQueries('queries');
}

/** The import's statements (cypher/writes/), read once from disk, in file-name order. */
export function namedWrites(): Map<string, NamedQuery> {
  return folderQueries('writes');
}

export function namedQuery(name: QueryName): NamedQuery {
  const query = namedQueries().get(name) ?? namedWrites().get(name);
  if (!query) throw new Error(`no named query '${name}' in cypher/`);
  return query;
}

/** The queries shown to analysts as examples, in file-name order. */
export function exampleQueries(): NamedQuery[] {
  return [...namedQueries().values()].filter((q) => q.example);
}
