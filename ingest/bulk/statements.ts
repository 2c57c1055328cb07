// The statements that must be built in code, in one place (the bulk import's, and those recording facts through the API): those that name a relationship type or splice the model's labels and date properties into their text. Every fixed statement is a named file in cypher/writes/.
//
// Why not parameters: Cypher takes no relationship type as a parameter except as a dynamic type, and on Neo4j 5.26 a
// MATCH with a dynamic type cannot use the relationship id index (it scans every relationship); and which date
// properties become DATEs is the model's, per label and type. CREATE with a dynamic label is used where it costs
// nothing (one entity statement for every label).
import { namedQuery } from '../../db/named-queries.ts';
import { ENTITY_LABEL, IMPORT_JOURNAL_LABEL, STORED, type Model } from '../../model/index.ts';
import { allDateKeys, dateKeys, setDates } from '../rows.ts';
import type { JournalKind } from './runs.ts';

/** Types and labels are spliced into Cypher; only declared names (plain identifiers) may be. */
export function identifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a label or relationship type: ${JSON.stringify(name)}`);
  return name;
}

/**
 * The batch's journal, and its answer: rows, how many it created, and the rows whose id an element of
 * another dataset holds (`theirs`, its dataset), which the writer refuses by rolling the batch back.
 */
const journal = (kind: JournalKind, group: string) =>
  `WITH count(*) AS rows, collect(CASE WHEN fresh THEN row.id END) AS created,
        collect(CASE WHEN theirs <> row.props.${STORED.dataset} THEN {id: row.id, dataset: theirs} END) AS conflicts
   FOREACH (_ IN CASE WHEN size(created) > 0 THEN [1] ELSE [] END |
     CREATE (:${IMPORT_JOURNAL_LABEL} {run: $run, seq: $seq, kind: '${kind}', type: '${group}', ids: created}))
   RETURN rows, size(created) AS created, conflicts`;

/** An update leaves another dataset's element as it is (the create statement then reports it). */
const ours = (variable: string) => `coalesce(${variable}.${STORED.dataset}, row.props.${STORED.dataset}) = row.props.${STORED.dataset}`;

/**
 * The statements for one batch of a group. Create-only: an element whose id exists is left as it is, so
 * a rerun writes nothing and a rollback (deleting what the journal lists) restores the database.
 * Sources are fixed (cypher/writes/import-sources-*.cypher); entities and relations are built here.
 */
export function statementsFor(kind: JournalKind, group: string, update: boolean, model: Model): string[] {
  const E = ENTITY_LABEL;
  const statements: string[] = [];
  if (kind === 'source') {
    if (update) statements.push(namedQuery('import-sources-update').cypher);
    statements.push(namedQuery('import-sources-create').cypher);
    return statements;
  }
  if (kind === 'entity') {
    // Every label in one statement (dynamic labels, Neo4j 5.26): one plan to compile instead of one per
    // label, and full batches whatever the mix of labels (per label, a 10k load was seven small batches).
    const keys = allDateKeys(model.labels);
    const labels = model.labels.map((l) => identifier(l.label));
    if (update) {
      statements.push(
        `UNWIND $rows AS row MATCH (n:${E} {id: row.id}) WHERE ${ours('n')} SET n = row.props, ${setDates('n', keys)}, n:$(row.label)
         REMOVE n:$([l IN ${JSON.stringify(labels)} WHERE l <> row.label])`,
      );
    }
    statements.push(
      `UNWIND $rows AS row
       OPTIONAL MATCH (existing:${E} {id: row.id})
       WITH row, existing IS NULL AS fresh, existing.${STORED.dataset} AS theirs
       FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
         CREATE (n:${E}:$(row.label)) SET n = row.props, ${setDates('n', keys)})
       ${journal(kind, E)}`,
    );
    return statements;
  }
  const type = identifier(group);
  const keys = dateKeys(model.relation(type));
  if (update) {
    // A relation id that now names other ends: its old relationship goes (same type only).
    statements.push(`UNWIND $rows AS row MATCH (x)-[old:${type} {id: row.id}]->(y) WHERE (x.id <> row.from OR y.id <> row.to) AND ${ours('old')} DELETE old`);
    statements.push(`UNWIND $rows AS row MATCH (:${E} {id: row.from})-[r:${type} {id: row.id}]->(:${E} {id: row.to}) WHERE ${ours('r')} SET r = row.props, ${setDates('r', keys)}`);
  }
  statements.push(
    `UNWIND $rows AS row
     MATCH (a:${E} {id: row.from})
     MATCH (b:${E} {id: row.to})
     // By the relationship id index, not by expanding a: a hub has thousands of relationships.
     OPTIONAL MATCH ()-[existing:${type} {id: row.id}]->()
     WITH a, b, row, existing IS NULL AS fresh, existing.${STORED.dataset} AS theirs
     FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
       CREATE (a)-[r:${type}]->(b) SET r = row.props, ${setDates('r', keys)})
     ${journal(kind, type)}`,
  );
  return statements;
}

/** Rollback of a relation batch: the relationships of `type` with the journal's ids, found by that type's id index. */
export function undoRelationsStatement(type: string): string {
  return `UNWIND $ids AS id MATCH ()-[x:${identifier(type)} {id: id}]->() DELETE x RETURN count(*) AS n`;
}

/**
 * A recorded fact's new actors (server/services/writes/facts.ts): one CREATE for every label (a dynamic label in
 * CREATE costs nothing), the model's date properties made DATEs; `written` lets the writer check all were.
 */
export function recordedActorsStatement(model: Model): string {
  return `UNWIND $rows AS row CREATE (n:${ENTITY_LABEL}) SET n = row.props, ${setDates('n', allDateKeys(model.labels))} SET n:$(row.label) RETURN count(n) AS written`;
}

/**
 * A recorded fact's relationship between two entities of $dataset (a dynamic type in CREATE: it matches nothing, so
 * no index is missed); none is written when an end is not there, which `written` tells the writer.
 */
export function recordedRelationStatement(model: Model): string {
  const E = ENTITY_LABEL;
  return (
    `WITH $row AS row MATCH (a:${E} {id: row.from}) MATCH (b:${E} {id: row.to}) WHERE a.${STORED.dataset} = $dataset AND b.${STORED.dataset} = $dataset ` +
    `CREATE (a)-[r:$(row.type)]->(b) SET r = row.props, ${setDates('r', allDateKeys(model.relations))} RETURN count(r) AS written, collect(elementId(r))[0] AS elementId`
  );
}

/** A fact's properties replaced by $row's (an edit, a review, a revert), found by its element id; `keys` are its type's DATE properties. */
export function factUpdateStatement(keys: readonly string[]): string {
  return `WITH $row AS row MATCH ()-[r]->() WHERE elementId(r) = $elementId SET r = row.props, ${setDates('r', keys)} RETURN count(r) AS written`;
}

/** An actor's properties replaced by $row's (a merge and its revert), found by its id; `keys` are the DATE properties of every label. */
export function actorUpdateStatement(keys: readonly string[]): string {
  return `WITH $row AS row MATCH (n:${ENTITY_LABEL} {id: $id}) SET n = row.props, ${setDates('n', keys)} RETURN count(n) AS written`;
}
