// Renders the timeline's per-index queries (cypher/queries/timeline/*.cypher) from the model
// declaration: one small query per date index, so a window or a first page never scans the graph.
import path from 'node:path';
import { projectRoot } from './config.ts';
import { MODEL, type Model } from '../model/index.ts';

export const TIMELINE_SLICES_DIR = path.join(projectRoot, 'cypher', 'queries', 'timeline');

/*
 * Why this shape. An item's period runs from `date` to `endDate` (or `date`), widened by its precision
 * (a 'year' date covers the whole year); it is shown when that period overlaps [$from, $to]. Only
 * `date` and `endDate` are indexed, so the index is asked for ranges sure to hold every match and the
 * exact overlap is checked on what they return:
 *   - starts in the window: $lower <= date <= $upper, where $lower is $from minus a year (a period
 *     without endDate ends at most a year after it starts) and $upper is $to;
 *   - spans into the window: date < $lower and endDate >= $lower (through the endDate index).
 * Relationship indexes exist per type only, hence one query per type (server/queries.ts merges their
 * first pages). A single query with a branch per index gave the same answers but took Neo4j 1.5-7 s
 * to plan, on every first use and again after each large import.
 */

const PERIOD_END = `CASE coalesce(x.datePrecision, 'day')
    WHEN 'year' THEN coalesce(x.endDate, x.date) + duration('P1Y') - duration('P1D')
    WHEN 'month' THEN coalesce(x.endDate, x.date) + duration('P1M') - duration('P1D')
    ELSE coalesce(x.endDate, x.date)
  END`;

export interface TimelineSlice {
  /** The file's base name: 'entity' or the relationship type in lower case. */
  name: string;
  kind: 'node' | 'relationship';
  /** The relationship type, for a relationship slice. */
  relationType?: string;
}

export function timelineSlices(model: Model = MODEL): TimelineSlice[] {
  return [
    { name: 'entity', kind: 'node' },
    ...model.relations.map((r) => ({ name: r.type.toLowerCase(), kind: 'relationship' as const, relationType: r.type })),
  ];
}

export function renderTimelineSlice(slice: TimelineSlice, model: Model = MODEL): string {
  const e = model.entityLabel;
  const pattern = slice.kind === 'node' ? `(x:${e})` : `()-[x:${slice.relationType}]->()`;
  const type = slice.kind === 'node' ? `[label IN labels(x) WHERE label <> '${e}'][0]` : `'${slice.relationType}'`;
  const what = slice.kind === 'node' ? `dated ${e} nodes` : `dated ${slice.relationType} relationships`;
  const matched = `CALL () {
  MATCH ${pattern} WHERE x.date >= date($lower) AND x.date <= date($upper) RETURN x
  UNION ALL
  MATCH ${pattern} WHERE x.endDate >= date($lower) AND x.date < date($lower) RETURN x
}
WITH x, ${type} AS type
WHERE ($types IS NULL OR type IN $types)
  AND ($from IS NULL OR ${PERIOD_END} >= date($from))`;
  return `// title: Timeline slice: ${what}
// description: How many ${what} have a period overlapping $from..$to, and the keys of the first $limit of them in the timeline's order (timeline-items.cypher fetches the merged page). $lower is $from minus one year (or '0001-01-01') and $upper is $to (or '9999-12-31'), so that the date and endDate indexes bound the search. server/queries.ts merges the slices.
// params: {"from": null, "lower": "0001-01-01", "upper": "9999-12-31", "types": null, "limit": 500}
// Generated from server/model/declaration.ts by \`npx tsx ingest/seed-cli.ts --write-schema\` (seed/timeline-queries.ts); do not edit.
${matched}
WITH x, type, coalesce(x.datePrecision, 'day') AS precision
ORDER BY x.date, CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, type, coalesce(x.id, elementId(x))
// One pass: every match is counted, the first $limit are answered (no match, no row).
WITH collect({x: x, type: type, precision: precision}) AS matched
UNWIND matched[..$limit] AS m
WITH size(matched) AS total, m.x AS x, m.type AS type, m.precision AS precision
RETURN total, elementId(x) AS elementId, toString(x.date) AS date, type, precision, coalesce(x.id, elementId(x)) AS key
`;
}

/** Every generated slice file and its text. */
export function renderTimelineSlices(model: Model = MODEL): Map<string, string> {
  return new Map(timelineSlices(model).map((slice) => [path.join(TIMELINE_SLICES_DIR, `${slice.name}.cypher`), renderTimelineSlice(slice, model)]));
}
