// The first visit after a start (issue #26): the warm-up runs one of each read a first visit makes, within its budget, through
// the catalog the app serves with; the histogram counts every dated item as the timeline does; the schema says the first screen's threshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { HistogramSchema, SchemaSchema } from '../../server/http/api-shapes.ts';
import { Catalog } from '../../server/services/catalog.ts';
import { warmFirstVisit } from '../../server/services/warm-first-visit.ts';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { dropCivicGraphSchema, getJson, MOVIES_CYPHER, restoreCivicGraphSchema } from './api-support.ts';

interface Event {
  date: string;
  endDate: string | null;
  inferred: boolean;
  type: string;
}

/** What the page counted before the histogram endpoint: each event in every month from its date to its end date. */
function countedFromEvents(events: Event[]): Map<string, { stated: number; inferred: number }> {
  const months = new Map<string, { stated: number; inferred: number }>();
  for (const e of events) {
    let [y, m] = e.date.split('-').map(Number) as [number, number];
    const [ly, lm] = (e.endDate ?? e.date).split('-').map(Number) as [number, number];
    do {
      const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
      const month = months.get(key) ?? { stated: 0, inferred: 0 };
      month[e.inferred ? 'inferred' : 'stated']++;
      months.set(key, month);
      m++;
      if (m > 12) [y, m] = [y + 1, 1];
    } while (y < ly || (y === ly && m <= lm));
  }
  return months;
}

/**
 * The test database emptied and filled by `fill`, the app over it with the catalog the warm-up is given, and
 * `restore` after; the hooks are registered in the calling describe.
 */
function servedOver(fill: (db: Database) => Promise<unknown>, restore: (db: Database) => Promise<unknown>) {
  const db = testDatabase();
  const served = { db, catalog: new Catalog(db) } as { db: Database; catalog: Catalog; server: RunningServer };
  beforeAll(async () => {
    await resetDatabase(db);
    await fill(db);
    served.server = await startServer(db, {}, { catalog: served.catalog });
  });
  afterAll(async () => {
    await served.server?.close();
    await restore(db);
    await db.close();
  });
  return served;
}

describe('first visit on our data (Mali)', () => {
  const served = servedOver(async (db) => {
    await applySchema(db, civicSpaceModel());
    await loadDatasetFile(db);
    await db.read('CALL db.awaitIndexes(60)');
  }, resetDatabase);
  const { db, catalog } = served;

  it('runs one of each read of a first visit, on real ids, without a failure', async () => {
    const visit = await warmFirstVisit(db, catalog, { overviewMaxNodes: 2000 });
    expect(visit.failed).toEqual([]);
    expect(visit.cut).toBeUndefined();
    expect(visit.ran.map((r) => r.read)).toEqual(
      expect.arrayContaining(['schema', 'schema graph', 'histogram', 'overview', 'label top', 'node details', 'neighbours', 'story', 'search', 'paths', 'source', 'timeline']),
    );
  });

  it('stops at its budget and says where', async () => {
    const visit = await warmFirstVisit(db, new Catalog(db), { overviewMaxNodes: 2000, budgetMs: 0 });
    expect(visit.cut).toBe('schema');
    expect(visit.ran).toEqual([]);
  });

  it('counts every dated item per month as the timeline lists them, stated and inferred apart', async () => {
    const { status, body } = await getJson(`${served.server.url}/api/timeline/histogram`);
    expect(status).toBe(200);
    const histogram = HistogramSchema.parse(body);
    const timeline = (await getJson(`${served.server.url}/api/timeline?limit=2000`)).body as { events: Event[]; total: number; truncated: boolean };
    expect(timeline.truncated).toBe(false);
    expect(histogram.total).toBe(timeline.total);
    expect(histogram.total).toBeGreaterThan(10);
    const expected = countedFromEvents(timeline.events);
    expect(new Map(histogram.months.map((m) => [m.month, { stated: m.stated, inferred: m.inferred }]))).toEqual(expected);
    // Per type too: every month's types add up to its items.
    for (const m of histogram.months) expect(Object.values(m.byType).reduce((a, b) => a + b, 0)).toBe(m.stated + m.inferred);
    expect(Object.values(histogram.kinds)).toEqual(expect.arrayContaining(['node', 'relationship']));
  });

  it('says the first screen\'s threshold: the default, or what the app was given', async () => {
    const body = SchemaSchema.parse((await getJson(`${served.server.url}/api/schema`)).body);
    expect(body.overviewMaxNodes).toBe(2000);
    const low = await startServer(db, {}, { overviewMaxNodes: 10 });
    try {
      expect((await getJson(`${low.url}/api/schema`)).body.overviewMaxNodes).toBe(10);
    } finally {
      await low.close();
    }
  });
});

describe('first visit on a foreign graph (movies)', () => {
  const served = servedOver(async (db) => {
    await dropCivicGraphSchema(db);
    await db.write(MOVIES_CYPHER);
  }, restoreCivicGraphSchema);
  const { db, catalog } = served;

  it('runs the first visit by element ids, and reads the names search scans', async () => {
    const visit = await warmFirstVisit(db, catalog, { overviewMaxNodes: 2000 });
    expect(visit.failed).toEqual([]);
    expect(visit.ran.map((r) => r.read)).toEqual(expect.arrayContaining(['schema', 'histogram', 'overview', 'label top', 'node details', 'neighbours', 'search', 'name index', 'timeline']));
    expect(visit.ran.map((r) => r.read)).not.toContain('source');
  });

  it('counts people by their birth year, as the timeline dates them', async () => {
    const histogram = HistogramSchema.parse((await getJson(`${served.server.url}/api/timeline/histogram`)).body);
    const timeline = (await getJson(`${served.server.url}/api/timeline?limit=2000`)).body as { events: Event[]; total: number };
    expect(histogram.total).toBe(timeline.total);
    expect(histogram.total).toBeGreaterThan(0);
    expect(histogram.months.every((m) => m.month.endsWith('-01') && m.inferred === 0)).toBe(true);
    expect(new Map(histogram.months.map((m) => [m.month, { stated: m.stated, inferred: m.inferred }]))).toEqual(countedFromEvents(timeline.events.map((e) => ({ ...e, endDate: null }))));
  });
});
