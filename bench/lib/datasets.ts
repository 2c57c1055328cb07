// Generated bulk files per scale, cached under bench/results/data so that repeated runs reuse them.
import path from 'node:path';
import { projectRoot } from '../../db/config.ts';
import { cachedDataset, datasetFiles, datasetParts, generateDataset, type BulkFormat, type Manifest } from '../synthetic/generate.ts';

export const DATA_DIR = path.join(projectRoot, 'bench', 'results', 'data');

export interface BenchDataset {
  label: string;
  dir: string;
  manifest: Manifest;
  /** nodes file, relationships file (CSV); empty when the graph is split into datasets (see `parts`). */
  files: string[];
  /** Each dataset with its own files (CSV), imported one by one: one part unless `datasets` split the graph. */
  parts: { id: string; title: string; files: string[] }[];
  generatedMs: number;
}

export function scaleLabel(nodes: number): string {
  if (nodes >= 1_000_000 && nodes % 1_000_000 === 0) return `${nodes / 1_000_000}m`;
  if (nodes >= 1000 && nodes % 1000 === 0) return `${nodes / 1000}k`;
  return String(nodes);
}

/** The files of `nodes` nodes, generated once and reused; `datasets` > 1 splits the graph into that many self-contained datasets. */
export async function ensureDataset(
  nodes: number,
  options: { seed?: number; baseDir?: string; formats?: BulkFormat[]; datasets?: number; log?: (line: string) => void } = {},
): Promise<BenchDataset> {
  const seed = options.seed ?? 42;
  const datasets = options.datasets ?? 1;
  const label = scaleLabel(nodes);
  const dir = path.join(options.baseDir ?? DATA_DIR, `${label}-seed${seed}${datasets > 1 ? `-datasets${datasets}` : ''}`);
  const wanted = { nodes, seed, outDir: dir, formats: options.formats ?? (['csv'] as BulkFormat[]), datasets };
  const started = performance.now();
  let manifest = cachedDataset(wanted);
  if (manifest) {
    options.log?.(`[${label}] reusing generated files in ${path.relative(projectRoot, dir)}`);
  } else {
    options.log?.(`[${label}] generating ${nodes.toLocaleString('en-US')} nodes${datasets > 1 ? ` in ${datasets} datasets` : ''}...`);
    manifest = await generateDataset(wanted);
  }
  const files = manifest.datasets ? [] : datasetFiles(dir, manifest, 'csv');
  return { label, dir, manifest, files, parts: datasetParts(dir, manifest, 'csv'), generatedMs: performance.now() - started };
}
