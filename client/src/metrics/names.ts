// The metrics the canvas offers, their titles and result shapes; no graphology here, so the first page loads without it.
export const METRICS = ['degree', 'weightedDegree', 'betweenness', 'closeness', 'pagerank'] as const;
export type MetricName = (typeof METRICS)[number];

export const METRIC_TITLES: Readonly<Record<MetricName | 'community', string>> = {
  degree: 'Degree',
  weightedDegree: 'Weighted degree',
  betweenness: 'Betweenness',
  closeness: 'Closeness',
  pagerank: 'PageRank',
  community: 'Community',
};

export type NodeMetrics = Record<MetricName, number> & { community: number };

export interface MetricsInput {
  nodes: string[];
  edges: { source: string; target: string }[];
}

export interface MetricsResult {
  values: Map<string, NodeMetrics>;
  communities: number;
  /** Highest value of each metric, for sizing and legends. */
  max: Record<MetricName, number>;
  ms: number;
}
