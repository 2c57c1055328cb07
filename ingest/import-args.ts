// `npm run import`'s command line, parsed apart from the command so that it can be tested: the options table,
// and what is checked before anything starts (the dataset id, numbers are checked by the command).
import { parseArgs } from 'node:util';
import { UsageError } from './cli.ts';
import { datasetIdProblem } from './rules.ts';

export const IMPORT_OPTIONS = {
  check: { type: 'boolean' },
  model: { type: 'string' },
  format: { type: 'string' },
  dataset: { type: 'string' },
  'dataset-title': { type: 'string' },
  'source-url': { type: 'string' },
  publisher: { type: 'string' },
  'evidence-source': { type: 'string' },
  'id-type': { type: 'string' },
  update: { type: 'boolean' },
  'single-pass': { type: 'boolean' },
  transactional: { type: 'boolean' },
  'batch-size': { type: 'string' },
  concurrency: { type: 'string' },
  'array-delimiter': { type: 'string' },
  delimiter: { type: 'string' },
  recover: { type: 'boolean' },
  force: { type: 'boolean' },
  quiet: { type: 'boolean' },
  // For tests of interrupted imports: stop (and wait to be killed) after N committed batches.
  'pause-after': { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** The dataset options as the importers take them (ImportOptions.dataset, .datasetTitle); absent when not given. */
export interface DatasetArgs {
  dataset?: string;
  datasetTitle?: string;
}

/** --dataset (a dataset id slug, as a dataset file's metadata.id) and --dataset-title (not empty); UsageError otherwise. */
export function datasetArgs(values: { dataset?: string; 'dataset-title'?: string }): DatasetArgs {
  const out: DatasetArgs = {};
  if (values.dataset !== undefined) {
    const problem = datasetIdProblem(values.dataset);
    if (problem) throw new UsageError(`--dataset ${problem}`);
    out.dataset = values.dataset;
  }
  if (values['dataset-title'] !== undefined) {
    if (!values['dataset-title'].trim()) throw new UsageError('--dataset-title must not be empty');
    out.datasetTitle = values['dataset-title'].trim();
  }
  return out;
}

/** The command line: its options, the files (or folder) it names, and the dataset options checked. */
export function parseImportArgs(argv: string[]) {
  const parsed = parseArgs({ args: argv, allowPositionals: true, options: IMPORT_OPTIONS });
  return { values: parsed.values, positionals: parsed.positionals, dataset: datasetArgs(parsed.values) };
}
