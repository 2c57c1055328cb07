// window.__kg: what the end-to-end tests and benchmarks read from the page (the Cytoscape instance, layout progress, timings).
import type { Core } from 'cytoscape';

export interface KgHook {
  cy?: Core;
  renderer?: 'canvas' | 'webgl';
  /** What the page found out about WebGL when it chose the renderer. */
  webgl?: { available: boolean; software: boolean; name: string };
  layoutRuns?: number;
  layoutRunning?: boolean;
  /** Milliseconds from navigation start to the first frame with nodes on the canvas. */
  firstNodesMs?: number;
  /** Milliseconds from navigation start to the first frame with the first layout finished. */
  firstDrawnMs?: number;
  [key: string]: unknown;
}

export function testHook(): KgHook {
  const w = window as unknown as { __kg?: KgHook };
  w.__kg ??= {};
  return w.__kg;
}
