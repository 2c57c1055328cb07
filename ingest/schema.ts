// The Cypher schema (constraints and indexes): rendered from the model declaration, kept in cypher/schema.cypher, applied to a database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../db/config.ts';
import type { Database } from '../db/database.ts';
import { MODEL, type Model } from '../model/index.ts';

export const SCHEMA_PATH = path.join(projectRoot, 'cypher', 'schema.cypher');

/** The full-text index search uses; the API's catalog names the same index. */
export const SEARCH_INDEX_NAME = 'entity_search';

function snake(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * The schema file's text. Generated from the declaration so that every declared relationship type
 * gets its date index; tests/unit/model.test.ts proves cypher/schema.cypher equals this output.
 */
export function renderSchema(model: Model = MODEL): string {
  const e = model.entityLabel;
  const s = model.sourceLabel;
  const lines = [
    '// Civic Graph schema: constraints and indexes. Generated from server/model/declaration.ts by',
    '// `npx tsx ingest/seed-cli.ts --write-schema`; each statement is idempotent and runs as-is in cypher-shell.',
    '',
    '// Dataset ids are unique and indexed (lookups by id go through these constraints).',
    `CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:${e}) REQUIRE n.id IS UNIQUE;`,
    `CREATE CONSTRAINT source_id_unique IF NOT EXISTS FOR (n:${s}) REQUIRE n.id IS UNIQUE;`,
    '',
    '// Names and aliases, diacritics folded ("Eleves" finds "Elèves", "Goïta" finds "Goita").',
    `CREATE FULLTEXT INDEX ${SEARCH_INDEX_NAME} IF NOT EXISTS FOR (n:${e}) ON EACH [n.name, n.searchText]`,
    "  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};",
    '',
    '// Labels and relationship types: the token lookup indexes (Neo4j creates them by default; kept if present).',
    'CREATE LOOKUP INDEX node_label_lookup IF NOT EXISTS FOR (n) ON EACH labels(n);',
    'CREATE LOOKUP INDEX relationship_type_lookup IF NOT EXISTS FOR ()-[r]-() ON EACH type(r);',
    '',
    '// Dates, for the timeline and time filters.',
    `CREATE INDEX entity_date IF NOT EXISTS FOR (n:${e}) ON (n.date);`,
    `CREATE INDEX source_published IF NOT EXISTS FOR (n:${s}) ON (n.published);`,
  ];
  for (const relation of model.relations) {
    lines.push(`CREATE INDEX rel_${snake(relation.type)}_date IF NOT EXISTS FOR ()-[r:${relation.type}]-() ON (r.date);`);
  }
  lines.push('');
  lines.push('// End dates: periods that began before a timeline window and reach into it (see seed/timeline-queries.ts).');
  lines.push(`CREATE INDEX entity_end_date IF NOT EXISTS FOR (n:${e}) ON (n.endDate);`);
  for (const relation of model.relations) {
    lines.push(`CREATE INDEX rel_${snake(relation.type)}_end_date IF NOT EXISTS FOR ()-[r:${relation.type}]-() ON (r.endDate);`);
  }
  lines.push('');
  lines.push('// Relationship ids, per type (a dataset relation id is unique across the dataset; the loader checks it).');
  for (const relation of model.relations) {
    lines.push(`CREATE INDEX rel_${snake(relation.type)}_id IF NOT EXISTS FOR ()-[r:${relation.type}]-() ON (r.id);`);
  }
  return lines.join('\n') + '\n';
}

/** Splits a .cypher file into statements: `;` ends a statement; `//` comment lines are dropped. */
export function schemaStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export function readSchema(file = SCHEMA_PATH): string[] {
  return schemaStatements(readFileSync(file, 'utf8'));
}

/** The name a schema statement creates, e.g. `entity_search`. */
export function statementName(statement: string): string | undefined {
  return /^CREATE\s+(?:CONSTRAINT|(?:FULLTEXT\s+|LOOKUP\s+|RANGE\s+|TEXT\s+|POINT\s+)?INDEX)\s+`?(\w+)`?/i.exec(statement)?.[1];
}

/**
 * Applies the statements of the schema file that the database lacks (each in its own
 * transaction: Neo4j does not mix schema and data changes) and waits until the indexes are
 * online, so search works at once. Skipping what exists keeps a reload fast; IF NOT EXISTS keeps
 * each statement safe on its own in cypher-shell.
 */
export async function applySchema(db: Database, file = SCHEMA_PATH): Promise<number> {
  const statements = readSchema(file);
  const indexes = (await db.read('SHOW INDEXES YIELD name, type, entityType RETURN name, type, entityType')).rows;
  const constraints = (await db.read('SHOW CONSTRAINTS YIELD name RETURN name')).rows;
  const existing = new Set([...indexes, ...constraints].map((row) => String(row.name)));
  // Neo4j creates both token lookup indexes by default under generated names; one of either kind is enough.
  const lookups = new Set(indexes.filter((row) => row.type === 'LOOKUP').map((row) => String(row.entityType)));
  let applied = 0;
  for (const statement of statements) {
    const name = statementName(statement);
    if (name && existing.has(name)) continue;
    if (/^CREATE\s+LOOKUP\s+INDEX/i.test(statement) && lookups.has(/\(\s*\w*\s*\)\s*ON\s+EACH\s+labels/i.test(statement) ? 'NODE' : 'RELATIONSHIP')) continue;
    await db.write(statement);
    applied++;
  }
  if (applied > 0) await db.read('CALL db.awaitIndexes(300)');
  return applied;
}
