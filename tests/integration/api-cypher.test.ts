// The read-only Cypher console: results as tables and graphs, caps, errors, and 150+ refused attempts (disguised with every Cypher whitespace) that change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CypherResponseSchema } from '../../server/http/api-shapes.ts';
import { ReadOnlyError } from '../../db/errors.ts';
import { checkPlan, CYPHER_WHITESPACE_CHARACTERS } from '../../server/services/console-guard.ts';
import { namedQueries } from '../../db/named-queries.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import type { RunningServer } from '../support/server.ts';
import { databaseChecksum, postJson, SMALL_FIXTURE_CYPHER, startApiServer } from './api-support.ts';

/** Each attempt must be refused; 403 read_only unless Neo4j or the console rejects it earlier as invalid (400). */
const ATTEMPTS: { kind: string; query: string; status?: 400 | 403; params?: Record<string, unknown> }[] = [
  // Writes (caught by the EXPLAIN check, and by the read transaction behind it)
  { kind: 'write', query: 'CREATE (n:Hacked) RETURN n' },
  { kind: 'write', query: 'MATCH (n) DETACH DELETE n' },
  { kind: 'write', query: 'MATCH (n) SET n.hacked = true' },
  { kind: 'write', query: "MERGE (n:Hacked {id: 'x'}) RETURN n" },
  { kind: 'write', query: 'MATCH (n) REMOVE n.name' },
  { kind: 'write', query: 'MATCH (n:Entity) SET n:Hacked' },
  { kind: 'write', query: 'MATCH (n:Entity) REMOVE n:Entity' },
  { kind: 'write', query: 'MATCH (a:Entity), (b:Entity) CREATE (a)-[:HACKED]->(b)' },
  { kind: 'write', query: 'MATCH ()-[r]->() DELETE r' },
  { kind: 'write', query: 'FOREACH (x IN range(1, 3) | CREATE (:Hacked))' },
  { kind: 'write', query: 'UNWIND range(1, 10) AS i CREATE (:Hacked {i: i})' },
  { kind: 'write', query: 'MATCH (n) WITH n LIMIT 1 CALL (n) { SET n.x = 1 } RETURN count(*)' },
  { kind: 'write', query: 'MATCH (n) SET n += {hacked: true}' },
  { kind: 'write', query: "MATCH (n:Entity) SET n:$('Dynamic')" },
  { kind: 'write', query: 'MATCH (n) /* harmless */ DETACH /* really */ DELETE n' },
  { kind: 'write', query: "MATCH (n) SET n.name = 'LOAD CSV is only a string here'" },
  { kind: 'write', query: 'CYPHER runtime=slotted CREATE (:Hacked)' },
  { kind: 'write', query: 'CALL db.labels() YIELD label CREATE (:Hacked {l: label})' },
  { kind: 'write', query: 'MATCH (n) RETURN n.id AS x UNION MATCH (m) DETACH DELETE m RETURN 1 AS x' },
  { kind: 'write', query: 'EXPLAIN CREATE (:Hacked)', status: 400 },
  { kind: 'write', query: 'PROFILE MATCH (n) DETACH DELETE n', status: 400 },
  // Batched writes
  { kind: 'write', query: 'CALL { CREATE (:Hacked) } IN TRANSACTIONS' },
  { kind: 'write', query: 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS' },
  { kind: 'write', query: 'UNWIND range(1, 3) AS i CALL (i) { CREATE (:Hacked) } IN 2 CONCURRENT TRANSACTIONS' },
  // File and network access
  { kind: 'file', query: "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row" },
  { kind: 'file', query: "load csv with headers from 'http://127.0.0.1:9/x.csv' as row create (:Hacked)" },
  { kind: 'file', query: "LOAD\nCSV FROM 'file:///neo4j.conf' AS line RETURN line" },
  { kind: 'file', query: "CALL apoc.load.json('file:///etc/passwd')" },
  { kind: 'file', query: "CALL apoc.export.csv.all('/tmp/graph.csv', {})" },
  { kind: 'file', query: "CALL apoc.import.graphml('http://127.0.0.1:9/g.graphml', {})" },
  // Schema
  { kind: 'schema', query: 'CREATE INDEX hacked FOR (n:Entity) ON (n.hacked)' },
  { kind: 'schema', query: 'CREATE FULLTEXT INDEX hacked FOR (n:Entity) ON EACH [n.name]' },
  { kind: 'schema', query: 'DROP INDEX entity_search' },
  { kind: 'schema', query: 'CREATE CONSTRAINT hacked FOR (n:Hacked) REQUIRE n.id IS UNIQUE' },
  { kind: 'schema', query: 'DROP CONSTRAINT whatever IF EXISTS' },
  // Administration
  { kind: 'admin', query: "CREATE USER eve SET PASSWORD 'secret-password' CHANGE NOT REQUIRED" },
  { kind: 'admin', query: "ALTER USER neo4j SET PASSWORD 'new-password'" },
  { kind: 'admin', query: "ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'" },
  { kind: 'admin', query: 'DROP USER neo4j' },
  { kind: 'admin', query: 'SHOW USERS' },
  { kind: 'admin', query: 'SHOW DATABASES' },
  { kind: 'admin', query: 'CREATE DATABASE hacked' },
  { kind: 'admin', query: 'DROP DATABASE neo4j' },
  { kind: 'admin', query: 'STOP DATABASE neo4j' },
  { kind: 'admin', query: 'START DATABASE neo4j' },
  { kind: 'admin', query: 'CREATE ROLE hacker' },
  { kind: 'admin', query: 'GRANT ROLE admin TO neo4j' },
  { kind: 'admin', query: 'DENY READ {*} ON GRAPH * TO PUBLIC' },
  { kind: 'admin', query: 'REVOKE ROLE admin FROM neo4j' },
  { kind: 'admin', query: 'SHOW TRANSACTIONS' },
  { kind: 'admin', query: "TERMINATE TRANSACTIONS 'neo4j-transaction-1'" },
  { kind: 'admin', query: 'SHOW SETTINGS' },
  { kind: 'admin', query: 'USE system SHOW USERS' },
  { kind: 'admin', query: 'USE neo4j MATCH (n) RETURN n' },
  { kind: 'admin', query: 'CALL { USE system SHOW USERS YIELD user RETURN user } RETURN user' },
  // Procedures outside the allow-list
  { kind: 'procedure', query: 'CALL dbms.listConfig()' },
  { kind: 'procedure', query: 'CALL dbms.components()' },
  { kind: 'procedure', query: "CALL dbms.security.createUser('eve', 'secret', false)" },
  { kind: 'procedure', query: "CALL db.createLabel('Hacked')" },
  { kind: 'procedure', query: "CALL db.createProperty('hacked')" },
  { kind: 'procedure', query: "CALL db.createRelationshipType('HACKED')" },
  { kind: 'procedure', query: 'CALL db.clearQueryCaches()' },
  { kind: 'procedure', query: 'CALL db.checkpoint()' },
  { kind: 'procedure', query: "MATCH (n:Entity) CALL db.create.setNodeVectorProperty(n, 'v', [1.0, 2.0])" },
  { kind: 'procedure', query: 'CALL tx.setMetaData({hacked: true})' },
  { kind: 'procedure', query: "CALL apoc.create.node(['Hacked'], {})" },
  { kind: 'procedure', query: "CALL apoc.refactor.rename.label('Entity', 'Hacked')" },
  { kind: 'procedure', query: "CALL apoc.trigger.add('t', 'CREATE (:Hacked)', {})" },
  // Dynamic Cypher
  { kind: 'dynamic', query: "CALL apoc.cypher.runWrite('CREATE (:Hacked)', {})" },
  { kind: 'dynamic', query: "CALL apoc.cypher.doIt('MATCH (n) DETACH DELETE n', {})" },
  { kind: 'dynamic', query: "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})" },
  { kind: 'dynamic', query: "RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) DETACH DELETE n RETURN 1', {}) AS x" },
  { kind: 'dynamic', query: "CALL `apoc.cypher.run`('CREATE (:Hacked)', {})" },
  { kind: 'dynamic', query: "CALL apoc . cypher . run('CREATE (:Hacked)', {})" },
  { kind: 'dynamic', query: "CALL apoc.do.when(true, 'CREATE (:Hacked)', '', {})" },
  { kind: 'dynamic', query: "WITH 'CREATE (:Hacked)' AS q CALL apoc.cypher.run(q, {}) YIELD value RETURN value" },
  // Comments, backticks and case inside the forms
  { kind: 'admin', query: 'SHOW/* who is searching for what */TRANSACTIONS' },
  { kind: 'admin', query: 'SHOW// settings\nSETTINGS' },
  { kind: 'admin', query: "TERMINATE/**/TRANSACTIONS 'neo4j-transaction-1'" },
  { kind: 'admin', query: 'sHoW tRaNsAcTiOnS YIELD currentQuery RETURN currentQuery' },
  { kind: 'admin', query: 'SHOW TRANSACTIONS YIELD * RETURN *' },
  { kind: 'admin', query: 'SHOW SETTINGS YIELD name, value WHERE name CONTAINS "auth" RETURN name, value' },
  { kind: 'admin', query: 'SHOW CURRENT USER' },
  { kind: 'admin', query: 'SHOW DEFAULT DATABASE' },
  { kind: 'admin', query: 'SHOW HOME DATABASE' },
  { kind: 'admin', query: "CREATE OR REPLACE USER eve SET PASSWORD 'secret-password'" },
  { kind: 'admin', query: 'CREATE OR REPLACE DATABASE neo4j' },
  { kind: 'file', query: "LOAD/* x */CSV FROM 'file:///etc/passwd' AS row RETURN row" },
  { kind: 'file', query: "CYPHER runtime=slotted LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row" },
  { kind: 'write', query: 'MATCH (n) DETACH/**/DELETE n' },
  { kind: 'write', query: 'MATCH (n:`Entity`) SET n.`hacked` = true' },
  { kind: 'write', query: 'CALL () { CREATE (:Hacked) RETURN 1 AS one } RETURN one' },
  { kind: 'write', query: 'MATCH (n) WHERE EXISTS { MATCH (n)-->() } SET n.hacked = true' },
  { kind: 'write', query: 'MATCH (n) CALL (n) { WITH n WHERE n.id IS NOT NULL SET n.hacked = 1 RETURN n AS m } RETURN m' },
  { kind: 'write', query: 'OPTIONAL MATCH (n) CALL (n) { CREATE (:Hacked) } RETURN 1 AS x' },
  { kind: 'write', query: 'CYPHER 5 MATCH (n) DETACH DELETE n' },
  { kind: 'write', query: 'CYPHER 5 EXPLAIN MATCH (n) DETACH DELETE n', status: 400 },
  { kind: 'write', query: '\u001cEXPLAIN CREATE (:Hacked)', status: 400 },
  { kind: 'write', query: 'PROFILE\u001fMATCH (n) RETURN n', status: 400 },
  { kind: 'write', query: 'EXPLAIN\u3000MATCH (n) DETACH DELETE n', status: 400 },
  { kind: 'write', query: "MATCH (n) UNWIND [1] AS x WITH n SET n:$(['Hacked'])" },
  { kind: 'dynamic', query: "CALL apoc.cypher.run('CREATE (:Hacked)', {}) YIELD value RETURN value" },
  { kind: 'dynamic', query: "CALL `apoc`.`cypher`.`run`('CREATE (:Hacked)', {})" },
  { kind: 'procedure', query: "CALL `db`.`createLabel`('Hacked')" },
  { kind: 'procedure', query: 'CALL dbms.listConnections()' },
  { kind: 'procedure', query: "CALL dbms.killConnection('bolt-1')" },
  { kind: 'procedure', query: 'CALL db.stats.collect("QUERIES")' },
  // Schema
  { kind: 'schema', query: 'CREATE TEXT INDEX hacked IF NOT EXISTS FOR (n:Entity) ON (n.hacked)' },
  { kind: 'schema', query: 'CREATE VECTOR INDEX hacked FOR (n:Entity) ON (n.v)' },
  { kind: 'schema', query: 'CREATE CONSTRAINT hacked IF NOT EXISTS FOR (n:Hacked) REQUIRE n.id IS NOT NULL' },
  { kind: 'schema', query: 'DROP/**/INDEX entity_search' },
  // Every character Cypher reads as whitespace, between the words of each kind of form.
  ...[...CYPHER_WHITESPACE_CHARACTERS].flatMap((ws) => {
    const hex = 'U+' + ws.charCodeAt(0).toString(16).padStart(4, '0');
    return [
      { kind: `admin ${hex}`, query: `SHOW${ws}TRANSACTIONS` },
      { kind: `admin ${hex}`, query: `SHOW${ws}SETTINGS` },
      { kind: `admin ${hex}`, query: `TERMINATE${ws}TRANSACTIONS${ws}'neo4j-transaction-1'` },
      { kind: `write ${hex}`, query: `MATCH${ws}(n)${ws}DETACH${ws}DELETE${ws}n` },
      { kind: `file ${hex}`, query: `LOAD${ws}CSV${ws}FROM${ws}'file:///etc/passwd'${ws}AS${ws}row${ws}RETURN${ws}row` },
      { kind: `dynamic ${hex}`, query: `CALL${ws}{${ws}CREATE${ws}(:Hacked)${ws}}${ws}IN${ws}TRANSACTIONS` },
    ];
  }),
];

/** Attempts only the text layer refuses, on purpose: `USE neo4j` names this very database, so Neo4j's plan is an ordinary read. */
const TEXT_ONLY = new Set(['USE neo4j MATCH (n) RETURN n']);

describe('Cypher console', () => {
  const db = testDatabase();
  let server: RunningServer;
  const run = (body: Record<string, unknown>) => postJson(`${server.url}/api/cypher`, body);

  beforeAll(async () => {
    await resetDatabase(db);
    await db.write(SMALL_FIXTURE_CYPHER);
    // The table sends more console queries than the per-client rate limit lets through.
    server = await startApiServer(db, { security: { rateLimits: false } });
  });

  afterAll(async () => {
    await server?.close();
    await db.close();
  });

  it('returns columns, JSON-safe rows and the subgraph of nodes, relationships and paths', async () => {
    const { status, body } = await run({
      query: 'MATCH p = (a:Entity {id: $id})-[r]->(b) RETURN a, r, p, b.name AS name, a.aliases AS aliases, r.date AS date, {n: b} AS inMap',
      params: { id: 'authority/ministry' },
    });
    expect(status).toBe(200);
    CypherResponseSchema.parse(body);
    expect(body.columns).toEqual(['a', 'r', 'p', 'name', 'aliases', 'date', 'inMap']);
    const row = body.rows[0];
    expect(row.a).toMatchObject({ id: 'authority/ministry', caption: 'Ministry', labels: expect.arrayContaining(['Authority', 'Entity']) });
    expect(row.a.properties.evidenceSources).toBeUndefined();
    expect(row.r).toMatchObject({ id: 'rel/dissolved-students', type: 'DISSOLVED', source: 'authority/ministry', target: 'org/students' });
    expect(row.p.nodes.map((n: { id: string }) => n.id)).toEqual(['authority/ministry', 'org/students']);
    expect(row.p.edges.map((e: { id: string }) => e.id)).toEqual(['rel/dissolved-students']);
    expect(row).toMatchObject({ name: 'Students Association', aliases: ['Ministère'], date: '2024-03-06' });
    expect(row.inMap.n.id).toBe('org/students');
    expect(body.graph.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['authority/ministry', 'org/students']);
    expect(body.graph.edges).toHaveLength(1);
    expect(body.summary).toMatchObject({ queryType: 'r', rowCount: 1, truncated: false });
    expect(typeof body.summary.ms).toBe('number');
    expect(JSON.stringify(body)).not.toContain('elementId');
  });

  it('allows read-only procedures and schema listings', async () => {
    const labels = await run({ query: 'CALL db.labels() YIELD label RETURN label ORDER BY label' });
    expect(labels.status).toBe(200);
    expect(labels.body.rows.map((r: { label: string }) => r.label)).toEqual(expect.arrayContaining(['Authority', 'Entity', 'Organization', 'Source']));
    const indexes = await run({ query: 'SHOW INDEXES YIELD name RETURN name' });
    expect(indexes.status).toBe(200);
  });

  it('caps rows and says so', async () => {
    const { body } = await run({ query: 'UNWIND range(1, 5000) AS x RETURN x' });
    expect(body.rows).toHaveLength(1000);
    expect(body.summary.truncated).toBe(true);
    const fewer = await run({ query: 'UNWIND range(1, 5000) AS x RETURN x', maxRows: 10 });
    expect(fewer.body.rows).toHaveLength(10);
    expect(fewer.body.summary.truncated).toBe(true);
    const exact = await run({ query: 'UNWIND range(1, 10) AS x RETURN x', maxRows: 10 });
    expect(exact.body.summary.truncated).toBe(false);
  });

  it('stops a query at its time limit with 408', async () => {
    const { status, body } = await run({
      query: 'UNWIND range(1, 1000000000) AS x WITH x WHERE x % 1000003 = 7 RETURN count(*) AS c',
      timeoutMs: 300,
    });
    expect(status).toBe(408);
    expect(body.error.code).toBe('timeout');
  });

  it('refuses a query text over the size cap with 413', async () => {
    const { status, body } = await run({ query: `RETURN 1 AS x ${' '.repeat(10_000)}` });
    expect(status).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
  });

  it("passes Neo4j's syntax and semantic errors on as 400 with Neo4j's code", async () => {
    const syntax = await run({ query: 'MATCH (n RETURN n' });
    expect(syntax.status).toBe(400);
    expect(syntax.body.error.code).toBe('Neo.ClientError.Statement.SyntaxError');
    const semantic = await run({ query: 'RETURN undefinedVariable' });
    expect(semantic.status).toBe(400);
    expect(semantic.body.error.code).toMatch(/^Neo\.ClientError\.Statement\./);
    const arithmetic = await run({ query: 'RETURN 1 / 0 AS x' });
    expect(arithmetic.status).toBe(400);
    expect(arithmetic.body.error.code).toMatch(/^Neo\.ClientError\.Statement\./);
  });

  it('validates the request body, naming the parameter', async () => {
    const missing = await run({ params: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_parameter');
    expect(missing.body.error.message).toMatch(/^query:/);
    const extra = await run({ query: 'RETURN 1', mode: 'write' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/mode/);
    const badParams = await run({ query: 'RETURN 1', params: [1, 2] });
    expect(badParams.status).toBe(400);
    expect(badParams.body.error.message).toMatch(/^params:/);
  });

  it('plans every named query of cypher/queries with its example parameters, as a read', async () => {
    for (const query of namedQueries().values()) {
      const { queryType } = await db.read(`EXPLAIN ${query.cypher}`, query.params);
      expect(queryType, query.name).toBe('r');
    }
  });

  it('relies on the read transaction as the last line: Neo4j refuses writes in it', async () => {
    await expect(db.read('CREATE (:Hacked)')).rejects.toBeInstanceOf(ReadOnlyError);
  });

  it(`refuses ${ATTEMPTS.length} write, administration, file and dynamic-Cypher attempts, changing nothing`, async () => {
    expect(ATTEMPTS.length).toBeGreaterThanOrEqual(150);
    const before = await databaseChecksum(db);
    const outcomes: { query: string; status: number; code: string }[] = [];
    for (const attempt of ATTEMPTS) {
      const { status, body } = await run({ query: attempt.query, params: attempt.params ?? {} });
      outcomes.push({ query: attempt.query, status, code: body?.error?.code });
    }
    for (const [i, attempt] of ATTEMPTS.entries()) {
      const outcome = outcomes[i]!;
      const expected = attempt.status ?? 403;
      expect({ query: outcome.query, status: outcome.status }).toEqual({ query: attempt.query, status: expected });
      if (expected === 403) expect(outcome.code).toBe('read_only');
    }
    expect(await databaseChecksum(db)).toBe(before);
    const hacked = await db.read('MATCH (n) WHERE n:Hacked OR n.hacked IS NOT NULL RETURN count(n) AS c');
    expect(hacked.rows[0]!.c).toBe(0);
  });

  it("refuses each attempt on Neo4j's plan alone: the text checks are never what keeps a query out", async () => {
    const passed: string[] = [];
    let planned = 0;
    for (const attempt of ATTEMPTS) {
      if (TEXT_ONLY.has(attempt.query) || attempt.status === 400) continue;
      let explained: Awaited<ReturnType<typeof db.read>>;
      try {
        explained = await db.read(`EXPLAIN ${attempt.query}`, attempt.params ?? {});
      } catch {
        continue; // Neo4j refuses to plan it at all (unknown procedure, administration on this database...)
      }
      planned++;
      if (!checkPlan(explained.queryType, explained.plan)) passed.push(attempt.query);
    }
    expect(passed).toEqual([]);
    expect(planned).toBeGreaterThanOrEqual(120);
  });

  it('still answers ordinary reads, subqueries, path patterns and the schema SHOW commands', async () => {
    for (const query of [
      'MATCH (n:Entity) RETURN n.id AS id ORDER BY id LIMIT 3',
      'MATCH (n:Entity) WHERE EXISTS { (n)-->() } RETURN count(n) AS c',
      'MATCH (n:Entity) CALL (n) { MATCH (n)-->(m) RETURN count(m) AS out } RETURN n.id AS id, out',
      'MATCH p = (a:Entity)-[*1..2]-(b:Entity) RETURN p LIMIT 5',
      'MATCH p = SHORTEST 1 (a:Entity)-[]-+(b:Entity) WHERE a <> b RETURN p LIMIT 1',
      "RETURN date.truncate('month', date('2024-03-06')) AS d",
      'CYPHER runtime=slotted MATCH (n) RETURN count(n) AS c',
      'SHOW INDEXES',
      'SHOW INDEXES YIELD name, type RETURN name, type',
      'SHOW CONSTRAINTS',
      'SHOW PROCEDURES YIELD name RETURN name LIMIT 3',
      'SHOW FUNCTIONS YIELD name RETURN name LIMIT 3',
      'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType',
      "MATCH (n) WHERE n.name = 'SHOW TRANSACTIONS' RETURN n",
      'RETURN 1 AS `LOAD CSV`',
    ]) {
      const { status, body } = await run({ query });
      expect({ query, status, error: body?.error }).toEqual({ query, status: 200, error: undefined });
    }
  });

  it('gives the reason for a refusal', async () => {
    const { body } = await run({ query: 'MATCH (n) SET n.x = 1' });
    expect(body.error.message).toMatch(/writes|query type/);
    const file = await run({ query: "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row" });
    expect(file.body.error.message).toMatch(/LOAD CSV/);
  });
});
