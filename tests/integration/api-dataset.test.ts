// The API on the real Mali dataset, loaded by the project's loader: what a researcher types must find what they mean.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NeighborsSchema, NodeDetailsSchema, SchemaSchema, SourceDetailsSchema, TimelineSchema } from '../../server/http/api-shapes.ts';
import { DEFAULT_DATASET, loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { getJson, nodePath, postJson } from './api-support.ts';

/** Quotes are matched to their source with whitespace folded (the article has non-breaking spaces). */
const folded = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('API on the Mali dataset file', () => {
  const db = testDatabase();
  let server: RunningServer;
  const get = (p: string) => getJson(server.url + p);
  const top = async (q: string, extra = '') => {
    const { status, body } = await get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
    expect(status).toBe(200);
    expect(body.mode).toBe('fulltext');
    return body.results as { node: { id: string; caption: string; labels: string[]; properties: Record<string, unknown> }; score: number }[];
  };
  const names = (node: { caption: string; properties: Record<string, unknown> }) => [node.caption, ...((node.properties.aliases as string[]) ?? [])].join(' | ');

  beforeAll(async () => {
    // The dataset is part of the repository: without it this suite fails rather than quietly skipping.
    expect(existsSync(DEFAULT_DATASET), `missing ${DEFAULT_DATASET}`).toBe(true);
    await resetDatabase(db);
    await loadDatasetFile(db);
    server = await startServer(db, { security: { rateLimits: false } });
  });

  afterAll(async () => {
    await server?.close();
    await db.close();
  });

  it('describes the loaded schema from the declaration and the counts', async () => {
    const { body } = await get('/api/schema');
    SchemaSchema.parse(body);
    const dissolved = body.relationshipTypes.find((t: { type: string }) => t.type === 'DISSOLVED');
    expect(dissolved.count).toBeGreaterThanOrEqual(4);
    expect(body.search.mode).toBe('fulltext');
    expect(body.labels.every((l: { declared: boolean }) => l.declared)).toBe(true);
  });

  it('finds Kaoural Renewal from the typo "Kaural", the AEEM from "Eleves", Goita from "Goïta" and Goïta from "Goita"', async () => {
    expect((await top('Kaural'))[0]!.node.caption).toMatch(/Kaoural/);
    expect(names((await top('Eleves'))[0]!.node)).toMatch(/AEEM|Elèves/);
    expect(names((await top('Goïta'))[0]!.node)).toMatch(/Goita/);
    expect(names((await top('Goita'))[0]!.node)).toMatch(/Goita|Goïta/);
    expect(names((await top('Sangare'))[0]!.node)).toMatch(/Sangaré/);
  });

  it('answers every search hit as a node with evidence whose offsets select its quote', async () => {
    const aeem = (await top('AEEM'))[0]!.node;
    const { status, body } = await get(nodePath(aeem.id));
    expect(status).toBe(200);
    NodeDetailsSchema.parse(body);
    expect(body.evidence.length).toBeGreaterThan(0);
    const texts = new Map<string, string | null>();
    for (const evidence of body.evidence) {
      if (!texts.has(evidence.sourceId)) texts.set(evidence.sourceId, (await get(`/api/sources/${encodeURIComponent(evidence.sourceId)}`)).body.source.text);
      const text = texts.get(evidence.sourceId);
      if (text && evidence.start !== undefined) expect(folded(text.slice(evidence.start, evidence.end))).toBe(folded(evidence.quote));
    }
    expect(body.degree).toBeGreaterThan(0);
    const neighbors = await get(`${nodePath(aeem.id)}/neighbors?limit=1`);
    NeighborsSchema.parse(neighbors.body);
    expect(neighbors.body.edges).toHaveLength(1);
    expect(neighbors.body.total).toBe(body.degree);
  });

  it('places the four dissolutions in date order on the timeline, with precision and the inferred flag', async () => {
    const { body } = await get('/api/timeline?types=DISSOLVED');
    TimelineSchema.parse(body);
    expect(body.events.length).toBeGreaterThanOrEqual(4);
    const dates = body.events.map((e: { date: string }) => e.date);
    expect(dates).toEqual([...dates].sort());
    const order = body.events.map((e: { participants: { caption: string; role: string }[] }) => e.participants.find((p) => p.role === 'to')!.caption);
    const index = (pattern: RegExp) => order.findIndex((caption: string) => pattern.test(caption));
    expect(index(/Observatory/)).toBeLessThan(index(/Kaoural/));
    expect(index(/Kaoural/)).toBeLessThan(index(/Coordination/));
    expect(index(/Coordination/)).toBeLessThan(index(/Pupils|AEEM/));
    expect(body.events.some((e: { inferred: boolean }) => e.inferred)).toBe(true);
  });

  it('holds every source statement to its offsets', async () => {
    const { body } = await get('/api/sources');
    for (const source of body.sources.filter((s: { hasText: boolean }) => s.hasText)) {
      const details = await get(`/api/sources/${encodeURIComponent(source.id)}`);
      SourceDetailsSchema.parse(details.body);
      expect(details.body.statements.length).toBe(source.statementCount);
      for (const s of details.body.statements) {
        if (s.start !== undefined) expect(folded(details.body.source.text.slice(s.start, s.end))).toBe(folded(s.quote));
      }
    }
  });

  it('runs every example query with its parameters and answers rows', async () => {
    const { body } = await get('/api/queries');
    for (const query of body.queries) {
      const result = await postJson(`${server.url}/api/cypher`, { query: query.cypher, params: query.params });
      expect(result.status, `${query.name}: ${JSON.stringify(result.body.error ?? '')}`).toBe(200);
      expect(result.body.rows.length, query.name).toBeGreaterThan(0);
    }
  });
});
