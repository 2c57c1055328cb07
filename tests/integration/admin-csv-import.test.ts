// A neo4j-admin CSV folder with labels and types of its own (a fictitious case-management graph) imports with
// those labels and types, its model inferred from the headers and reported, and is explored through the API.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { projectRoot } from '../../db/config.ts';
import { describeInference, importAdminFolder, type AdminImportResult } from '../../ingest/bulk/admin.ts';
import { DatasetError } from '../../ingest/errors.ts';
import { expectAllInDataset, resetDatabase, testDatabase } from '../support/db.ts';
import { databaseChecksum, getJson, nodePath, startApiServer, stopAndEmpty } from './api-support.ts';
import { refusedAdminFolder } from './seed-support.ts';

const CASEWORK = path.join(projectRoot, 'tests', 'fixtures', 'admin-csv', 'casework');
const EVIDENCE = { evidenceSource: 'https://casework.example.org/exports/2024-05', publisher: 'Fictitious Legal Aid Clinic' };

describe('a neo4j-admin CSV folder of its own model', () => {
  const db = testDatabase();
  let server: Awaited<ReturnType<typeof startApiServer>>;
  let result: AdminImportResult;

  beforeAll(async () => {
    await resetDatabase(db);
    result = await importAdminFolder(db, CASEWORK, EVIDENCE);
    server = await startApiServer(db, { security: { rateLimits: false } });
  });

  afterAll(() => stopAndEmpty(db, server));

  it('imports every row, several files per label and type, a header file for two parts', () => {
    expect(result.counts.entities.created).toBe(11);
    expect(result.counts.relations.created).toBe(9);
    expect(result.counts.sources.created).toBe(1);
    expect(result.counts.byLabel).toMatchObject({ Case: 3, Claimant: 3, Caseworker: 2, CourtHearing: 3 });
  });

  it('puts every node and relationship in the dataset named after the folder, or the one --dataset names', async () => {
    expect(result.dataset).toBe('casework');
    await expectAllInDataset(db, 'casework');
    const named = await importAdminFolder(db, CASEWORK, { ...EVIDENCE, dataset: 'casework', datasetTitle: 'Casework export, May 2024' });
    expect(named.counts.entities.created + named.counts.relations.created + named.counts.sources.created).toBe(0);
    expect((await db.read("MATCH (d:Dataset {id: 'casework'}) RETURN d.title AS title")).rows).toEqual([{ title: 'Casework export, May 2024' }]);
    // The same folder as another dataset: each of its ids is the first dataset's, and nothing is written.
    const before = await databaseChecksum(db);
    const error = await importAdminFolder(db, CASEWORK, { ...EVIDENCE, dataset: 'casework-again' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).issues).toHaveLength(result.counts.sources.created + result.counts.entities.created + result.counts.relations.created);
    expect((error as DatasetError).issues).toContainEqual(expect.objectContaining({ id: 'case/c-2023-0042', field: 'id', message: expect.stringMatching(/^'case\/c-2023-0042' is already an entity of the dataset 'casework', and this import writes the dataset 'casework-again'/) }));
    expect(await databaseChecksum(db)).toBe(before);
  });

  it('tells what it inferred: labels, types, typed columns, captions, renames, text kept as text', () => {
    const inferred = result.inferred;
    const byLabel = Object.fromEntries(inferred.labels.map((l) => [l.label, l]));
    expect(byLabel.Case).toMatchObject({ caption: 'title', rows: 3, properties: { caseNumber: 'string', title: 'string', opened: 'date', status: 'string', tags: 'string[]', priority: 'number' } });
    expect(byLabel.Claimant).toMatchObject({ caption: 'fullName', renamed: { full_name: 'fullName', member_count: 'memberCount', organisation_type: 'organisationType' }, properties: { memberCount: 'number', registered: 'boolean' } });
    expect(byLabel.Caseworker).toMatchObject({ caption: 'name' });
    expect(byLabel.CourtHearing).toMatchObject({ writtenAs: 'court_hearing', caption: 'court', notes: ['scheduledAt: datetime kept as text'] });
    const byType = Object.fromEntries(inferred.relations.map((r) => [r.type, r]));
    expect(byType.FILED_BY).toMatchObject({ from: ['Case'], to: ['Claimant'], rows: 3, properties: { filed: 'date' } });
    expect(byType.ASSIGNED_TO).toMatchObject({ writtenAs: 'assignedTo', from: ['Case'], to: ['Caseworker'], properties: { since: 'date', lead: 'boolean' } });
    expect(byType.HEARD_IN).toMatchObject({ from: ['CourtHearing'], to: ['Case'] });
    expect(inferred.files.filter((f) => f.header).map((f) => path.basename(f.file))).toEqual(['cases_part1.csv', 'cases_part2.csv']);
    const lines = describeInference(inferred).join('\n');
    expect(lines).toContain('inferred label Case: 3 row(s), caption title');
    expect(lines).toContain('column full_name -> property fullName');
    expect(lines).toContain('cites src/admin-casework');
  });

  it('/api/schema shows the labels and types as declared, with the inferred captions', async () => {
    const { status, body } = await getJson(`${server.url}/api/schema`);
    expect(status).toBe(200);
    const label = (name: string) => body.labels.find((l: { label: string }) => l.label === name);
    expect(label('Case')).toMatchObject({ declared: true, count: 3, caption: 'title' });
    expect(label('Claimant')).toMatchObject({ declared: true, count: 3, caption: 'fullName' });
    expect(label('CourtHearing')).toMatchObject({ declared: true, caption: 'court' });
    expect(label('Case').properties.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['caseNumber', 'opened', 'tags', 'priority']));
    const filed = body.relationshipTypes.find((t: { type: string }) => t.type === 'FILED_BY');
    expect(filed).toMatchObject({ declared: true, count: 3, from: ['Case'], to: ['Claimant'] });
  });

  it('finds its nodes by their captions, with ids in their id spaces and typed values', async () => {
    const { body } = await getJson(`${server.url}/api/search?q=${encodeURIComponent('rivermoor tenants')}`);
    const ids = body.results.map((r: { node: { id: string } }) => r.node.id);
    expect(ids).toEqual(expect.arrayContaining(['claimant/cl-1', 'case/c-2023-0042']));
    const { body: caseNode } = await getJson(`${server.url}${nodePath('case/c-2023-0042')}`);
    expect(caseNode.node).toMatchObject({ labels: expect.arrayContaining(['Case']), caption: "Eviction of the Rivermoor Tenants' Association" });
    expect(caseNode.node.properties).toMatchObject({ caseNumber: 'C-2023-0042', opened: '2023-03-14', tags: ['housing', 'eviction'], priority: 2 });
    expect(Object.keys(caseNode.node.properties)).not.toContain('IGNORE');
    expect(caseNode.evidence).toEqual([{ sourceId: 'src/admin-casework', level: 'document' }]);
    const { body: source } = await getJson(`${server.url}/api/sources/${encodeURIComponent('src/admin-casework')}`);
    expect(JSON.stringify(source)).toContain('Fictitious Legal Aid Clinic');
  });

  it('answers neighbours across its own relationship types', async () => {
    const { status, body } = await getJson(`${server.url}${nodePath('case/c-2023-0042')}/neighbors`);
    expect(status).toBe(200);
    const types = body.edges.map((e: { type: string }) => e.type).sort();
    expect(types).toEqual(['ASSIGNED_TO', 'ASSIGNED_TO', 'FILED_BY', 'HEARD_IN', 'HEARD_IN']);
    expect(body.nodes.map((n: { caption: string }) => n.caption)).toEqual(expect.arrayContaining(['Dana Exemplar', "Rivermoor Tenants' Association"]));
    const lead = body.edges.find((e: { type: string; target: string }) => e.type === 'ASSIGNED_TO' && e.target === 'staff/dana');
    expect(lead.properties).toMatchObject({ since: '2023-03-15', lead: true });
  });

  it('puts its dated hearings on the timeline and exports them as GEXF spells', async () => {
    const { body } = await getJson(`${server.url}/api/timeline?from=2023-01&to=2024-12`);
    const hearings = body.events.filter((e: { id: string }) => e.id.startsWith('hearing/'));
    expect(hearings.map((e: { date: string }) => e.date)).toEqual(['2023-04-03', '2023-05-15', '2024-02-28']);
    const response = await fetch(`${server.url}/api/export?ids=hearing/h-1,case/c-2023-0042&format=gexf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/gexf\+xml/);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await response.text());
    const nodes = doc.gexf.graph.nodes.node as { id: string; label: string; spells?: { spell: { start: string; end: string } }; 'viz:color'?: unknown }[];
    const hearing = nodes.find((n) => n.id === 'hearing/h-1')!;
    expect(hearing.spells?.spell).toEqual({ start: '2023-04-03', end: '2023-04-03' });
    expect(hearing['viz:color']).toBeDefined();
    expect(nodes.find((n) => n.id === 'case/c-2023-0042')!.label).toBe("Eviction of the Rivermoor Tenants' Association");
  }, 120_000); // the first timeline query plans one query per date index, slow on a loaded machine

  it('a rerun creates nothing', async () => {
    const again = await importAdminFolder(db, CASEWORK, EVIDENCE);
    expect(again.counts.entities.created + again.counts.relations.created + again.counts.sources.created).toBe(0);
  });

  it('refuses a folder with an integer id that is not a number, naming the line, and writes nothing', async () => {
    const issues = await refusedAdminFolder(db, { 'people.tsv.csv': 'pid:ID\t:LABEL\tname\n1\tWitness\tA. Nonymous\nx2\tWitness\tB. Nonymous\n' }, { ...EVIDENCE, idType: 'integer', delimiter: '\t' });
    expect(issues).toEqual([expect.objectContaining({ path: 'line 3', field: 'pid:ID', message: "'x2' is not a whole number (--id-type integer)" })]);
  });

  it('takes a model file beside the files as the declaration, inferring only the rest', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'admin-csv-'));
    try {
      writeFileSync(
        path.join(dir, 'model.yaml'),
        ['id: witness-statements', 'title: Witness statements', 'extends: civic-space', 'evidence: document', 'labels:', '  Witness: { description: A person heard as a witness., color: "#336699", shape: star }'].join('\n') + '\n',
      );
      writeFileSync(path.join(dir, 'witnesses.csv'), 'id:ID(Witness)|:LABEL|name\n7|Witness|C. Fictive\n');
      writeFileSync(path.join(dir, 'statements.csv'), 'sid:ID(Statement)|:LABEL|summary|pages:int\ns1|Statement|Saw the eviction notice posted|4\n');
      writeFileSync(path.join(dir, 'gave.csv'), ':START_ID(Witness)|:END_ID(Statement)|:TYPE\n7|s1|GAVE\n');
      const imported = await importAdminFolder(db, dir, { ...EVIDENCE, delimiter: '|' });
      expect(imported.inferred.modelFile).toBe(path.join(dir, 'model.yaml'));
      expect(imported.inferred.declared).toEqual([expect.objectContaining({ name: 'Witness', declaredIn: expect.stringContaining('model.yaml') })]);
      expect(imported.inferred.labels.map((l) => [l.label, l.caption])).toEqual([['Statement', 'summary']]);
      expect(imported.inferred.relations.map((r) => [r.type, r.from, r.to])).toEqual([['GAVE', ['Witness'], ['Statement']]]);
      expect(imported.counts.entities.created).toBe(2);
      // The catalog keeps what the database holds for a few seconds: wait for it to see the new labels.
      await vi.waitFor(
        async () => {
          const { body } = await getJson(`${server.url}/api/schema`);
          expect(body.labels.find((l: { label: string }) => l.label === 'Witness')).toMatchObject({ declared: true, shape: 'star', color: '#336699' });
          expect(body.labels.find((l: { label: string }) => l.label === 'Statement')).toMatchObject({ declared: true, caption: 'summary' });
        },
        { timeout: 20_000, interval: 500 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
