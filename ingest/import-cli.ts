// `npm run import -- [options] files...`: validates and imports bulk files (nodes/relationships CSV in the
// neo4j-admin header convention, or NDJSON), FtM streams, or a neo4j-admin CSV folder of any model (its
// labels and types inferred and printed) into Neo4j; the initial load of an embedded database that holds
// nothing goes through Neo4j's offline importer; `--recover` only cleans up after a killed import.
import { runCommand, UsageError } from './cli.ts';
import { parseImportArgs } from './import-args.ts';
import { importBulk, validateBulk } from './bulk/importer.ts';
import { Progress, silentProgress } from './progress.ts';
import { connect } from './connect.ts';
import { recoverUnfinishedImports } from './bulk/runs.ts';
import { importFtm, validateFtm } from './ftm/import.ts';
import { looksLikeFtm } from './ftm/read.ts';
import { describeInference, importAdminFolder, isAdminFolder, validateAdminFolder } from './bulk/admin.ts';
import { parseDelimiter } from './bulk/header.ts';
import { loadDatabaseConfig } from '../db/config.ts';
import { Database } from '../db/database.ts';
import { embeddedStoreExists, startEmbeddedNeo4j } from '../db/embedded-neo4j.ts';
import { emptyForOffline, importOffline, OfflineUnsupportedError, type OfflineTarget } from './bulk/offline.ts';
import { importModel } from './bulk/import-plan.ts';
import type { Connection } from './connect.ts';

const USAGE = `usage: npm run import -- [options] FILE...
  FILE                 nodes and relationships files: *.csv (header like id:ID,:LABEL,name,date:date or
                       :START_ID,:END_ID,:TYPE,id,...) or *.ndjson (one source, entity or relation per line);
                       sources must come before the evidence that cites them
  --dataset ID         the dataset every node and relationship written belongs to (the unit of access): a
                       slug such as mali-2023-2024; default: the synthetic generator's manifest beside the
                       files, else a slug of the first file's base name (people-2024.csv -> people-2024), the
                       folder's name for DIR, the file's name for FtM. An id another dataset holds is refused
  --dataset-title T    the dataset's title in the catalog (default: the id; an existing dataset keeps its own)
  --format ftm         FollowTheMoney entity streams (*.ftm.json, *.ijson, or NDJSON of {id, schema, properties},
                       also recognised by content); FtM's model is added to the database's model
  --source-url URL     FtM: where the file comes from (the source of entities naming no proof or sourceUrl)
  --publisher NAME     FtM: who published the file
  DIR                  a neo4j-admin CSV folder of any model: every *.csv with its own header, or parts
                       named X_... beside a header file X_header.csv; labels, types, typed columns and
                       captions beyond the model are inferred from the files (and printed), or declared by
                       a model.yaml beside them (or --model)
  --evidence-source URL  DIR: where the folder comes from; every row without evidence columns gets
                       document-level evidence citing it
  --id-type T          DIR: string (default) or integer, as neo4j-admin's --id-type
  --model FILE         a model file (extends civic-space) declaring the labels and types the files use;
                       stored in the database beside the data
  --check              validate only; no database is written (relation ends may still be looked up)
  --update             overwrite nodes and relationships whose id exists (default: leave them as they are)
  --single-pass        validate while writing; an invalid record rolls back everything written
  --transactional      write in transactions even into an embedded database that holds nothing (by default
                       such a database is written by Neo4j's offline importer, much faster: ingest/README.md)
  --batch-size N       rows per transaction (default 5000)
  --concurrency N      transactions in flight (default 2)
  --array-delimiter C  separator of list values in CSV (default ;; TAB or \\t for a tab, U+XXXX or \\NN for any)
  --delimiter C        CSV field separator (default ,; TAB or \\t for a tab, U+XXXX or \\NN for any)
  --recover            only roll back an import that was killed midway, then exit
  --force              with --recover: roll back even if the import's heartbeat is recent
  --quiet              no progress output
Neo4j: NEO4J_URI (+ NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), or the embedded one (stop \`npm start\` first).
Generate test files: npx tsx bench/synthetic/generate-cli.ts --scale 100k --out DIR`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals, dataset } = parseImportArgs(argv);
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const log = values.quiet ? () => {} : (line: string) => console.error(line);
  const number = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} must be a whole number above 0, got '${raw}'`);
    return Number(raw);
  };
  const options = {
    ...dataset,
    batchSize: number('batch-size', values['batch-size']),
    concurrency: number('concurrency', values.concurrency),
    update: values.update ?? false,
    validateFirst: !values['single-pass'],
    arrayDelimiter: delimiterOption('array-delimiter', values['array-delimiter']),
    delimiter: delimiterOption('delimiter', values.delimiter),
    modelFile: values.model,
    progress: values.quiet ? silentProgress : new Progress(),
    log,
  };
  const pauseAfter = number('pause-after', values['pause-after']);

  if (values.recover) {
    const connection = await connect(log);
    try {
      const report = await recoverUnfinishedImports(connection.db, { force: values.force, log });
      log(report ? `recovered run ${report.run} (${report.outcome})` : 'no unfinished import');
      return 0;
    } finally {
      await connection.close();
    }
  }
  if (!positionals.length) throw new UsageError('name at least one file');
  if (positionals.some(isAdminFolder)) {
    if (positionals.length !== 1) throw new UsageError('name one neo4j-admin folder, and no files beside it');
    const idType = values['id-type'] ?? 'string';
    if (idType !== 'string' && idType !== 'integer') throw new UsageError(`--id-type must be string or integer, got '${idType}'`);
    const adminOptions = { ...options, idType: idType as 'string' | 'integer', evidenceSource: values['evidence-source'], publisher: values.publisher };
    if (values.check) {
      const result = await validateAdminFolder(positionals[0]!, adminOptions);
      for (const line of describeInference(result.inferred)) console.log(line);
      log(`valid: ${result.records.sources} sources, ${result.records.entities} entities, ${result.records.relations} relations (${(result.ms / 1000).toFixed(1)} s)`);
      return 0;
    }
    const connection = await connect(log);
    try {
      const result = await importAdminFolder(connection.db, positionals[0]!, adminOptions);
      for (const line of describeInference(result.inferred)) console.log(line);
      const c = result.counts;
      console.log(`imported ${c.sources.created} sources, ${c.entities.created} entities, ${c.relations.created} relationships into the dataset '${result.dataset}' in ${(result.totalMs / 1000).toFixed(1)} s`);
      return 0;
    } finally {
      await connection.close();
    }
  }
  if (values['evidence-source'] || values['id-type']) throw new UsageError('--evidence-source and --id-type apply to a neo4j-admin folder (name the folder)');
  if (values.format !== undefined && values.format !== 'ftm') throw new UsageError(`--format must be ftm (other formats are known by their extension), got '${values.format}'`);
  const ftm = values.format === 'ftm' || positionals.some((file) => looksLikeFtm(file));
  if (ftm && values.model) throw new UsageError('--model does not apply to FtM files: their model is FollowTheMoney\'s');
  const ftmOptions = { ...options, modelFile: undefined, sourceUrl: values['source-url'], publisher: values.publisher };

  if (values.check) {
    const result = ftm ? await validateFtm(positionals, ftmOptions) : await validateBulk(positionals, options);
    log(`valid: ${result.records.sources} sources, ${result.records.entities} entities, ${result.records.relations} relations (${(result.ms / 1000).toFixed(1)} s)`);
    return 0;
  }
  // An embedded database that holds nothing gets its initial load from Neo4j's offline importer.
  const offlineAllowed = !ftm && !values.transactional && !values.update && !values['single-pass'] && pauseAfter === undefined;
  const picked = offlineAllowed ? await offlineTarget(options, log) : { connection: undefined };
  if ('target' in picked) {
    try {
      const result = await importOffline(positionals, { ...options, embedded: loadDatabaseConfig().embedded, target: picked.target });
      const r = result.records;
      const p = result.phases;
      console.log(
        `imported ${r.sources} sources, ${r.entities} entities, ${r.relations} relationships into the dataset '${result.dataset}' with Neo4j's offline importer in ${(result.totalMs / 1000).toFixed(1)} s ` +
          `(validate ${(p.validateMs / 1000).toFixed(1)} s, store ${(p.storeMs / 1000).toFixed(1)} s, start ${(p.startMs / 1000).toFixed(1)} s, schema ${(p.schemaMs / 1000).toFixed(1)} s): ` +
          `nodes ${rate(r.sources + r.entities, result.totalMs)}/s, relationships ${rate(r.relations, result.totalMs)}/s end to end`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof OfflineUnsupportedError)) throw error;
      log(`import: the offline importer cannot store these files exactly (${error.message}); writing in transactions instead`);
    }
  }
  const connection = ('connection' in picked ? picked.connection : undefined) ?? (await connect(log));
  try {
    let batches = 0;
    const result = await (ftm ? importFtm : importBulk)(connection.db, positionals, {
      ...(ftm ? ftmOptions : options),
      onBatch: pauseAfter
        ? async () => {
            if (++batches === pauseAfter) {
              console.log(`import: paused after ${batches} batches`);
              await new Promise(() => {});
            }
          }
        : undefined,
    });
    const c = result.counts;
    console.log(
      `imported ${c.sources.created} sources, ${c.entities.created} entities, ${c.relations.created} relationships into the dataset '${result.dataset}' ` +
        `(${c.entities.rows - c.entities.created + c.relations.rows - c.relations.created + c.sources.rows - c.sources.created} already present) ` +
        `in ${(result.totalMs / 1000).toFixed(1)} s: nodes ${rate(c.sources.rows + c.entities.rows, result.nodes.ms)}/s, relationships ${rate(c.relations.rows, result.relationships.ms)}/s`,
    );
    return 0;
  } finally {
    await connection.close();
  }
}

/**
 * Whether the initial load may go through the offline importer (the rule is OfflineTarget's, in
 * bulk/offline.ts): only the embedded database (no NEO4J_URI), with no store yet or an empty one.
 * A store that exists is opened to look; when it holds anything, that connection is handed back for
 * the transactional path.
 */
async function offlineTarget(options: { modelFile?: string }, log: (line: string) => void): Promise<{ target: OfflineTarget } | { connection?: Connection }> {
  const config = loadDatabaseConfig();
  if (config.neo4j.uri) return {};
  if (!embeddedStoreExists(config.embedded.dataDir)) {
    log(`import: ${config.embedded.dataDir} holds no database yet: initial load with Neo4j's offline importer`);
    return { target: 'fresh' };
  }
  log(`starting embedded Neo4j (data in ${config.embedded.dataDir})...`);
  const embedded = await startEmbeddedNeo4j({ ...config.embedded, log });
  const db = new Database({ ...config.neo4j, uri: embedded.uri, username: embedded.username, password: embedded.password });
  const close = async () => {
    await db.close();
    await embedded.stop();
  };
  try {
    const verdict = await emptyForOffline(db, await importModel(options));
    if (verdict.empty) {
      log('import: the embedded database holds nothing: initial load with Neo4j\'s offline importer (it is stopped meanwhile)');
      await close();
      return { target: 'empty' };
    }
    log(`import: ${verdict.reason}: writing in transactions`);
    return { connection: { db, close } };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A delimiter as neo4j-admin takes it: one character, TAB or \t, U+XXXX, or \NN (a character code). */
function delimiterOption(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseDelimiter(raw);
  if ('error' in parsed) throw new UsageError(`--${name} ${parsed.error}`);
  return parsed.value;
}

function rate(count: number, ms: number): string {
  return ms > 0 ? Math.round((count * 1000) / ms).toLocaleString('en-US') : '-';
}

runCommand(() => main(process.argv.slice(2)), USAGE, 'imported');
