// `npm run seed [file]`: validates a dataset file and loads it into Neo4j (the Mali dataset by default); --check validates only.
import path from 'node:path';
import { runCommand, UsageError } from './cli.ts';
import { connect } from './connect.ts';
import { DEFAULT_DATASET, loadDatasetFile, validateDatasetFile } from './dataset/loader.ts';

const USAGE = `usage: npm run seed [-- [--check] [file]]
  file            a dataset in YAML or JSON (default: ${path.relative(process.cwd(), DEFAULT_DATASET)})
  --check         validate only; touch no database
The schema as Cypher, for your own shell: npm run schema [-- file]
Neo4j: NEO4J_URI (+ NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), or the embedded one (stop \`npm start\` first, it holds the data directory).`;

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const files = argv.filter((a) => !a.startsWith('--'));
  for (const flag of flags) if (!['--check', '--help'].includes(flag)) throw new UsageError(`unknown option ${flag}`);
  if (flags.has('--help')) {
    console.error(USAGE);
    return 0;
  }
  if (files.length > 1) throw new UsageError('name one dataset file');
  const file = path.resolve(files[0] ?? DEFAULT_DATASET);

  // Validate before starting anything: a broken file should fail in a second, not after Neo4j starts.
  const { plan } = validateDatasetFile(file);
  if (flags.has('--check')) {
    console.error(`${path.relative(process.cwd(), file)} is valid: ${plan.counts.sources} sources, ${plan.counts.entities} entities, ${plan.counts.relations} relations`);
    return 0;
  }
  const connection = await connect((line) => console.error(line));
  try {
    const result = await loadDatasetFile(connection.db, file, { log: (line) => console.error(line) });
    console.error(
      `  entities by type: ${Object.entries(result.counts.byLabel).map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `  relations by type: ${Object.entries(result.counts.byType).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    return 0;
  } finally {
    await connection.close();
  }
}

runCommand(() => main(process.argv.slice(2)), USAGE, 'loaded');
