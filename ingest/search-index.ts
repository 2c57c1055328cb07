// The opt-in full-text index over a foreign database's name properties: its statement, and the name properties read from a sample of each label.
import type { Database } from '../db/database.ts';
import { namedQuery } from '../db/named-queries.ts';
import { chooseCaptionProperties, nameProperties, propertyType, SEARCH_INDEX_NAME, type SampledProperty } from '../model/index.ts';

/** The command an operator runs to create the index (shown by GET /api/schema as `search.command`). */
export const SEARCH_INDEX_COMMAND = 'npm run search-index';

/** A label and the properties search looks in for it. */
export interface NameTarget {
  label: string;
  properties: string[];
}

function quoteName(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

/** CREATE FULLTEXT INDEX over the name properties of the given labels (one index, every label, every property: Lucene fields). */
export function fullTextIndexStatement(targets: readonly NameTarget[], index = SEARCH_INDEX_NAME): string | undefined {
  const withNames = targets.filter((t) => t.properties.length > 0);
  if (withNames.length === 0) return undefined;
  const properties = [...new Set(withNames.flatMap((t) => t.properties))];
  return (
    `CREATE FULLTEXT INDEX ${index} IF NOT EXISTS FOR (n:${withNames.map((t) => quoteName(t.label)).join('|')}) ` +
    `ON EACH [${properties.map((p) => `n.${quoteName(p)}`).join(', ')}] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'standard-folding'}}`
  );
}

export type LabelSample = (SampledProperty & { neo4jType: string })[];

/** Rows of schema-label-values.cypher as sampled properties. */
export function labelSample(properties: unknown): LabelSample {
  if (!Array.isArray(properties)) return [];
  return properties.map((p: { key: unknown; type: unknown; seen: unknown; values: unknown }) => ({
    key: String(p.key),
    neo4jType: String(p.type),
    type: propertyType(String(p.type)),
    seen: Number(p.seen ?? 1),
    values: Array.isArray(p.values) ? p.values : [],
  }));
}

/** Every label with nodes, and the name properties the caption rule finds on a sample of it. */
export async function discoverNameTargets(db: Database, sample = 200): Promise<NameTarget[]> {
  const { rows } = await db.read('CALL db.labels() YIELD label RETURN label ORDER BY label');
  // The named query the server runs too (cypher/queries/schema-label-values.cypher), so both share its plan.
  const query = namedQuery('schema-label-values').cypher;
  const targets: NameTarget[] = [];
  for (const row of rows) {
    const label = String(row.label);
    const { rows: sampled } = await db.read(query, { label, sample, values: 40 });
    const properties = labelSample(sampled[0]?.properties);
    if (properties.length === 0) continue;
    const names = nameProperties(properties, chooseCaptionProperties(properties)).filter((key) => properties.find((p) => p.key === key)?.type === 'string');
    if (names.length) targets.push({ label, properties: names });
  }
  return targets;
}
