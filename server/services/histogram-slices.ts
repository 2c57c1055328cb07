// Renders the time histogram's per-index queries from the loaded model, in memory: one per date index (the
// entities' and each relationship type's), each counting its dated items per month span, never collecting them.
import { seenBy } from '../../db/named-queries.ts';
import { ENTITY_LABEL, type Model } from '../../model/index.ts';
import { timelineSlices, type TimelineSlice } from './timeline-slices.ts';

/*
 * Why this shape. The page's histogram counts an item in every month from its `date` to its `endDate` (or
 * `date`), stated and inferred dates apart, and per label or relationship type (state/histogram.ts). The
 * timeline's slices page items; these count them, on the same indexes: the range seek on `date` finds every
 * dated item of the index, and the rows are grouped by (first month, last month, inferred, type), so a
 * million items come back as a few thousand groups. The months in between are filled in by the service.
 * Only what the caller sees (seenBy: of $datasets and $statuses, null: every one); the condition sits after the seek, as in the slices.
 */

export interface HistogramSlice extends Omit<TimelineSlice, 'cypher'> {
  cypher: string;
}

/** Example parameters, for planning ahead. */
export const HISTOGRAM_SLICE_PARAMS = { datasets: null, statuses: null };

const rendered = new WeakMap<Model, HistogramSlice[]>();

/** The histogram's slices of a model (the timeline's, counted), rendered once per loaded model. */
export function histogramSlices(model: Model): HistogramSlice[] {
  let slices = rendered.get(model);
  if (!slices) {
    slices = timelineSlices(model).map(({ cypher: _, ...shape }) => ({ ...shape, cypher: renderHistogramSlice(shape) }));
    rendered.set(model, slices);
  }
  return slices;
}

/** Month number of a DATE expression: year * 12 + month - 1 (0001-01 is 12). */
const monthOf = (date: string) => `${date}.year * 12 + ${date}.month - 1`;

function renderHistogramSlice(slice: Omit<TimelineSlice, 'cypher'>): string {
  const e = ENTITY_LABEL;
  const pattern = slice.kind === 'node' ? `(x:${e})` : `(a)-[x:${slice.relationType}]->(b)`;
  const type = slice.kind === 'node' ? `[label IN labels(x) WHERE label <> '${e}'][0]` : `'${slice.relationType}'`;
  // A relationship is seen with both its ends, as on the timeline (timeline-count.cypher): one to a hidden node is not counted.
  const seen = slice.kind === 'node' ? seenBy('x') : `${seenBy('x')} AND ${seenBy('a')} AND ${seenBy('b')}`;
  return `MATCH ${pattern}
WHERE x.date >= date('0001-01-01') AND ${seen}
WITH x.date AS first, x.endDate AS last, coalesce(x.dateInferred = true, false) AS inferred, ${type} AS type
RETURN ${monthOf('first')} AS firstMonth,
       CASE WHEN last IS :: DATE NOT NULL AND last > first THEN ${monthOf('last')} ELSE ${monthOf('first')} END AS lastMonth,
       inferred, type, count(*) AS items
`;
}
