// A Web Worker that computes the canvas metrics for large views, so the page stays responsive meanwhile.
import { computeMetrics } from './compute.ts';
import type { MetricsInput, NodeMetrics } from './names.ts';

export interface MetricsRequest extends MetricsInput {
  run: number;
}

export interface MetricsAnswer {
  run: number;
  values?: [string, NodeMetrics][];
  communities?: number;
  max?: Record<string, number>;
  ms?: number;
  error?: string;
}

self.onmessage = (event: MessageEvent<MetricsRequest>) => {
  const { run, nodes, edges } = event.data;
  try {
    const result = computeMetrics({ nodes, edges });
    (self as unknown as Worker).postMessage({ run, values: [...result.values], communities: result.communities, max: result.max, ms: result.ms } satisfies MetricsAnswer);
  } catch (error) {
    (self as unknown as Worker).postMessage({ run, error: String(error) } satisfies MetricsAnswer);
  }
};
