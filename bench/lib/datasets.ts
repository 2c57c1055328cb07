// Generated bulk files per scale, cached under bench/results/data so that repeated runs reuse them.
import path from 'node:path';
import { projectRoot } from '../../db/config.ts';
import { cachedDataset, datasetFiles, generateDataset, type BulkFormat, type Manifest } from '../synthetic/generate.ts';

export const DATA_DIR = path.join(projectRoot, 'bench', 'results', 'data');

export interface BenchDataset {
  label: string;
  dir: string;
  manifest: Manifest;
  /** nodes file, relationships file (CSV). */
  files: string[];
  generatedMs: number;
}

export function scaleLabel(nodes: number): string {
  if (nodes >= 1_000_000 && nodes % 1_000_000 === 0) return `${nodes / 1_000_000}m`;
  if (nodes >= 1000 && nodes % 1000 === 0) return `${nodes / 1000}k`;
  return String(nodes);
}

export async function ensureDataset(nodes: number, options: { seed?: number; baseDir?: string; formats?: BulkFormat[]; log?: (line: string) => void } = {}): Promise<BenchDataset> {
  const seed = options.seed ?? 42;
  const label = scaleLabel(nodes);
  const dir = path.join(options.baseDir ?? DATA_DIR, `${label}-seed${seed}`);
  const wanted = { nodes, seed, outDir: dir, formats: options.formats ?? (['csv'] as BulkFormat[]) };
  const started = performance.now();
  let manifest = cachedDataset(wanted);
  if (manifest) {
    options.log?.(`[${label}] reusing generated files in ${path.relative(projectRoot, dir)}`);
  } else {
    options.log?.(`[${label}] generating ${nodes.toLocaleString('en-US')} nodes...`);
    manifest = await generateDataset(wanted);
  }
  return { label, dir, manifest, files: datasetFiles(dir, manifest, 'csv'), generatedMs: performance.now() - started };
}
