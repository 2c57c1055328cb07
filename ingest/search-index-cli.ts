// `npm run search-index`: on the operator's word only, creates the full-text index over a foreign database's name properties, so search answers from the index.
import { ENTITY_LABEL, SEARCH_INDEX_NAME } from '../model/index.ts';
import { runCommand, UsageError } from './cli.ts';
import { connect } from './connect.ts';
import { discoverNameTargets, fullTextIndexStatement } from './search-index.ts';

const USAGE = `usage: npm run search-index [-- --dry-run]
  Creates the full-text index '${SEARCH_INDEX_NAME}' over the name properties the explorer finds in each label
  of the database at NEO4J_URI (else the embedded one), and waits until it is online. It adds an index and
  nothing else; the explorer never creates it by itself. DROP INDEX ${SEARCH_INDEX_NAME} removes it.
  --dry-run   print the statement without running it`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.error(USAGE);
    return 0;
  }
  const unknown = argv.find((a) => a !== '--dry-run');
  if (unknown) throw new UsageError(`unknown argument ${unknown}`);
  const dryRun = argv.includes('--dry-run');
  const connection = await connect((line) => console.error(line));
  try {
    const { db } = connection;
    const existing = await db.read('SHOW FULLTEXT INDEXES YIELD name, state, labelsOrTypes, properties WHERE name = $name RETURN state, labelsOrTypes, properties', { name: SEARCH_INDEX_NAME });
    if (existing.rows[0]) {
      const row = existing.rows[0];
      console.log(`index ${SEARCH_INDEX_NAME} already exists (${String(row.state)}) on ${(row.labelsOrTypes as string[]).join(', ')}: ${(row.properties as string[]).join(', ')}; nothing created`);
      return 0;
    }
    const ours = await db.read(`MATCH (n:${ENTITY_LABEL}) RETURN n LIMIT 1`);
    if (ours.rows.length) {
      console.error(`this database holds Civic Graph's own data: its loader creates ${SEARCH_INDEX_NAME} (npm run seed); nothing created`);
      return 1;
    }
    const targets = await discoverNameTargets(db);
    const statement = fullTextIndexStatement(targets);
    if (!statement) {
      console.error('no label has a text property to index; nothing created');
      return 1;
    }
    for (const t of targets) console.log(`  ${t.label}: ${t.properties.join(', ')}`);
    console.log(statement);
    if (dryRun) return 0;
    await db.write(statement);
    // The index fills in the background; search uses it once it is online.
    await db.write('CALL db.awaitIndex($name, 600)', { name: SEARCH_INDEX_NAME });
    console.log(`created full-text index ${SEARCH_INDEX_NAME} over ${targets.length} labels; it is online`);
    return 0;
  } finally {
    await connection.close();
  }
}

runCommand(() => main(process.argv.slice(2)), USAGE, 'created');
