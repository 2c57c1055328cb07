// Exports of facts recorded through the API, against the real Neo4j. `--format dataset`: a seeded dataset plus
// recorded facts goes out as a dataset file that the seed's --check accepts and that loads back (into the emptied
// database) to the same graph; proposals only with --proposals. `--format ftm`: accepted recorded facts go out,
// proposed and retired ones do not, and FtM's own `ftm validate` accepts the file.
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { projectRoot } from '../../db/config.ts';
import { exportDataset, writeDatasetExport } from '../../ingest/dataset/export.ts';
import { toFtmId } from '../../ingest/ftm/convert.ts';
import { exportFtm } from '../../ingest/ftm/export.ts';
import { ensurePypiTool, FTM_TOOL } from '../../scripts/pypi-tool.ts';
import { loadDatasetFile, validateDatasetFile } from '../../ingest/dataset/loader.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel, COMPUTED_PROPERTIES, STORED } from '../../model/index.ts';
import { Accounts } from '../../server/accounts/accounts.ts';
import { resetDatabase, testCredentials, testDatabase } from '../support/db.ts';
import { FIXTURE_TEXT, fixtureDataset } from '../support/fixture-dataset.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { tempDir } from '../support/temp-dir.ts';

const run = promisify(execFile);
const db = testDatabase();
const dir = tempDir('civic-graph-dataset-export-');
const DATASET = 'test/export';
const REPORT = 'Anna Example accused Bruno Example of treason. Omega Union was dissolved. Anna Example accused Bruno Example again.';
const TWICE = 'Anna Example accused Bruno Example';

const fixture = fixtureDataset(DATASET, 'Export fixture', {
  entities: [
    { id: 'event/coup-2021', type: 'Event', name: 'Coup of May 2021', aliases: [{ name: 'coup d’État', language: 'fr' }, 'the coup'], date: { on: '2021-05-24', inferred: false, source: 'src/text' }, evidence: [{ source: 'src/text', quote: 'Le 24 mai 2021, un coup d’État' }] },
    { id: 'org/aeem', type: 'Organization', name: 'Association des Élèves et Étudiants', properties: { kind: 'student association' }, evidence: [{ source: 'src/text', quote: 'Association des Élèves et Étudiants' }] },
    { id: 'authority/ministry', type: 'Authority', name: 'The ministry', evidence: [{ source: 'src/excerpt', quote: 'The ministry dissolved the association.' }] },
    { id: 'person/anna', type: 'Person', name: 'Anna Example', evidence: [{ source: 'src/excerpt', quote: 'Its leader was arrested.' }] },
  ],
  relations: [
    { id: 'rel/ministry-dissolved-aeem', type: 'DISSOLVED', from: 'authority/ministry', to: 'org/aeem', date: { on: '2024-03', inferred: true, note: 'the month of the report' }, evidence: [{ source: 'src/excerpt', quote: 'The ministry dissolved the association.' }] },
  ],
});

/** Every node the dataset file describes and every relationship between actors, with their properties, keyed by id. */
async function graph(): Promise<Record<string, unknown>> {
  const { rows } = await db.read(`
    CALL () { MATCH (n) WHERE n:Entity OR n:Source OR n:Dataset OR n:ModelExtension RETURN 'node ' + n.id AS key, labels(n) AS shape, properties(n) AS props
      UNION ALL MATCH (a:Entity)-[r]->(b:Entity) RETURN 'rel ' + r.id AS key, [type(r), a.id, b.id] AS shape, properties(r) AS props }
    RETURN key, shape, props ORDER BY key`);
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    const props = Object.fromEntries(Object.entries(row.props as Record<string, unknown>).filter(([k]) => !COMPUTED_PROPERTIES.has(k) || k === STORED.evidenceStarts || k === STORED.evidenceEnds));
    out[String(row.key)] = { shape: [...(row.shape as string[])].sort(), props };
  }
  return out;
}

async function call(server: RunningServer, token: string | undefined, method: string, url: string, json: unknown) {
  const response = await fetch(server.url + url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(json) });
  const body = (await response.json()) as any;
  expect(response.status, JSON.stringify(body)).toBeLessThan(300);
  return body;
}

/** The seed's own command line, `--check`: validates the file and touches no database. */
async function seedCheck(file: string): Promise<string> {
  const { stderr } = await run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'ingest/seed-cli.ts'), '--check', file], { cwd: projectRoot });
  return stderr;
}

describe('dataset export', () => {
  const accounts = Accounts.open(':memory:', { sessionLifetimeMs: 3_600_000 });
  let owner: RunningServer;
  let team: RunningServer;
  let editorToken = '';
  const ids = { accepted: '', proposed: '', proposedActor: '', source: '' };

  beforeAll(async () => {
    await resetDatabase(db);
    await applySchema(db, civicSpaceModel());
    writeFileSync(dir.join('text.txt'), FIXTURE_TEXT);
    writeFileSync(dir.join('fixture.yaml'), stringify(fixture));
    await loadDatasetFile(db, dir.join('fixture.yaml'), { schema: false });
    const admin = accounts.users.create({ username: 'admin', isAdmin: true });
    const editor = accounts.users.create({ username: 'editor' });
    accounts.grants.grant(DATASET, 'user', editor.id, 'editor', admin.id);
    editorToken = accounts.tokens.create(editor.id, 'tests', new Date(Date.now() + 3_600_000)).secret;
    owner = await startServer(db, { security: { rateLimits: false } });
    team = await startServer(db, { security: { rateLimits: false } }, { accounts, auth: { mode: 'accounts', sessionHours: 1, cookieSecure: 'auto', auditReads: [] } });

    // A source with no publisher or URL, as the page records one, and a quote its text holds twice: the second is chosen.
    ids.source = (await call(owner, undefined, 'POST', `/api/datasets/${encodeURIComponent(DATASET)}/sources`, { title: 'Field Report', published: '2024-03', language: 'en', text: REPORT })).source.id;
    const second = REPORT.lastIndexOf(TWICE);
    const accepted = await call(owner, undefined, 'POST', `/api/datasets/${encodeURIComponent(DATASET)}/facts`, {
      type: 'ACCUSED', from: { id: 'person/anna' }, to: { new: { type: 'Person', name: 'Bruno Example' } }, properties: { words: 'treason' },
      date: { on: '2024-03-03', inferred: false }, evidence: { source: ids.source, quote: TWICE, start: second, end: second + TWICE.length },
    });
    expect(accepted.fact.status).toBe('accepted');
    ids.accepted = accepted.fact.id;
    // Team mode: what an editor records waits for review.
    const quote = 'Omega Union was dissolved';
    const proposed = await call(team, editorToken, 'POST', `/api/datasets/${encodeURIComponent(DATASET)}/facts`, {
      type: 'DISSOLVED', from: { id: 'authority/ministry' }, to: { new: { type: 'Organization', name: 'Omega Union' } }, evidence: { source: ids.source, quote, start: REPORT.indexOf(quote), end: REPORT.indexOf(quote) + quote.length },
    });
    expect(proposed.fact.status).toBe('proposed');
    ids.proposed = proposed.fact.id;
    ids.proposedActor = proposed.fact.to;
  }, 120_000);

  afterAll(async () => {
    await owner?.close();
    await team?.close();
    accounts.close();
  });

  it('leaves proposals out unless asked, and writes texts with their SHA-256, offsets, dates and statuses', async () => {
    const { document, texts } = await exportDataset(db, DATASET);
    const relations = document.relations as any[];
    const entities = document.entities as any[];
    expect(relations.map((r) => r.id).sort()).toEqual([ids.accepted, 'rel/ministry-dissolved-aeem'].sort());
    expect(entities.map((e) => e.id)).not.toContain(ids.proposedActor);
    const second = REPORT.lastIndexOf(TWICE);
    expect(relations.find((r) => r.id === ids.accepted)).toMatchObject({ status: 'accepted', revision: 1, date: { on: '2024-03-03', inferred: false }, evidence: [{ source: ids.source, quote: TWICE, start: second, end: second + TWICE.length }] });
    expect(relations.find((r) => r.id === 'rel/ministry-dissolved-aeem')).toEqual({ ...fixture.relations[0], evidence: [{ source: 'src/excerpt', quote: 'The ministry dissolved the association.' }] });
    const source = (document.sources as any[]).find((s) => s.id === ids.source);
    expect(source).toEqual({ id: ids.source, title: 'Field Report', published: '2024-03', language: 'en', textFile: 'sources/src__field-report.txt', textSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(texts.get(source.textFile)).toBe(REPORT);

    const withProposals = await exportDataset(db, DATASET, { proposals: true });
    expect((withProposals.document.relations as any[]).find((r) => r.id === ids.proposed)).toMatchObject({ status: 'proposed', revision: 1 });
    expect((withProposals.document.entities as any[]).find((e) => e.id === ids.proposedActor)).toMatchObject({ status: 'proposed' });
  });

  it('round-trips: the exported file passes --check and loads back to the same graph', async () => {
    const before = await graph();
    const file = dir.join('out', 'export.yaml');
    // The command line itself, against the test Neo4j.
    const { uri, ...credentials } = { uri: inject('neo4jUri'), ...testCredentials() };
    await run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'ingest/export-cli.ts'), '--format', 'dataset', '--dataset', DATASET, '--proposals', '--out', file], {
      cwd: projectRoot,
      env: { ...process.env, NEO4J_URI: uri, NEO4J_USERNAME: credentials.username ?? '', NEO4J_PASSWORD: credentials.password ?? '' },
    });
    expect(parse(readFileSync(file, 'utf8')).metadata).toEqual({ id: DATASET, title: 'Export fixture' });
    expect(await seedCheck(file)).toMatch(/is valid: 3 sources, 6 entities, 3 relations/);
    expect(validateDatasetFile(file).plan.counts).toMatchObject({ sources: 3, entities: 6, relations: 3 });

    // One database: empty it and load the export alone.
    await resetDatabase(db);
    await loadDatasetFile(db, file);
    expect(await graph()).toEqual(before);
    // Its texts are the held ones, byte for byte.
    expect(readFileSync(path.join(path.dirname(file), 'sources/src__field-report.txt'), 'utf8')).toBe(REPORT);
  });

  it('refuses an exported file whose text changed under its offsets', async () => {
    const file = dir.join('edited', 'export.yaml');
    await writeDatasetExport(db, DATASET, file);
    writeFileSync(path.join(path.dirname(file), 'sources/src__field-report.txt'), `Note. ${REPORT}`);
    await expect(seedCheck(file)).rejects.toMatchObject({ stderr: expect.stringMatching(/textSha256: the text file .* is not the text this hash was taken of[\s\S]*evidence\[0\]\.start: the quote is not the source's text at/) });
  });

  it('FtM: an accepted recorded fact goes out with its quote and offsets, proposed and retired ones do not, and `ftm validate` accepts the file', { timeout: 600_000 }, async () => {
    // A third fact, retired (the retire endpoint is another branch's: its stored effect is the status).
    const quote = 'Anna Example accused Bruno Example again';
    const retired = await call(owner, undefined, 'POST', `/api/datasets/${encodeURIComponent(DATASET)}/facts`, {
      type: 'ACCUSED', from: { id: 'person/anna' }, to: { new: { type: 'Person', name: 'Carl Example' } }, properties: { words: 'again' }, evidence: { source: ids.source, quote, start: REPORT.indexOf(quote), end: REPORT.indexOf(quote) + quote.length },
    });
    await db.write("MATCH ()-[r {id: $id}]->(b) SET r.factStatus = 'retired', b.factStatus = 'retired'", { id: retired.fact.id });
    const lines: string[] = [];
    await exportFtm(db, (line) => {
      lines.push(line);
    });
    const file = dir.join('recorded.ftm.json');
    writeFileSync(file, lines.join(''));
    const entities = lines.map((line) => JSON.parse(line) as { id: string; schema: string; properties: Record<string, string[]> });
    const byId = new Map(entities.map((e) => [e.id, e]));
    const second = REPORT.lastIndexOf(TWICE);
    const fact = byId.get(toFtmId(ids.accepted));
    expect(fact?.properties.proof).toEqual([toFtmId(ids.source)]);
    // FtM's proof names the document; the passage and its offsets are in the notes (or description, where the schema has no notes).
    expect([...(fact?.properties.notes ?? []), ...(fact?.properties.description ?? [])].join('\n')).toContain(`“${TWICE}” (${ids.source}, characters ${second}–${second + TWICE.length})`);
    expect(byId.get(toFtmId(ids.source))).toMatchObject({ schema: 'Document', properties: { title: ['Field Report'] } });
    for (const hidden of [ids.proposed, ids.proposedActor, retired.fact.id, retired.fact.to]) expect(byId.has(toFtmId(hidden)), hidden).toBe(false);
    // No edge points at an entity that is not in the file.
    const known = new Set(entities.map((e) => e.id));
    for (const e of entities) for (const key of ['source', 'target', 'entity', 'person', 'organization', 'owner', 'asset', 'director', 'member']) for (const v of e.properties[key] ?? []) expect(known.has(v), `${e.id} ${key}`).toBe(true);

    const validated = spawnSync(ensurePypiTool(FTM_TOOL), ['validate', '-i', file, '-o', dir.join('validated.json')], { encoding: 'utf8' });
    expect(validated.stderr).not.toMatch(/Error|Traceback/);
    expect(validated.status).toBe(0);
  });
});
