// The console's textual and plan checks, without a database (the integration test runs them against Neo4j).
import { describe, expect, it } from 'vitest';
import { checkPlan, checkQueryText, hasExplainOrProfile, stripLiterals } from '../../server/services/console-guard.ts';
import type { PlanOperator } from '../../db/database.ts';

const op = (operatorType: string, details = '', children: PlanOperator[] = []): PlanOperator => ({
  operatorType: `${operatorType}@neo4j`,
  arguments: { Details: details },
  identifiers: [],
  children,
});

describe('stripLiterals', () => {
  it('blanks strings and comments and unwraps backticked names', () => {
    expect(stripLiterals("RETURN 'LOAD CSV' AS x // USE system")).toBe("RETURN '' AS x  ");
    expect(stripLiterals('MATCH (n) /* CALL dbms.x() */ RETURN "a\\"b"')).toBe("MATCH (n)   RETURN ''");
    expect(stripLiterals('CALL `apoc.cypher.run`("x", {})')).toBe("CALL apoc.cypher.run('', {})");
    expect(stripLiterals('MATCH (n:`LOAD CSV`) RETURN n')).toBe('MATCH (n:LOAD_CSV) RETURN n');
  });
});

describe('checkQueryText', () => {
  it.each([
    'MATCH (n) RETURN n LIMIT 5',
    "MATCH (n) WHERE n.name = 'LOAD CSV FROM' RETURN n",
    'CALL db.labels() YIELD label RETURN label',
    "CALL db.index.fulltext.queryNodes('entity_search', 'aeem') YIELD node RETURN node",
    'RETURN date.truncate("month", date()) AS d, point.distance(point({x: 0, y: 0}), point({x: 1, y: 1})) AS p',
    'MATCH (n) RETURN n.use AS x',
    'SHOW INDEXES',
    'MATCH p = shortestPath((a)-[*..4]-(b)) RETURN p',
    'MATCH (n) CALL (n) { RETURN count(*) AS c } RETURN c',
  ])('lets through %s', (query) => {
    expect(checkQueryText(query)).toBeUndefined();
  });

  it.each([
    ["LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", /LOAD CSV/],
    ['load   csv with headers from "http://x" as r return r', /LOAD CSV/],
    ['USE system SHOW USERS', /USE|administrative/],
    ['CALL { MATCH (n) SET n.x = 1 } IN TRANSACTIONS OF 10 ROWS', /IN TRANSACTIONS/],
    ['CALL dbms.listConfig()', /dbms/],
    ["CALL `dbms`.`listConfig`()", /dbms/],
    ["CALL apoc.load.json('http://example.org')", /allow-list/],
    ["RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) DETACH DELETE n', {})", /allow-list/],
    ['CREATE USER eve SET PASSWORD "x"', /administration/],
    ['GRANT ROLE admin TO eve', /GRANT/],
    ['CREATE INDEX foo FOR (n:X) ON (n.y)', /indexes/],
    ['DROP CONSTRAINT entity_id', /indexes and constraints/],
    ['SHOW TRANSACTIONS', /SHOW/],
    ['TERMINATE TRANSACTIONS "neo4j-transaction-1"', /terminat/],
    ['STOP DATABASE neo4j', /databases/],
    ["CALL db.createLabel('X')", /allow-list/],
  ])('refuses %s', (query, reason) => {
    expect(checkQueryText(query)?.reason).toMatch(reason);
  });

  it('recognises a leading EXPLAIN or PROFILE, after pre-parser options too', () => {
    expect(hasExplainOrProfile('EXPLAIN MATCH (n) RETURN n')).toBe(true);
    expect(hasExplainOrProfile('  profile MATCH (n) RETURN n')).toBe(true);
    expect(hasExplainOrProfile('CYPHER 5 runtime=slotted PROFILE MATCH (n) RETURN n')).toBe(true);
    expect(hasExplainOrProfile("MATCH (n) WHERE n.x = 'EXPLAIN' RETURN n")).toBe(false);
  });
});

describe('checkPlan', () => {
  it('accepts a read plan with allowed procedures', () => {
    const plan = op('ProduceResults', 'label', [op('ProcedureCall', 'db.labels() :: (label :: STRING)')]);
    expect(checkPlan('r', plan)).toBeUndefined();
  });

  it('refuses other query types, write operators, LOAD CSV and unlisted procedures', () => {
    expect(checkPlan('rw', op('ProduceResults'))?.reason).toMatch(/writes/);
    expect(checkPlan('s', op('ProduceResults'))?.reason).toMatch(/schema/);
    expect(checkPlan('r', op('ProduceResults', '', [op('LoadCSV', 'line')]))?.reason).toMatch(/LoadCSV/);
    expect(checkPlan('r', op('ProduceResults', '', [op('SetProperty', 'n.x = 1')]))?.reason).toMatch(/SetProperty/);
    expect(checkPlan('r', op('ProduceResults', '', [op('ProcedureCall', 'db.createLabel($x)')]))?.reason).toMatch(/db.createLabel/);
    expect(checkPlan('r', op('ProduceResults', '', [op('Projection', 'apoc.cypher.runFirstColumn($q, {}) AS x')]))?.reason).toMatch(/apoc.cypher/);
  });
});
