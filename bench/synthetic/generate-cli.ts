// `npx tsx bench/synthetic/generate-cli.ts --scale 100k --out DIR [--seed N] [--format csv,ndjson] [--datasets N]`: writes a synthetic
// graph as bulk files, as one dataset or split into N (each imported on its own: `npm run import -- DIR/nodes-1.csv DIR/relationships-1.csv`).
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
    datasets: { type: 'string', default: '1' },
  },
});
if (!values.out) {
  console.error('usage: npx tsx bench/synthetic/generate-cli.ts --scale 10k|100k|1m --out DIR [--seed 42] [--format csv,ndjson] [--relations-per-node 3] [--datasets 1]');
  process.exit(2);
}
if (!/^[1-9]\d*$/.test(values.datasets)) {
  console.error(`--datasets: a whole number from 1 (every n-th element goes to the same dataset), got '${values.datasets}'`);
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
generateDataset({ nodes: parseScale(values.scale), seed: Number(values.seed), outDir: values.out, formats, relationsPerNode: Number(values['relations-per-node']), datasets: Number(values.datasets) }).then(
  (manifest) => {
    const datasets = manifest.datasets ? manifest.datasets.map((d) => d.id).join(', ') : manifest.dataset!.id;
    console.error(`wrote ${manifest.nodes} nodes (${manifest.sources} sources) and ${manifest.relations} relations to ${values.out} as the dataset(s) ${datasets} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
