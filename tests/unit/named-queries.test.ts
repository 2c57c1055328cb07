// The registry of named queries against the files of cypher/ and the code: every file declared and used, every name looked up declared.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../db/config.ts';
import { BUILT_QUERIES } from '../../db/built-queries.ts';
import { ALL_SEEN, cypherDir, expandVisibility, NAMED_QUERY_FILES, namedQueries, namedWrites, parseNamedQuery, seenBy, type QueryFolder } from '../../db/named-queries.ts';

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension))
    .map((file) => file.split(path.sep).join('/'));
}

/** The code that runs in production: what a named query must be used by. */
const PRODUCT_FOLDERS = ['server', 'db', 'ingest'];
/** Everything that may look a query up (the benchmarks and tests too). */
const ALL_FOLDERS = [...PRODUCT_FOLDERS, 'bench', 'scripts', 'tests'];

/** The registry's lookups, by their literal name: namedQuery('x'), builtQuery('x', ...), runNamed(db, 'x', ...). */
const LOOKUP = /\b(?:namedQuery|builtQuery)\(\s*'([^']+)'|\brunNamed\(\s*[\w.]+,\s*'([^']+)'/g;

function lookups(folders: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const folder of folders) {
    for (const file of filesUnder(path.join(projectRoot, folder), '.ts')) {
      const where = `${folder}/${file}`;
      if (where === 'tests/unit/named-queries.test.ts') continue;
      for (const match of readFileSync(path.join(projectRoot, where), 'utf8').matchAll(LOOKUP)) {
        const name = (match[1] ?? match[2])!;
        found.set(name, [...(found.get(name) ?? []), where]);
      }
    }
  }
  return found;
}

const declared = (Object.keys(NAMED_QUERY_FILES) as QueryFolder[]).flatMap((folder) => NAMED_QUERY_FILES[folder].map((name) => `${folder}/${name}`));

describe('named queries', () => {
  it('declares every .cypher file under cypher/, and has a file for every name it declares', () => {
    expect(filesUnder(cypherDir, '.cypher').map((file) => file.slice(0, -'.cypher'.length)).sort()).toEqual([...declared].sort());
  });

  it('loads every declared file with a title, and every write declares the parameters it uses', () => {
    expect(namedQueries().size).toBe(NAMED_QUERY_FILES.queries.length);
    expect(namedWrites().size).toBe(NAMED_QUERY_FILES.writes.length);
    for (const q of namedWrites().values()) {
      expect(q.title, q.name).not.toBe('');
      expect(q.cypher, q.name).not.toMatch(/\$\{|%s|\{\{/);
      for (const param of q.cypher.matchAll(/\$(\w+)/g)) expect(Object.keys(q.params), `${q.name} declares $${param[1]}`).toContain(param[1]);
    }
  });

  it('gives built queries names of their own', () => {
    const names = new Set<string>(Object.values(NAMED_QUERY_FILES).flat());
    for (const name of Object.keys(BUILT_QUERIES)) expect(names.has(name), `${name} is both built and a file`).toBe(false);
  });

  it('looks up only declared names, anywhere in the code, the benchmarks and the tests', () => {
    const known = new Set<string>([...Object.values(NAMED_QUERY_FILES).flat(), ...Object.keys(BUILT_QUERIES)]);
    const unknown = [...lookups(ALL_FOLDERS)].filter(([name]) => !known.has(name));
    expect(unknown, 'names looked up but not declared').toEqual([]);
  });

  it('uses every declared query in the product (the console examples through their header)', () => {
    const used = lookups(PRODUCT_FOLDERS);
    const examples = new Set([...namedQueries().values()].filter((q) => q.example).map((q) => q.name));
    const unused = [...Object.values(NAMED_QUERY_FILES).flat(), ...Object.keys(BUILT_QUERIES)].filter((name) => !used.has(name) && !examples.has(name));
    expect(unused, 'declared but never looked up by server/, db/ or ingest/').toEqual([]);
  });
});

describe('the visibility macros of the .cypher files', () => {
  it('expands SEEN(x) to the dataset and fact-status condition on x, and ALL_SEEN to the test of no filter', () => {
    expect(expandVisibility('MATCH (a)-[r]->(b) WHERE SEEN(a) AND SEEN( r ) AND NOT ALL_SEEN RETURN r')).toBe(
      'MATCH (a)-[r]->(b) WHERE ' +
        "(($datasets IS NULL OR a.dataset IN $datasets) AND ($statuses IS NULL OR coalesce(a.factStatus, 'accepted') IN $statuses)) AND " +
        "(($datasets IS NULL OR r.dataset IN $datasets) AND ($statuses IS NULL OR coalesce(r.factStatus, 'accepted') IN $statuses)) AND " +
        'NOT ($datasets IS NULL AND $statuses IS NULL) RETURN r',
    );
    expect(seenBy('x')).toBe("(($datasets IS NULL OR x.dataset IN $datasets) AND ($statuses IS NULL OR coalesce(x.factStatus, 'accepted') IN $statuses))");
    expect(ALL_SEEN).toBe('($datasets IS NULL AND $statuses IS NULL)');
    // Names that merely contain the words are left alone.
    expect(expandVisibility('RETURN UNSEEN(x), ALL_SEEN_BEFORE, n.SEEN')).toBe('RETURN UNSEEN(x), ALL_SEEN_BEFORE, n.SEEN');
  });

  it('expands them when a file is parsed, so what runs and what the console shows is plain Cypher', () => {
    const parsed = parseNamedQuery('x', '// title: X\n// params: {"datasets": null, "statuses": null}\nMATCH (n) WHERE SEEN(n) RETURN n');
    expect(parsed.cypher).toBe(`MATCH (n) WHERE ${seenBy('n')} RETURN n`);
  });

  it('leaves no macro in any read, and every read that filters by dataset also filters by status and declares both parameters', () => {
    for (const q of namedQueries().values()) {
      expect(q.cypher, q.name).not.toMatch(/\bSEEN\(|\bALL_SEEN\b/);
      if (!q.cypher.includes('$datasets')) continue;
      expect(q.cypher, `${q.name} filters by $statuses`).toContain('$statuses');
      expect(Object.keys(q.params), `${q.name} declares datasets and statuses`).toEqual(expect.arrayContaining(['datasets', 'statuses']));
      // Every element checked for its dataset is checked for its status too: no dataset test outside SEEN, but the
      // cited sources' column, which only the datasets decide (a source has no status).
      const outside = q.cypher.replaceAll(/\(\(\$datasets IS NULL OR (\w+)\.dataset IN \$datasets\) AND \(\$statuses IS NULL OR coalesce\(\1\.factStatus, 'accepted'\) IN \$statuses\)\)/g, '');
      expect(outside.replaceAll('CASE WHEN $datasets IS NULL THEN null', ''), q.name).not.toMatch(/\.dataset IN \$datasets/);
    }
  });
});
