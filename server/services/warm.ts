// Plans the server's reads once after a start (EXPLAIN, nothing runs) and runs one timeline window, so the first users do not wait for Neo4j's planner.
import type { Database } from '../../db/database.ts';
import { BUILT_QUERIES, builtQuery } from '../../db/built-queries.ts';
import { namedQueries } from '../../db/named-queries.ts';
import { ENTITY_LABEL, RECORD_LABELS, REVISION_LABEL, type Model } from '../../model/index.ts';
import { overviewLabels } from './overview.ts';
import { countStoreCounts } from './reads/schema.ts';
import { timeline } from './reads/timeline.ts';
import { SLICE_PARAMS, timelineSlices } from './timeline-slices.ts';
import { OWNER_DEFAULT } from './visibility.ts';

/**
 * The labels the overview's sample would seed from now (overview.ts), from the count store and the model as
 * the catalog reads them: the seeds' statement names them, so it is planned for this list. None when the
 * count store cannot be read (the catalog then scans, which a warm-up should not do for a plan).
 */
async function seedLabels(db: Database, model: Model): Promise<string[]> {
  const counts = await countStoreCounts(db).catch(() => undefined);
  if (!counts) return [];
  const ours = counts.labels.some((l) => l.name === ENTITY_LABEL && l.count > 0);
  return overviewLabels(
    counts.labels.filter((l) => !RECORD_LABELS.includes(l.name)).map((l) => ({ label: l.name, count: l.count, declared: ours && model.label(l.name) !== undefined })),
  );
}

/**
 * Whether the database holds our data: only then are the model's timeline slices its timeline's reads (a foreign
 * database is dated by its labels' own properties, timeline-dated-label.cypher). Planning them there cost a
 * foreign start seconds of 'warming' for queries it never runs (issue #26). Unknown counts: assume ours.
 */
async function holdsOurData(db: Database): Promise<boolean> {
  const counts = await countStoreCounts(db).catch(() => undefined);
  return !counts || counts.labels.some((l) => l.name === ENTITY_LABEL && l.count > 0);
}

/** Whether a fact was ever recorded (a Revision node, from the count store): reads then filter by fact status. */
async function factsRecorded(db: Database): Promise<boolean> {
  const counts = await countStoreCounts(db).catch(() => undefined);
  return counts?.labels.some((l) => l.name === REVISION_LABEL && l.count > 0) ?? false;
}

/**
 * Plans every named read, the built reads and the model's timeline slices once (EXPLAIN, nothing runs), so that the
 * first users after a start do not wait for Neo4j's planner: a cold JVM took 10 s to plan the
 * timeline's slices. Neo4j caches a plan per parameter types, so the slices are planned for both
 * an open and a bounded start. Every read is planned with `datasets: null, statuses: null` (its example parameters say so), as the
 * owner and instance admins run it on a database without recorded facts; where facts were recorded, also with the
 * statuses the owner's page shows (a list: another plan). A caller who reads only some datasets (a list) has it
 * planned on first use.
 * Then one timeline window runs for real (below).
 */
export async function warmQueryPlans(db: Database, model: Model): Promise<{ planned: number; failed: string[] }> {
  let planned = 0;
  const failed: string[] = [];
  const [labels, ours, recorded] = await Promise.all([seedLabels(db, model), holdsOurData(db), factsRecorded(db)]);
  // Neo4j plans again for a list where it planned for null: the owner's statuses get plans of their own.
  const statuses = recorded ? OWNER_DEFAULT.statuses : null;
  const withStatuses = (params: Record<string, unknown>) => (statuses && 'statuses' in params ? [params, { ...params, statuses }] : [params]);
  const plans = [
    ...[...namedQueries().values()].map((q) => ({ name: q.name, cypher: q.cypher, variants: withStatuses(q.params) })),
    { name: 'count-nodes', cypher: builtQuery('count-nodes'), variants: [BUILT_QUERIES['count-nodes'].params] },
    { name: 'database-counts', cypher: builtQuery('database-counts'), variants: [BUILT_QUERIES['database-counts'].params] },
    ...(labels.length ? [{ name: 'overview-seeds', cypher: builtQuery('overview-seeds', labels), variants: withStatuses(BUILT_QUERIES['overview-seeds'].params) }] : []),
    ...(ours ? timelineSlices(model) : []).map((s) => ({ name: `timeline slice ${s.name}`, cypher: s.cypher, variants: [SLICE_PARAMS, { ...SLICE_PARAMS, from: '2000-01-01' }].flatMap(withStatuses) })),
  ];
  for (const query of plans) {
    for (const params of query.variants) {
      try {
        await db.read(`EXPLAIN ${query.cypher}`, params);
        planned++;
      } catch {
        failed.push(query.name);
      }
    }
  }
  // Planned is not yet fast: right after a start, the first timeline window of all took 3.1 s at 100k
  // and the first of another window then 0.8 s (measured), so one window is run here, while health still
  // says 'warming'. Half of last year: a range any dated graph is likely to reach, and cheap when empty.
  const year = new Date().getUTCFullYear() - 1;
  if (ours) try {
    await timeline(db, { from: `${year}-01-01`, to: `${year}-06-30`, types: null, limit: 50, datasets: null, statuses }, model);
  } catch {
    failed.push('timeline (one window run)');
  }
  return { planned, failed };
}
