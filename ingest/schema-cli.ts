// `npm run schema [-- file]`: prints the Cypher schema (constraints and indexes) of a model file or of a dataset file's model, for cypher-shell.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { civicSpaceModel, loadModelFile, renderSchema, type Model } from '../model/index.ts';
import { runCommand, UsageError } from './cli.ts';
import { modelOfDataset, parseDataset } from './dataset/validate.ts';

const USAGE = `usage: npm run schema [-- file]
  file   a model file (model/civic-space.yaml, or one that extends it) or a dataset file (its model: block);
         default: the civic-space model
Prints the schema as Cypher on stdout: npm run -s schema -- my-dataset.yaml | cypher-shell`;

/** A dataset file has `metadata:`; anything else is read as a model file. */
function modelOf(file: string): Model {
  const text = readFileSync(file, 'utf8');
  const raw = parseDataset(file, text);
  if (raw && typeof raw === 'object' && 'metadata' in raw) return modelOfDataset((raw as { model?: unknown }).model, file).model;
  return loadModelFile(file);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.error(USAGE);
    return 0;
  }
  const unknown = argv.find((a) => a.startsWith('--'));
  if (unknown) throw new UsageError(`unknown option ${unknown}`);
  if (argv.length > 1) throw new UsageError('name one file');
  const model = argv[0] ? modelOf(path.resolve(argv[0])) : civicSpaceModel();
  process.stdout.write(renderSchema(model));
  return 0;
}

runCommand(() => main(process.argv.slice(2)), USAGE, 'printed');
