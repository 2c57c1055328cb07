// The Cypher schema (constraints and indexes) derived from a model: what the loaders apply, and
// what `npm run schema` prints for people who run it in their own shell.
import type { Model } from './model.ts';
import { ENTITY_LABEL, MODEL_EXTENSION_LABEL, REVISION_LABEL, SEARCH_INDEX_NAME, SOURCE_LABEL, STORED } from './storage.ts';

export interface SchemaStatement {
  /** The name the statement creates (constraints and indexes are found by it). */
  name: string;
  /** Why it exists, printed above it as a comment. */
  why?: string;
  cypher: string;
}

function snake(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Every statement, idempotent (IF NOT EXISTS). Relationship indexes exist per type only in Neo4j,
 * so each declared type gets its date, end-date and id index; a dataset's own types get theirs.
 */
export function schemaStatements(model: Model): SchemaStatement[] {
  const E = ENTITY_LABEL;
  const S = SOURCE_LABEL;
  const out: SchemaStatement[] = [
    { name: 'entity_id_unique', why: 'Dataset ids are unique and indexed (lookups by id go through these constraints).', cypher: `CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:${E}) REQUIRE n.${STORED.id} IS UNIQUE` },
    { name: 'source_id_unique', cypher: `CREATE CONSTRAINT source_id_unique IF NOT EXISTS FOR (n:${S}) REQUIRE n.${STORED.id} IS UNIQUE` },
    { name: 'model_extension_id_unique', cypher: `CREATE CONSTRAINT model_extension_id_unique IF NOT EXISTS FOR (n:${MODEL_EXTENSION_LABEL}) REQUIRE n.${STORED.id} IS UNIQUE` },
    {
      name: SEARCH_INDEX_NAME,
      why: 'Names and aliases, diacritics folded ("Eleves" finds "Elèves", "Goïta" finds "Goita").',
      cypher: `CREATE FULLTEXT INDEX ${SEARCH_INDEX_NAME} IF NOT EXISTS FOR (n:${E}) ON EACH [n.${STORED.name}, n.${STORED.searchText}]\n  OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false}}`,
    },
    { name: 'entity_date', why: 'Dates and end dates, for the timeline and time filters.', cypher: `CREATE INDEX entity_date IF NOT EXISTS FOR (n:${E}) ON (n.${STORED.date})` },
    { name: 'entity_end_date', cypher: `CREATE INDEX entity_end_date IF NOT EXISTS FOR (n:${E}) ON (n.${STORED.endDate})` },
    { name: 'source_published', cypher: `CREATE INDEX source_published IF NOT EXISTS FOR (n:${S}) ON (n.published)` },
    {
      name: 'entity_dataset',
      why: 'The dataset each element belongs to (the unit of access): a read that starts from a dataset seeks it, and the ways in look ids up by it.',
      cypher: `CREATE INDEX entity_dataset IF NOT EXISTS FOR (n:${E}) ON (n.${STORED.dataset})`,
    },
    { name: 'source_dataset', cypher: `CREATE INDEX source_dataset IF NOT EXISTS FOR (n:${S}) ON (n.${STORED.dataset})` },
    { name: 'revision_subject', why: "A fact's or an actor's history: its revisions, sought by its id.", cypher: `CREATE INDEX revision_subject IF NOT EXISTS FOR (v:${REVISION_LABEL}) ON (v.subject)` },
  ];
  model.relations.forEach((relation, i) => {
    const t = relation.type;
    const s = snake(t);
    out.push({ name: `rel_${s}_date`, ...(i === 0 ? { why: "Per relationship type: date, end date, the dataset id (unique across a dataset; the loader checks it), and a recorded fact's status." } : {}), cypher: `CREATE INDEX rel_${s}_date IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.${STORED.date})` });
    out.push({ name: `rel_${s}_end_date`, cypher: `CREATE INDEX rel_${s}_end_date IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.${STORED.endDate})` });
    out.push({ name: `rel_${s}_id`, cypher: `CREATE INDEX rel_${s}_id IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.${STORED.id})` });
    // The review list seeks the proposed facts of each type (recorded ones carry a status; imported ones none).
    out.push({ name: `rel_${s}_fact_status`, cypher: `CREATE INDEX rel_${s}_fact_status IF NOT EXISTS FOR ()-[r:${t}]-() ON (r.${STORED.factStatus})` });
  });
  return out;
}

/** The schema as a .cypher text that runs as-is in cypher-shell. */
export function renderSchema(model: Model): string {
  const lines = [`// Civic Graph schema for the model '${model.id}', derived from its declaration; each statement is idempotent.`];
  for (const s of schemaStatements(model)) {
    if (s.why) lines.push('', `// ${s.why}`);
    lines.push(`${s.cypher};`);
  }
  return lines.join('\n') + '\n';
}
