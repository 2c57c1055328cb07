// Computes the metrics of a view: in this thread for small views, in a worker above WORKER_THRESHOLD elements.
import { computeMetrics } from './compute.ts';
import type { MetricName, MetricsInput, MetricsResult } from './names.ts';
import type { MetricsAnswer, MetricsRequest } from './worker.ts';

/** Below this many nodes plus edges the metrics take a few milliseconds: a worker's start-up would cost more. */
export const WORKER_THRESHOLD = 1500;

let worker: Worker | undefined;
let runs = 0;

export function metricsFor(input: MetricsInput): Promise<MetricsResult> {
  if (input.nodes.length + input.edges.length < WORKER_THRESHOLD || typeof Worker === 'undefined') return Promise.resolve(computeMetrics(input));
  const run = ++runs;
  return new Promise((resolve, reject) => {
    try {
      worker ??= new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(computeMetrics(input));
      return;
    }
    const current = worker;
    const onMessage = (event: MessageEvent<MetricsAnswer>) => {
      if (event.data.run !== run) return;
      current.removeEventListener('message', onMessage);
      if (!event.data.values) reject(new Error(event.data.error ?? 'the metrics worker failed'));
      else resolve({ values: new Map(event.data.values), communities: event.data.communities ?? 0, max: event.data.max as Record<MetricName, number>, ms: event.data.ms ?? 0 });
    };
    current.addEventListener('message', onMessage);
    current.postMessage({ run, nodes: input.nodes, edges: input.edges } satisfies MetricsRequest);
  });
}
