// `npx tsx bench/synthetic/generate-cli.ts --scale 100k --out DIR [--seed N] [--format csv,ndjson]`: writes a synthetic graph as bulk files.
import { parseArgs } from 'node:util';
import { generateDataset, type BulkFormat } from './generate.ts';
import { parseScale } from '../lib/scales.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '10k' },
    out: { type: 'string' },
    seed: { type: 'string', default: '42' },
    format: { type: 'string', default: 'csv' },
    'relations-per-node': { type: 'string', default: '3' },
  },
});
if (!values.out) {
  console.error('usage: npx tsx bench/synthetic/generate-cli.ts --scale 10k|100k|1m --out DIR [--seed 42] [--format csv,ndjson] [--relations-per-node 3]');
  process.exit(2);
}
const formats = values.format.split(',').map((f) => f.trim()) as BulkFormat[];
for (const format of formats) {
  if (format !== 'csv' && format !== 'ndjson') {
    console.error(`--format: csv or ndjson, got '${format}'`);
    process.exit(2);
  }
}
const started = performance.now();
generateDataset({ nodes: parseScale(values.scale), seed: Number(values.seed), outDir: values.out, formats, relationsPerNode: Number(values['relations-per-node']) }).then(
  (manifest) => {
    console.error(`wrote ${manifest.nodes} nodes (${manifest.sources} sources) and ${manifest.relations} relations to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
