// The console's plan check against every operator Neo4j 5.26 can produce, and its textual early refusals, without a database.
import { describe, expect, it } from 'vitest';
import { checkPlan, checkQueryText, CYPHER_WHITESPACE_CHARACTERS, hasExplainOrProfile, isReadOperator, stripLiterals } from '../../server/services/console-guard.ts';
import { READ_OPERATORS, REFUSED_OPERATORS } from '../../server/services/console-operators.ts';
import type { PlanOperator } from '../../db/database.ts';

const op = (operatorType: string, details = '', children: PlanOperator[] = []): PlanOperator => ({
  operatorType: `${operatorType}@neo4j`,
  arguments: { Details: details },
  identifiers: [],
  children,
});

/**
 * Every operator name of the Cypher manual's operator summary (planning-and-tuning/operators)
 * and of Neo4j 5.26's plan descriptions, with whether it only reads. Written out here, apart
 * from the guard's own lists, so that a change to either shows up as a failure.
 */
const OPERATORS: Readonly<Record<string, boolean>> = {
  AllNodesScan: true,
  Anti: true,
  AntiConditionalApply: true,
  AntiSemiApply: true,
  Apply: true,
  Argument: true,
  ArgumentTracker: true,
  AssertSameNode: false,
  AssertSameRelationship: false,
  AssertingMultiNodeIndexSeek: false,
  AssertingMultiRelationshipIndexSeek: false,
  'BidirectionalRepeat(Trail)': true,
  CacheProperties: true,
  CartesianProduct: true,
  ConditionalApply: true,
  Create: false,
  CreateConstraint: false,
  CreateIndex: false,
  Delete: false,
  DetachDelete: false,
  DirectedAllRelationshipsScan: true,
  DirectedRelationshipByElementIdSeek: true,
  DirectedRelationshipByIdSeek: true,
  DirectedRelationshipIndexContainsScan: true,
  DirectedRelationshipIndexEndsWithScan: true,
  DirectedRelationshipIndexScan: true,
  DirectedRelationshipIndexSeek: true,
  DirectedRelationshipIndexSeekByRange: true,
  DirectedRelationshipTypeScan: true,
  DirectedRelationshipUniqueIndexSeek: true,
  'DirectedRelationshipUniqueIndexSeek(Locking)': false,
  DirectedRelationshipUniqueIndexSeekByRange: true,
  DirectedUnionRelationshipTypesScan: true,
  Distinct: true,
  'DoNothingIfExists(CONSTRAINT)': false,
  'DoNothingIfExists(INDEX)': false,
  DropConstraint: false,
  DropIndex: false,
  DynamicLabelNodeLookup: true,
  DynamicDirectedRelationshipTypeLookup: true,
  DynamicUndirectedRelationshipTypeLookup: true,
  Eager: true,
  EagerAggregation: true,
  EmptyResult: true,
  EmptyRow: true,
  Error: false,
  ExhaustiveLimit: true,
  'Expand(All)': true,
  'Expand(Into)': true,
  Filter: true,
  Foreach: false,
  Input: false,
  IntersectionNodeByLabelsScan: true,
  LetAntiSemiApply: true,
  LetSelectOrAntiSemiApply: true,
  LetSelectOrSemiApply: true,
  LetSemiApply: true,
  Limit: true,
  LoadCSV: false,
  LockingMerge: false,
  LockNodes: false,
  Merge: false,
  MergeInto: false,
  MergeUniqueNode: false,
  MultiNodeIndexSeek: true,
  NodeByElementIdSeek: true,
  NodeByIdSeek: true,
  NodeByLabelScan: true,
  NodeCountFromCountStore: true,
  NodeHashJoin: true,
  NodeIndexContainsScan: true,
  NodeIndexEndsWithScan: true,
  NodeIndexScan: true,
  NodeIndexSeek: true,
  NodeIndexSeekByRange: true,
  NodeLeftOuterHashJoin: true,
  NodeRightOuterHashJoin: true,
  NodeUniqueIndexSeek: true,
  'NodeUniqueIndexSeek(Locking)': false,
  NodeUniqueIndexSeekByRange: true,
  NonFuseable: false,
  NullifyMetadata: true,
  Optional: true,
  'OptionalExpand(All)': true,
  'OptionalExpand(Into)': true,
  OrderedAggregation: true,
  OrderedDistinct: true,
  OrderedUnion: true,
  PartialSort: true,
  PartialTop: true,
  PartitionedAllNodesScan: true,
  PartitionedDirectedAllRelationshipsScan: true,
  PartitionedDirectedRelationshipIndexScan: true,
  PartitionedDirectedRelationshipIndexSeek: true,
  PartitionedDirectedRelationshipIndexSeekByRange: true,
  PartitionedDirectedRelationshipTypeScan: true,
  PartitionedDirectedRelationshipTypesScan: true,
  PartitionedDirectedUnionRelationshipTypesScan: true,
  PartitionedIntersectionNodeByLabelsScan: true,
  PartitionedNodeByLabelScan: true,
  PartitionedNodeIndexScan: true,
  PartitionedNodeIndexSeek: true,
  PartitionedNodeIndexSeekByRange: true,
  PartitionedSubtractionNodeByLabelsScan: true,
  PartitionedUndirectedAllRelationshipsScan: true,
  PartitionedUndirectedRelationshipIndexScan: true,
  PartitionedUndirectedRelationshipIndexSeek: true,
  PartitionedUndirectedRelationshipIndexSeekByRange: true,
  PartitionedUndirectedRelationshipTypeScan: true,
  PartitionedUndirectedUnionRelationshipTypesScan: true,
  PartitionedUnionNodeByLabelsScan: true,
  PartitionedUnwind: true,
  PathPropagatingBFS: true,
  PreserveOrder: true,
  // Refused as an operator; a call of an allow-listed procedure is let through by name (checkPlan).
  ProcedureCall: false,
  ProduceResults: true,
  ProjectEndpoints: true,
  Projection: true,
  RelationshipCountFromCountStore: true,
  RemoteBatchProperties: false,
  RemoveLabels: false,
  'Repeat(Trail)': true,
  'Repeat(Walk)': true,
  RollUpApply: true,
  RunQueryAt: false,
  SelectOrAntiSemiApply: true,
  SelectOrSemiApply: true,
  SemiApply: true,
  SetDynamicProperty: false,
  SetLabels: false,
  SetNodePropertiesFromMap: false,
  SetProperties: false,
  SetPropertiesFromMap: false,
  SetProperty: false,
  SetRelationshipPropertiesFromMap: false,
  ShortestPath: true,
  ShowConstraints: true,
  ShowFunctions: true,
  ShowIndexes: true,
  ShowProcedures: true,
  ShowSettings: false,
  ShowTransactions: false,
  SimulatedExpand: false,
  SimulatedFilter: false,
  SimulatedNodeScan: false,
  Skip: true,
  Sort: true,
  'StatefulShortestPath(All)': true,
  'StatefulShortestPath(Into)': true,
  SubqueryForeach: false,
  SubtractionNodeByLabelsScan: true,
  TerminateTransactions: false,
  Top: true,
  TransactionApply: false,
  TransactionForeach: false,
  TriadicBuild: true,
  TriadicFilter: true,
  TriadicSelection: true,
  UndirectedAllRelationshipsScan: true,
  UndirectedRelationshipByElementIdSeek: true,
  UndirectedRelationshipByIdSeek: true,
  UndirectedRelationshipIndexContainsScan: true,
  UndirectedRelationshipIndexEndsWithScan: true,
  UndirectedRelationshipIndexScan: true,
  UndirectedRelationshipIndexSeek: true,
  UndirectedRelationshipIndexSeekByRange: true,
  UndirectedRelationshipTypeScan: true,
  UndirectedRelationshipUniqueIndexSeek: true,
  'UndirectedRelationshipUniqueIndexSeek(Locking)': false,
  UndirectedRelationshipUniqueIndexSeekByRange: true,
  UndirectedUnionRelationshipTypesScan: true,
  Union: true,
  UnionNodeByLabelsScan: true,
  Unwind: true,
  ValueHashJoin: true,
  'VarLengthExpand(All)': true,
  'VarLengthExpand(Into)': true,
  'VarLengthExpand(Pruning)': true,
  'VarLengthExpand(Pruning,BFS)': true,
  'VarLengthExpand(Pruning,BFS,All)': true,
  // The administration commands' one operator (SHOW USERS, CREATE DATABASE, GRANT ...).
  AdministrationCommand: false,
};

/** Whether the manual's table above refuses the operator; a name the table does not hold is an error, never a pass. */
function refusedByTable(name: string): boolean {
  if (!Object.hasOwn(OPERATORS, name)) throw new Error(`'${name}' is not in the table of documented operators`);
  return !OPERATORS[name];
}

describe('checkPlan: operators', () => {
  const names = Object.keys(OPERATORS);

  it(`classifies all ${names.length} documented operators, read ones allowed and only those`, () => {
    expect(names.length).toBeGreaterThanOrEqual(170);
    const wrong: string[] = [];
    for (const name of names) {
      const plan = op('ProduceResults', '', [op(name)]);
      const allowed = checkPlan('r', plan) === undefined;
      if (allowed !== OPERATORS[name]) wrong.push(`${name}: ${allowed ? 'allowed' : 'refused'}`);
      if (isReadOperator(`${name}@system`) !== OPERATORS[name]) wrong.push(`${name}@system`);
    }
    expect(wrong).toEqual([]);
  });

  it("knows every operator its own lists name, and each list agrees with the manual's classification", () => {
    for (const name of READ_OPERATORS) expect(refusedByTable(name), name).toBe(false);
    for (const name of REFUSED_OPERATORS) expect(refusedByTable(name), name).toBe(true);
  });

  it('fails on a name the table does not hold, whichever list names it', () => {
    expect(() => refusedByTable('NoSuchOperator')).toThrow(/not in the table/);
    expect(refusedByTable('Create')).toBe(true);
    expect(refusedByTable('Expand(All)')).toBe(false);
  });

  it('refuses operators it does not know, and unknown variants of a read family only when malformed', () => {
    for (const unknown of ['CreateNode', 'SetPropertyEverywhere', 'Foo', '', 'ProduceResults2', 'Expand(All) ', 'Expand()', 'Expand(All);Create', 'NodeIndexSeek(Locking)']) {
      expect(checkPlan('r', op('ProduceResults', '', [op(unknown)])), unknown).toBeDefined();
    }
    expect(isReadOperator('VarLengthExpand(Pruning,BFS,Into)')).toBe(true);
  });

  it('checks operators at any depth', () => {
    const deep = op('ProduceResults', '', [op('Apply', '', [op('AllNodesScan', 'n'), op('Filter', '', [op('SetProperty', 'n.x = 1')])])]);
    expect(checkPlan('r', deep)?.reason).toMatch(/SetProperty/);
  });
});

describe('checkPlan: query type, procedures, functions', () => {
  it('accepts a read plan with allowed procedures and functions', () => {
    expect(checkPlan('r', op('ProduceResults', 'label', [op('ProcedureCall', 'db.labels() :: (label :: STRING)')]))).toBeUndefined();
    expect(checkPlan('r', op('ProduceResults', 'd', [op('Projection', "date.truncate($autostring_0, date()) AS d")]))).toBeUndefined();
  });

  it('refuses every query type but read, and a missing one (fail closed)', () => {
    for (const type of ['w', 'rw', 's', 'unknown', '', undefined, 'R', 'r ']) {
      expect(checkPlan(type, op('ProduceResults')), String(type)).toBeDefined();
    }
    expect(checkPlan('rw', op('ProduceResults'))?.reason).toMatch(/writes/);
    expect(checkPlan('s', op('ProduceResults'))?.reason).toMatch(/schema/);
  });

  it('refuses a read query type without a plan', () => {
    expect(checkPlan('r', undefined)?.reason).toMatch(/no plan/);
  });

  it('refuses unlisted procedures and functions found in any operator', () => {
    expect(checkPlan('r', op('ProduceResults', '', [op('ProcedureCall', 'db.createLabel($x)')]))?.reason).toMatch(/db.createLabel/);
    expect(checkPlan('r', op('ProduceResults', '', [op('ProcedureCall', 'dbms.listConfig() :: (name :: STRING)')]))?.reason).toMatch(/dbms.listConfig/);
    expect(checkPlan('r', op('ProduceResults', '', [op('Projection', 'apoc.cypher.runFirstColumn($q, {}) AS x')]))?.reason).toMatch(/apoc.cypher/);
    expect(checkPlan('r', op('ProduceResults', '', [op('Filter', '`apoc`.`load`.`json`($u) IS NOT NULL')]))?.reason).toMatch(/apoc.load.json/);
  });
});

describe('checkQueryText: early refusals only', () => {
  it('blanks strings and comments and unwraps backticked names', () => {
    const stripped = {
      "RETURN 'LOAD CSV' AS x // USE system": "RETURN '' AS x  ",
      'MATCH (n) /* CALL dbms.x() */ RETURN "a\\"b"': "MATCH (n)   RETURN ''",
      'CALL `apoc.cypher.run`("x", {})': "CALL apoc.cypher.run('', {})",
      'MATCH (n:`LOAD CSV`) RETURN n': 'MATCH (n:LOAD_CSV) RETURN n',
    };
    for (const [input, expected] of Object.entries(stripped)) expect(stripLiterals(input), input).toBe(expected);
  });

  it.each([
    'MATCH (n) RETURN n LIMIT 5',
    "MATCH (n) WHERE n.name = 'LOAD CSV FROM' RETURN n",
    'CALL db.labels() YIELD label RETURN label',
    'MATCH (n) RETURN n.use AS x',
    'SHOW INDEXES',
    'MATCH (n) CALL (n) { RETURN count(*) AS c } RETURN c',
  ])('finds nothing to refuse early in %s', (query) => {
    expect(checkQueryText(query)).toBeUndefined();
  });

  it('reads every character Cypher treats as whitespace as a space', () => {
    expect(CYPHER_WHITESPACE_CHARACTERS).toHaveLength(28);
    for (const ws of CYPHER_WHITESPACE_CHARACTERS) {
      const hex = ws.charCodeAt(0).toString(16);
      expect(checkQueryText(`SHOW${ws}TRANSACTIONS`)?.reason, hex).toMatch(/SHOW/);
      expect(checkQueryText(`TERMINATE${ws}TRANSACTIONS 'x'`)?.reason, hex).toMatch(/terminat/);
      expect(checkQueryText(`LOAD${ws}CSV FROM 'file:///x' AS r RETURN r`)?.reason, hex).toMatch(/LOAD CSV/);
    }
  });

  it.each([
    ["LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", /LOAD CSV/],
    ['LOAD/* */CSV FROM "x" AS r RETURN r', /LOAD CSV/],
    ['USE system SHOW USERS', /USE|administrative/],
    ['CALL { MATCH (n) SET n.x = 1 } IN TRANSACTIONS OF 10 ROWS', /IN TRANSACTIONS/],
    ['CALL dbms.listConfig()', /dbms/],
    ["CALL `dbms`.`listConfig`()", /dbms/],
    ["RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) DETACH DELETE n', {})", /allow-list/],
    ['GRANT ROLE admin TO eve', /GRANT/],
    ['SHOW TRANSACTIONS', /SHOW/],
    ['SHOW SETTINGS', /SHOW/],
  ])('refuses %s early', (query, reason) => {
    expect(checkQueryText(query)?.reason).toMatch(reason);
  });

  it('recognises a leading EXPLAIN or PROFILE, after pre-parser options and odd whitespace too', () => {
    expect(hasExplainOrProfile('EXPLAIN MATCH (n) RETURN n')).toBe(true);
    expect(hasExplainOrProfile('\u001cprofile MATCH (n) RETURN n')).toBe(true);
    expect(hasExplainOrProfile('CYPHER 5 runtime=slotted PROFILE MATCH (n) RETURN n')).toBe(true);
    expect(hasExplainOrProfile("MATCH (n) WHERE n.x = 'EXPLAIN' RETURN n")).toBe(false);
  });
});
