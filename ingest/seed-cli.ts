// `npm run seed [file]`: validates a dataset file and loads it into Neo4j (the Mali dataset by default); --check validates only.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../db/config.ts';
import { loadDatabaseConfig } from '../db/config.ts';
import { Database } from '../db/database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../db/embedded-neo4j.ts';
import { DatasetError, formatIssue } from './errors.ts';
import { DEFAULT_DATASET, loadDatasetFile, validateDatasetFile } from './dataset/loader.ts';
import { renderSchema, SCHEMA_PATH } from './schema.ts';
import { renderTimelineSlices, TIMELINE_SLICES_DIR } from '../db/timeline-queries.ts';

const USAGE = `usage: npm run seed [-- [--check] [file]]
  file            a dataset in YAML or JSON (default: ${path.relative(process.cwd(), DEFAULT_DATASET)})
  --check         validate only; touch no database
  --write-schema  regenerate cypher/schema.cypher and the index-backed timeline queries from the model declaration
Neo4j: NEO4J_URI (+ NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), or the embedded one (stop \`npm start\` first, it holds the data directory).`;

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const files = argv.filter((a) => !a.startsWith('--'));
  for (const flag of flags) {
    if (!['--check', '--write-schema', '--help'].includes(flag)) {
      console.error(`unknown option ${flag}\n${USAGE}`);
      return 2;
    }
  }
  if (flags.has('--help') || files.length > 1) {
    console.error(USAGE);
    return flags.has('--help') ? 0 : 2;
  }
  if (flags.has('--write-schema')) {
    rmSync(TIMELINE_SLICES_DIR, { recursive: true, force: true });
    mkdirSync(TIMELINE_SLICES_DIR, { recursive: true });
    const generated: [string, string][] = [[SCHEMA_PATH, renderSchema()], ...renderTimelineSlices()];
    for (const [file, text] of generated) {
      writeFileSync(file, text);
      console.error(`wrote ${path.relative(process.cwd(), file)}`);
    }
    return 0;
  }
  const file = path.resolve(files[0] ?? DEFAULT_DATASET);

  if (flags.has('--check')) {
    const { plan } = validateDatasetFile(file);
    console.error(`${path.relative(process.cwd(), file)} is valid: ${plan.counts.sources} sources, ${plan.counts.entities} entities, ${plan.counts.relations} relations`);
    return 0;
  }

  // Validate before starting anything: a broken file should fail in a second, not after Neo4j starts.
  validateDatasetFile(file);
  const config = loadDatabaseConfig();
  let embedded: EmbeddedNeo4j | undefined;
  let uri = config.neo4j.uri;
  if (!uri) {
    console.error(`starting embedded Neo4j (data in ${config.embedded.dataDir})...`);
    embedded = await startEmbeddedNeo4j({ ...config.embedded, log: (line) => console.error(line) });
    uri = embedded.uri;
  }
  const db = new Database({ ...config.neo4j, uri });
  try {
    const result = await loadDatasetFile(db, file, { log: (line) => console.error(line) });
    console.error(
      `  entities by type: ${Object.entries(result.counts.byLabel).map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `  relations by type: ${Object.entries(result.counts.byType).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    return 0;
  } finally {
    await db.close();
    await embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DatasetError) {
      console.error(`${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}; nothing was loaded:`);
      for (const issue of error.issues) console.error('  ' + formatIssue(issue));
    } else if (error instanceof ConfigError) {
      console.error(error.message);
    } else {
      console.error(error instanceof Error ? error.message : String(error));
    }
    process.exit(1);
  },
);
