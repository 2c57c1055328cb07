// The reads built in TypeScript, each under a name beside the files of cypher/: Neo4j seeks a label only when the label is written in the statement (a label parameter scans every node), so these write the labels in.
import { ENTITY_LABEL, RECORD_LABELS } from '../model/index.ts';

/** A label name as a Cypher identifier (backticks doubled); labels come from what Neo4j reports. */
function labelIdentifier(label: string): string {
  return '`' + label.replace(/`/g, '``') + '`';
}

/**
 * The seeds of a sampled overview: for each label, the best-connected of its first $sample nodes
 * (degrees from the degree store). Neo4j seeks a label only when it is written in the query (a
 * label parameter scans every node), so the statement is rendered from the labels Neo4j reported,
 * one branch per label; each reads at most $sample nodes, whatever the size of the label. With
 * $datasets (the datasets the caller reads; null: every one) only their nodes, ranked by the
 * relationships the caller sees (counted, not read from the degree store).
 */
export function overviewSeedsCypher(labels: readonly string[]): string {
  const degree = 'CASE WHEN $datasets IS NULL THEN COUNT { (s)--() } ELSE COUNT { MATCH (s)-[r]-(m) WHERE r.dataset IN $datasets AND m.dataset IN $datasets } END';
  const branches = labels.map(
    (label, i) =>
      `  MATCH (s:${labelIdentifier(label)}) WHERE $datasets IS NULL OR s.dataset IN $datasets\n  WITH s LIMIT $sample\n  WITH s, ${degree} AS degree ORDER BY degree DESC LIMIT $seedsPerLabel\n  RETURN elementId(s) AS seed, ${i} AS labelRank, degree`,
  );
  return `CALL () {\n${branches.join('\n  UNION ALL\n')}\n}\nRETURN seed, labelRank, degree`;
}

/**
 * The statement counting the nodes the graph views can show: every node less the records about the
 * graph (RECORD_LABELS), each count read from Neo4j's count store (a label parameter would scan
 * every node, so the labels are written into the statement). Records never carry a second record label.
 */
export function countNodesCypher(recordLabels: readonly string[] = RECORD_LABELS): string {
  return `MATCH (n) WITH count(n) AS everything\nRETURN everything${recordLabels.map((l) => ` - COUNT { MATCH (n:${labelIdentifier(l)}) }`).join('')} AS total`;
}

/** All nodes, our entities and the records, from the count store: what a start needs to tell ours, empty and foreign apart. */
export function databaseCountsCypher(): string {
  return `RETURN COUNT { (n) } AS nodes, COUNT { (n:${ENTITY_LABEL}) } AS entities, ${RECORD_LABELS.map((l) => `COUNT { (n:${l}) }`).join(' + ')} AS records`;
}

/** What a fact's reads answer: its id, type, ends, dataset, properties and element id (the seek for what follows). */
export const FACT_COLUMNS = 'r.id AS id, type(r) AS type, a.id AS from, b.id AS to, r.dataset AS dataset, properties(r) AS properties, elementId(r) AS elementId';

/**
 * A fact (a relationship between two entities) by its id $id. Relationship ids are indexed per type (rel_<type>_id),
 * and a type is used only when it is written in the statement, so there is one branch per relationship type of the
 * model: each a seek, where a statement without a type would read every relationship.
 */
export function factByIdCypher(types: readonly string[]): string {
  const branches = types.map((type) => `  MATCH (a:${ENTITY_LABEL})-[r:${labelIdentifier(type)} {id: $id}]->(b:${ENTITY_LABEL}) RETURN a, r, b`);
  if (!branches.length) return 'RETURN null AS id LIMIT 0';
  return `CALL () {\n${branches.join('\n  UNION ALL\n')}\n}\nRETURN ${FACT_COLUMNS}\nLIMIT 1`;
}

/**
 * The proposed facts of the datasets $datasets (null: every one), newest first by their creation revision, with
 * their ends' names and their author: page $offset, $limit of them, and how many there are in all. One branch per
 * relationship type of the model (a type is used only when written in the statement), each sought by the type's
 * fact-status index; a fact is proposed only until it is reviewed, so the list stays short.
 */
export function reviewListCypher(types: readonly string[]): string {
  if (!types.length) return 'RETURN 0 AS total, [] AS facts';
  const branches = types.map(
    (type) => `  MATCH (a:${ENTITY_LABEL})-[r:${labelIdentifier(type)}]->(b:${ENTITY_LABEL}) WHERE r.factStatus = 'proposed' AND ($datasets IS NULL OR r.dataset IN $datasets) RETURN a, r, b`,
  );
  return (
    `CALL () {\n${branches.join('\n  UNION ALL\n')}\n}\n` +
    'OPTIONAL MATCH (v:Revision {subject: r.id, revision: 1})\n' +
    'WITH a, r, b, v ORDER BY v.at DESC, r.id\n' +
    'WITH collect({id: r.id, type: type(r), from: a.id, to: b.id, dataset: r.dataset, properties: properties(r), fromName: a.name, toName: b.name, author: v.actorName, authorId: v.actor, at: toString(v.at)}) AS items\n' +
    'RETURN size(items) AS total, items[$offset..$offset + $limit] AS facts'
  );
}

interface BuiltQuery {
  title: string;
  build: (...args: never[]) => string;
  /** Example parameters, for planning ahead. */
  params: Record<string, unknown>;
}

/** Every built read by name; tests/unit/named-queries.test.ts checks each is used and none shadows a file of cypher/. */
export const BUILT_QUERIES = {
  'count-nodes': { title: 'Nodes the graph views can show (records left out), from the count store', build: countNodesCypher, params: {} },
  'database-counts': { title: 'All nodes, entities and records, from the count store', build: databaseCountsCypher, params: {} },
  'fact-by-id': { title: 'A fact by its id, one seek per relationship type of the model', build: factByIdCypher, params: { id: 'rel/example' } },
  'review-list': { title: 'The proposed facts of some datasets, newest first, a page of them and their number', build: reviewListCypher, params: { datasets: null, offset: 0, limit: 50 } },
  'overview-seeds': { title: "The best-connected of each label's first nodes: the seeds of a sampled overview", build: overviewSeedsCypher, params: { sample: 200, seedsPerLabel: 3, datasets: null } },
} as const satisfies Record<string, BuiltQuery>;

export type BuiltName = keyof typeof BUILT_QUERIES;

/** The statement of a built read, from the arguments its builder takes (labels, for the overview's seeds). */
export function builtQuery<N extends BuiltName>(name: N, ...args: Parameters<(typeof BUILT_QUERIES)[N]['build']>): string {
  return (BUILT_QUERIES[name].build as (...a: typeof args) => string)(...args);
}
