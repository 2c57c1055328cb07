// `npm run export -- [--format ftm|dataset] ...`: the command line; each format's writing is its own module
// (ingest/ftm/export.ts: FollowTheMoney NDJSON; ingest/dataset/export.ts: the dataset file `npm run seed` reads).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from './cli.ts';
import { connect } from './connect.ts';
import { writeDatasetExport } from './dataset/export.ts';
import { exportFtm } from './ftm/export.ts';

const USAGE = `usage: npm run export -- [--format ftm] [--ids ID,ID...] [--out FILE]
       npm run export -- --format dataset --dataset ID --out FILE.yaml|FILE.json [--proposals]
  --format ftm      FollowTheMoney entities, one JSON object per line (Aleph, OpenSanctions, \`ftm validate\`); the default
    --ids           only these entity ids and the relationships among them (default: the whole graph)
    --out FILE      write here (default: standard output)
  --format dataset  one dataset as a dataset file (\`npm run seed\` loads it back); held texts go to sources/ beside FILE
    --dataset ID    the dataset (its metadata.id)
    --proposals     also the facts recorded and not yet reviewed (default: accepted and imported ones only)
Neither format writes rejected or retired facts.
Neo4j: NEO4J_URI (+ NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), or the embedded one (stop \`npm start\` first).`;

const OPTIONS = {
  format: { type: 'string' },
  ids: { type: 'string' },
  out: { type: 'string' },
  dataset: { type: 'string' },
  proposals: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const format = values.format ?? 'ftm';
  if (format !== 'ftm' && format !== 'dataset') throw new UsageError(`--format is ftm or dataset, not '${format}' (json, csv and graphml come from the API and the export menu)`);
  if (format === 'dataset') {
    if (!values.dataset) throw new UsageError('--format dataset needs --dataset ID');
    if (!values.out) throw new UsageError('--format dataset needs --out FILE (its held texts are written beside it)');
    if (values.ids) throw new UsageError('--ids is for --format ftm; a dataset file holds a whole dataset');
  } else if (values.dataset || values.proposals) {
    throw new UsageError('--dataset and --proposals are for --format dataset');
  }
  const connection = await connect((line) => console.error(line));
  try {
    if (format === 'dataset') {
      const counts = await writeDatasetExport(connection.db, values.dataset!, values.out!, { proposals: values.proposals === true });
      console.error(`exported dataset ${values.dataset} to ${path.relative(process.cwd(), values.out!)}: ${counts.sources} sources, ${counts.entities} entities, ${counts.relations} relations`);
      return 0;
    }
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    const ids = values.ids?.split(',').map((s) => s.trim()).filter(Boolean);
    const counts = await exportFtm(connection.db, async (line) => {
      if (!out.write(line)) await once(out, 'drain');
    }, ids ? { ids } : {});
    if (values.out) await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
    console.error(`exported ${counts.entities} entities, ${counts.relations} relationships and ${counts.sources} source documents as FtM`);
    return 0;
  } finally {
    await connection.close();
  }
}

runCommand(() => main(process.argv.slice(2)), USAGE, 'exported');
