// Renders the timeline's per-index queries from the loaded model, in memory: one small query per
// date index (the entities' and each relationship type's), so a window or a first page never scans the graph.
import { seenBy } from '../../db/named-queries.ts';
import { ENTITY_LABEL, type Model } from '../../model/index.ts';

/*
 * Why this shape. An item's period runs from `date` to `endDate` (or `date`), widened by its precision
 * (a 'year' date covers the whole year); it is shown when that period overlaps [$from, $to]. Only
 * `date` and `endDate` are indexed, so the index is asked for ranges sure to hold every match and the
 * exact overlap is checked on what they return:
 *   - starts in the window: $lower <= date <= $upper, where $lower is $from minus a year (a period
 *     without endDate ends at most a year after it starts) and $upper is $to;
 *   - spans into the window: date < $lower and endDate >= $lower (through the endDate index).
 * Relationship indexes exist per type only, hence one query per type (services/reads/timeline.ts merges their
 * first pages). A single query with a branch per index gave the same answers but took Neo4j 1.5-7 s
 * to plan, on every first use and again after each large import.
 */

const PERIOD_END = `CASE coalesce(x.datePrecision, 'day')
    WHEN 'year' THEN coalesce(x.endDate, x.date) + duration('P1Y') - duration('P1D')
    WHEN 'month' THEN coalesce(x.endDate, x.date) + duration('P1M') - duration('P1D')
    ELSE coalesce(x.endDate, x.date)
  END`;

export interface TimelineSlice {
  /** 'entity' or the relationship type in lower case. */
  name: string;
  kind: 'node' | 'relationship';
  /** The relationship type, for a relationship slice. */
  relationType?: string;
  /** The query, with the parameters of PARAMS. */
  cypher: string;
}

/** Example parameters (open start, every dataset), for planning ahead. */
export const SLICE_PARAMS = { from: null, lower: '0001-01-01', upper: '9999-12-31', types: null, limit: 500, datasets: null, statuses: null };

const rendered = new WeakMap<Model, TimelineSlice[]>();

/** The slices of a model, rendered once per loaded model. */
export function timelineSlices(model: Model): TimelineSlice[] {
  let slices = rendered.get(model);
  if (!slices) {
    const shapes: Omit<TimelineSlice, 'cypher'>[] = [
      { name: 'entity', kind: 'node' },
      ...model.relations.map((r) => ({ name: r.type.toLowerCase(), kind: 'relationship' as const, relationType: r.type })),
    ];
    slices = shapes.map((shape) => ({ ...shape, cypher: renderTimelineSlice(shape) }));
    rendered.set(model, slices);
  }
  return slices;
}

/**
 * How many items of one slice have a period overlapping $from..$to, and the keys of the first $limit
 * of them in the timeline's order (timeline-items.cypher fetches the merged page). $lower is $from
 * minus one year (or '0001-01-01') and $upper is $to (or '9999-12-31'), so that the date and endDate
 * indexes bound the search. Only what the caller sees counts (seenBy: of $datasets and $statuses, null: every
 * one): a node they see, a relationship they see whose two ends they see too; the condition sits in each index
 * branch, after the seek, so the total and the page are of visible items only.
 */
function renderTimelineSlice(slice: Omit<TimelineSlice, 'cypher'>): string {
  const e = ENTITY_LABEL;
  const pattern = slice.kind === 'node' ? `(x:${e})` : `(a)-[x:${slice.relationType}]->(b)`;
  const visible = slice.kind === 'node' ? seenBy('x') : `${seenBy('x')} AND ${seenBy('a')} AND ${seenBy('b')}`;
  const type = slice.kind === 'node' ? `[label IN labels(x) WHERE label <> '${e}'][0]` : `'${slice.relationType}'`;
  const matched = `CALL () {
    MATCH ${pattern} WHERE x.date >= date($lower) AND x.date <= date($upper) AND ${visible} RETURN x
    UNION ALL
    MATCH ${pattern} WHERE x.endDate >= date($lower) AND x.date < date($lower) AND ${visible} RETURN x
  }
  WITH x, ${type} AS type
  WHERE ($types IS NULL OR type IN $types)
    AND ($from IS NULL OR ${PERIOD_END} >= date($from))`;
  // Counted in one pass and paged in another (a top-$limit sort), never collected whole: collecting every
  // match of the whole range exceeded the launcher's transaction memory at 1M entities (422 memory_limit).
  return `CALL () {
  ${matched}
  RETURN count(*) AS total
}
CALL () {
  ${matched}
  WITH x, type, coalesce(x.datePrecision, 'day') AS precision
  ORDER BY x.date, CASE precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, type, coalesce(x.id, elementId(x))
  LIMIT $limit
  RETURN x, type, precision
}
// No match, no row.
RETURN total, elementId(x) AS elementId, toString(x.date) AS date, type, precision, coalesce(x.id, elementId(x)) AS key
`;
}
