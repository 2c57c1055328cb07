// The console's example queries for a database Civic Graph did not build, generated from its schema (the Mali examples stay for our data).
import type { Database } from '../../db/database.ts';
import type { CatalogSnapshot, LabelInfo, RelationshipTypeInfo } from './catalog.ts';
import { exampleQueries, namedQuery } from '../../db/named-queries.ts';
import { consolePathEnds } from './reads/labels.ts';

export interface ConsoleExample {
  name: string;
  title: string;
  description: string;
  cypher: string;
  params: Record<string, unknown>;
}

/** A label or type name as Cypher writes it; the names come from what the database reports. */
export function quoteName(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** The label most relationships touch (ties: the larger label, then the name): what an analyst looks at first. */
export function centralLabel(labels: readonly LabelInfo[], types: readonly RelationshipTypeInfo[]): LabelInfo | undefined {
  const weight = new Map<string, number>();
  for (const t of types) for (const l of new Set([...t.from, ...t.to])) weight.set(l, (weight.get(l) ?? 0) + t.count);
  return [...labels]
    .filter((l) => l.count > 0)
    .sort((a, b) => (weight.get(b.label) ?? 0) - (weight.get(a.label) ?? 0) || b.count - a.count || a.label.localeCompare(b.label))[0];
}

/**
 * Examples for a foreign database: the central label's most connected nodes (first: the console's pre-filled
 * query), the links between it and another label, a shortest path between two of its real nodes, and the
 * label counts that work anywhere.
 */
export async function foreignExamples(db: Database, snapshot: CatalogSnapshot): Promise<ConsoleExample[]> {
  const examples: ConsoleExample[] = [];
  const central = centralLabel(snapshot.labels, snapshot.relationshipTypes);
  if (central) {
    const a = quoteName(central.label);
    examples.push({
      name: 'schema-most-connected',
      title: `The most connected ${central.label} nodes`,
      description: `${central.label} nodes with the most relationships, most connected first.`,
      cypher: `MATCH (n:${a})\nRETURN n, COUNT { (n)--() } AS degree\nORDER BY degree DESC\nLIMIT 25`,
      params: {},
    });
    const link = [...snapshot.relationshipTypes]
      .filter((t) => t.count > 0 && t.from.length && t.to.length)
      .map((t) => {
        const outward = t.from.includes(central.label) ? t.to.find((l) => l !== central.label) : undefined;
        const inward = t.to.includes(central.label) ? t.from.find((l) => l !== central.label) : undefined;
        return { t, from: outward ? central.label : inward, to: outward ?? (inward ? central.label : undefined) };
      })
      .filter((l): l is { t: RelationshipTypeInfo; from: string; to: string } => Boolean(l.from && l.to))
      .sort((x, y) => y.t.count - x.t.count || x.t.type.localeCompare(y.t.type))[0];
    if (link) {
      examples.push({
        name: 'schema-two-labels',
        title: `${link.from} and ${link.to}: ${link.t.type}`,
        description: `How ${link.from} nodes link to ${link.to} nodes through ${link.t.type} (${link.t.count} relationships in all).`,
        cypher: `MATCH (a:${quoteName(link.from)})-[r:${quoteName(link.t.type)}]->(b:${quoteName(link.to)})\nRETURN a, r, b\nLIMIT 50`,
        params: {},
      });
    }
    const ends = await consolePathEnds(db, central.label);
    if (ends) {
      examples.push({
        name: 'schema-path',
        title: `A shortest path from the most connected ${central.label}`,
        description: `The shortest path between two nodes of this database (their element ids as parameters: put others in).`,
        cypher: 'MATCH (a), (b)\nWHERE elementId(a) = $from AND elementId(b) = $to\nMATCH p = shortestPath((a)-[*..6]-(b))\nRETURN p',
        params: ends,
      });
    }
  }
  const counts = namedQuery('example-label-counts');
  examples.push({ name: counts.name, title: counts.title, description: counts.description, cypher: counts.cypher, params: counts.params });
  return examples;
}

const cache = new WeakMap<CatalogSnapshot, Promise<ConsoleExample[]>>();

/** The console's examples for the open database: Civic Graph's own (cypher/queries/example-*.cypher) on ours, generated ones elsewhere. */
export function consoleExamples(db: Database, snapshot: CatalogSnapshot): Promise<ConsoleExample[]> {
  if (snapshot.ours) return Promise.resolve(exampleQueries().map(({ name, title, description, cypher, params }) => ({ name, title, description, cypher, params })));
  let examples = cache.get(snapshot);
  if (!examples) {
    examples = foreignExamples(db, snapshot);
    cache.set(snapshot, examples);
    examples.catch(() => cache.delete(snapshot));
  }
  return examples;
}
