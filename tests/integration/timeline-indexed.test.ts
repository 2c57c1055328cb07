// The index-backed timeline gives exactly the scanning timeline's answer (page order and total) on a
// generated graph with year/month/day precisions and spans, for windows that cut through all of them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFiles, generateDataset } from '../../bench/synthetic/generate.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { timeline, yearBefore, type TimelineRow } from '../../server/services/reads/timeline.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { civicSpaceModel } from '../../model/index.ts';

const signature = (events: TimelineRow[]) =>
  events.map((e) => `${e.kind}:${e.type}:${String(e.item.properties.id)}:${e.participants.length}`);

describe('timeline through the date indexes', () => {
  const db = testDatabase();
  let dir: string;

  beforeAll(async () => {
    await resetDatabase(db);
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-timeline-'));
    const manifest = await generateDataset({ nodes: 1500, seed: 11, outDir: dir });
    await importBulk(db, datasetFiles(dir, manifest));
  }, 300_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await resetDatabase(db);
    await db.close();
  });

  it('yearBefore steps back one calendar year, and 29 February to the 28th', () => {
    expect(yearBefore('2024-03-15')).toBe('2023-03-15');
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
    expect(yearBefore('2024-01-01')).toBe('2023-01-01');
  });

  it('the data holds what the windows must cut through: spans and every precision', async () => {
    const { rows } = await db.read(
      `MATCH (x:Entity) WHERE x.date IS NOT NULL RETURN count(x.endDate) AS spans, collect(DISTINCT x.datePrecision) AS precisions
       UNION ALL
       MATCH ()-[x]->() WHERE x.date IS NOT NULL RETURN count(x.endDate) AS spans, collect(DISTINCT x.datePrecision) AS precisions`,
    );
    expect(Number(rows[0]!.spans) + Number(rows[1]!.spans)).toBeGreaterThan(10);
    expect(new Set([...(rows[0]!.precisions as string[]), ...(rows[1]!.precisions as string[])])).toEqual(new Set(['day', 'month', 'year']));
  });

  const windows: { from: string | null; to: string | null; types: string[] | null; limit: number }[] = [
    { from: null, to: null, types: null, limit: 500 },
    { from: null, to: null, types: null, limit: 2000 },
    { from: '2023-01-01', to: '2023-06-30', types: null, limit: 500 },
    { from: '2020-02-29', to: '2020-03-01', types: null, limit: 500 },
    { from: '2019-07-01', to: null, types: ['Person', 'DISSOLVED', 'ACCUSED'], limit: 300 },
    { from: null, to: '2015-12-31', types: ['Organization'], limit: 50 },
    { from: '2024-05-01', to: '2024-05-31', types: ['MEMBER_OF', 'HOLDS_OFFICE_IN', 'Event'], limit: 100 },
    { from: '2030-01-01', to: null, types: null, limit: 100 },
  ];

  it.each(windows)('same page and total as the scan: %j', async (window) => {
    const indexed = await timeline(db, { ...window, datasets: null, statuses: null }, civicSpaceModel());
    const scanned = await timeline(db, { ...window, datasets: null, statuses: null }, undefined);
    expect(indexed.total).toBe(scanned.total);
    expect(signature(indexed.events)).toEqual(signature(scanned.events));
    if (window.from === '2030-01-01') expect(indexed.total).toBe(0);
    else expect(indexed.total).toBeGreaterThan(0);
  });
});
