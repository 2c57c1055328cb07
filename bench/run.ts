// `npm run bench [-- options]`: runs the benchmark scenarios (import, api, ui, record, start, access) at each scale,
// prints a table per scenario and writes the figures as JSON to bench/results/. The 1m scale is opt-in.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../db/config.ts';
import { scaleLadder } from './lib/scales.ts';
import { ensureDataset, scaleLabel } from './lib/datasets.ts';
import { embeddedFactory, startBenchNeo4j, type EmbeddedSettings, type Neo4jTarget } from './lib/neo4j.ts';
import { printApi, runApiScenario, type ApiResult } from './scenarios/api.ts';
import { printImport, runImportScenario, runOffline, type ImportResult } from './scenarios/import.ts';
import { printStart, runForeignStartScenario, runStartScenario, type StartResult } from './scenarios/start.ts';
import { printUi, runUiScenario, type UiResult } from './scenarios/ui.ts';
import { printMetrics, runMetricsScenario, type MetricsRun } from './scenarios/metrics.ts';
import { printForeign, runForeignScenario, type ForeignResult } from './scenarios/foreign.ts';
import { printForeignSearch, runForeignSearchScenario, type ForeignSearchResult } from './scenarios/foreign-search.ts';
import { printAccess, runAccessScenario, type AccessResult } from './scenarios/access.ts';
import { printRecord, runRecordScenario, type RecordResult } from './scenarios/record.ts';

const SCENARIOS = ['import', 'api', 'ui', 'record', 'start', 'metrics', 'foreign', 'access'] as const;
/** The scenarios that run on the scale's graph as one dataset (access imports the graph split into datasets). */
const ON_WHOLE_GRAPH: readonly Scenario[] = ['import', 'api', 'ui', 'record', 'start'];
type Scenario = (typeof SCENARIOS)[number];

const USAGE = `usage: npm run bench -- [options]
  --scale 1m               one scale runs the ladder up to it (1m: 10k, 100k and 1m, ~45 min), so its
                           figures sit next to the smaller ones; a list (10k,100k, the default) runs exactly those
  --alone                  only the scale given, without the rungs below it
  --only import,api,ui,record,start,metrics,foreign,access   (foreign, and start's foreign row: the ~59k-node foreign graph, whatever --scale says)
  --api-seconds 4          measured seconds per endpoint, concurrency and path
  --access-seconds 10      access: measured seconds per endpoint, owner and viewer side by side
  --access-datasets 2      access: datasets the graph is split into (the viewer reads the first half)
  --ui-sizes 1000,5000,20000,50000
  --ui-layout-max 5000     time layouts from scratch up to this many elements
  --metrics-sizes 1000,5000,20000   canvas sizes (nodes + edges) the metrics are timed on
  --load-seconds 8         seconds of load in the start scenario
  --heap 2g --pagecache 1g the benchmark's Neo4j (the start scenario uses the launcher's own defaults)
  --batch-size 5000 --concurrency 2   our importer's settings`;

export interface MachineInfo {
  nproc: number;
  memoryGiB: number;
  cpu: string;
  node: string;
  loadAverage: number[];
  /** The busiest processes when the run started and ended (other work shares the cores). */
  busiest: { at: string; processes: string[] }[];
}

function busiest(at: string): MachineInfo['busiest'][number] {
  try {
    const out = execFileSync('ps', ['-eo', 'pcpu,rss,etime,args', '--sort=-pcpu'], { encoding: 'utf8' });
    const lines = out
      .split('\n')
      .slice(1, 9)
      .filter((l) => l.trim() && !l.includes(' ps -eo'))
      .map((l) => l.trim().replace(/\s+/g, ' ').slice(0, 160));
    return { at, processes: lines };
  } catch {
    return { at, processes: [] };
  }
}

function machine(): MachineInfo {
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    busiest: [busiest('start')],
  };
}

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  command: string;
  machine: MachineInfo;
  settings: Record<string, unknown>;
  import: ImportResult[];
  api: ApiResult[];
  ui?: UiResult;
  start: StartResult[];
  metrics?: MetricsRun[];
  foreign?: ForeignResult;
  foreignSearch?: ForeignSearchResult;
  /** Filtering by dataset: the owner and a viewer of half the datasets, side by side (issue #24). */
  access?: AccessResult[];
  /** Recording facts, the review list and a fact's history on the scale's graph (issue #25). */
  record?: RecordResult[];
  /** Size on disk of each scale's store (MiB), to read against the page cache. */
  stores: Record<string, number>;
  failures: string[];
}

/** Disk use of a data directory's stores in MiB (du of data/databases: what the page cache would have to hold; the transaction logs are preallocated and left out). */
function storeMiB(dataDir: string): number {
  const stores = path.join(dataDir, 'data', 'databases');
  return Math.round(Number(execFileSync('du', ['-sb', existsSync(stores) ? stores : dataDir], { encoding: 'utf8' }).split(/\s/)[0]) / 1024 ** 2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '10k,100k' },
      alone: { type: 'boolean', default: false },
      only: { type: 'string', default: SCENARIOS.join(',') },
      'api-seconds': { type: 'string', default: '4' },
      'access-seconds': { type: 'string', default: '10' },
      'access-datasets': { type: 'string', default: '2' },
      'ui-sizes': { type: 'string', default: '1000,5000,20000,50000' },
      'ui-layout-max': { type: 'string', default: '5000' },
      'metrics-sizes': { type: 'string', default: '1000,5000,20000' },
      'load-seconds': { type: 'string', default: '8' },
      heap: { type: 'string', default: '2g' },
      pagecache: { type: 'string', default: '1g' },
      'batch-size': { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '2' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scales = scaleLadder(values.scale, { alone: values.alone });
  const only = new Set(values.only.split(',').map((s) => s.trim()) as Scenario[]);
  for (const s of only) if (!SCENARIOS.includes(s)) throw new Error(`--only: unknown scenario '${s}' (${SCENARIOS.join(', ')})`);
  const settings: EmbeddedSettings = { heap: values.heap, pageCache: values.pagecache };
  const apiSeconds = Number(values['api-seconds']);
  const log = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`);
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: machine(),
    settings: { scales: values.scale, apiSeconds, accessSeconds: Number(values['access-seconds']), accessDatasets: Number(values['access-datasets']), uiSizes: values['ui-sizes'], uiLayoutMax: values['ui-layout-max'], loadSeconds: values['load-seconds'], neo4j: settings, batchSize: values['batch-size'], concurrency: values.concurrency },
    import: [],
    api: [],
    start: [],
    stores: {},
    failures: [],
  };
  const outDir = path.join(projectRoot, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const save = () => {
    const json = JSON.stringify(results, null, 2) + '\n';
    writeFileSync(path.join(outDir, `bench-${stamp}.json`), json);
    writeFileSync(path.join(outDir, 'latest.json'), json);
  };
  const attempt = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      const message = `${name}: ${error instanceof Error ? error.message : String(error)}`;
      results.failures.push(message);
      log(`FAILED ${message}`);
    }
    save();
  };

  // The metrics run in the browser on what is drawn: they need no database, so they come first.
  if (only.has('metrics')) {
    await attempt('metrics', async () => {
      results.metrics = runMetricsScenario({ sizes: values['metrics-sizes'].split(',').map(Number), log });
    });
  }

  // A database the explorer did not build, at its one size (~59k nodes): it needs no dataset of ours.
  if (only.has('foreign')) {
    await attempt('foreign', async () => {
      const target = await startBenchNeo4j(settings);
      try {
        results.foreign = await runForeignScenario({ target, seconds: apiSeconds, log });
        // Search with and without the opt-in index, on the same graph.
        results.foreignSearch = await runForeignSearchScenario(target.db, { seconds: apiSeconds });
      } finally {
        await target.stop();
      }
    });
  }

  // The start on the foreign graph, at its one size, whatever --scale says (a row of the start table of its own).
  if (only.has('start')) {
    await attempt('start foreign', async () => void results.start.push(await runForeignStartScenario({ settings, loadSeconds: Number(values['load-seconds']), log })));
  }

  const importOptions = { batchSize: Number(values['batch-size']), concurrency: Number(values.concurrency) };
  const scaled = [...only].some((s) => s !== 'metrics' && s !== 'foreign');
  for (const nodes of scaled ? scales : []) {
    if (only.has('access')) {
      // The graph split into datasets, in a Neo4j of its own that stops before the scenarios below start theirs.
      await attempt(`access ${scaleLabel(nodes)}`, async () => {
        const split = await ensureDataset(nodes, { datasets: Number(values['access-datasets']), log });
        const result = await runAccessScenario({ dataset: split, factory: embeddedFactory(settings), seconds: Number(values['access-seconds']), ...importOptions, log });
        results.access = [...(results.access ?? []), result];
      });
      results.machine.busiest.push(busiest(`after access ${scaleLabel(nodes)}`));
    }
    if (!ON_WHOLE_GRAPH.some((s) => only.has(s))) continue;
    const dataset = await ensureDataset(nodes, { log });
    let target: Neo4jTarget | undefined;
    const needsDatabase = only.has('api') || only.has('record') || only.has('start') || (only.has('ui') && !results.ui);
    await attempt(`import ${dataset.label}`, async () => {
      if (only.has('import')) {
        // The initial load runs offline on the whole files; the transactional paths on a 100k-node slice above 100k (the table says so).
        const { result, target: kept } = await runImportScenario({ dataset, factory: embeddedFactory(settings), ...importOptions, log, keep: needsDatabase, offline: settings, slice: nodes > 100_000 ? 100_000 : undefined });
        results.import.push(result);
        target = kept;
      } else if (needsDatabase) {
        // The fastest honest way to the same database: the initial load (the import scenario times it).
        target = (await runOffline(dataset, settings, log)).target;
      }
      if (target?.dataDir) results.stores[dataset.label] = storeMiB(target.dataDir);
    });
    if (target) {
      const t = target;
      if (only.has('api')) await attempt(`api ${dataset.label}`, async () => void results.api.push(await runApiScenario({ target: t, scale: dataset.label, seconds: apiSeconds, log })));
      if (only.has('ui') && !results.ui) {
        await attempt('ui', async () => {
          // The UI scenario serves dist/client: build it from this tree, or a fresh clone has none and an old build measures old code.
          log('building the client (vite build)...');
          execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
          results.ui = await runUiScenario({ db: t.db, sizes: values['ui-sizes'].split(',').map(Number), layoutMaxElements: Number(values['ui-layout-max']), log });
        });
      }
      // Last on this graph: it writes (a few hundred actors and facts, which the start scenario then carries).
      if (only.has('record')) {
        await attempt(`record ${dataset.label}`, async () => {
          const result = await runRecordScenario({ target: t, scale: dataset.label, dataset: dataset.parts[0]!.id, log });
          results.record = [...(results.record ?? []), result];
        });
      }
      await t.stop({ keepData: only.has('start') });
      if (only.has('start') && t.dataDir) {
        await attempt(`start ${dataset.label}`, async () => void results.start.push(await runStartScenario({ scale: dataset.label, dataDir: t.dataDir!, loadSeconds: Number(values['load-seconds']), log })));
        rmSync(t.dataDir, { recursive: true, force: true });
      }
    }
    results.machine.busiest.push(busiest(`after ${dataset.label}`));
  }
  results.finishedAt = new Date().toISOString();
  results.machine.loadAverage.push(...os.loadavg().map((l) => Math.round(l * 100) / 100));
  save();

  let report = `# Civic Graph benchmark ${results.startedAt}\n\n${results.command}\n\nmachine: ${results.machine.nproc} CPUs (${results.machine.cpu}), ${results.machine.memoryGiB} GiB, node ${results.machine.node}\n`;
  if (Object.keys(results.stores).length) report += `\nstore on disk (MiB): ${Object.entries(results.stores).map(([scale, mib]) => `${scale} ${mib}`).join(', ')}; Neo4j page cache ${settings.pageCache}, heap ${settings.heap}\n`;
  if (results.import.length) report += printImport(results.import);
  if (results.api.length) report += printApi(results.api);
  if (results.ui) report += printUi(results.ui);
  if (results.start.length) report += printStart(results.start);
  if (results.metrics) report += printMetrics(results.metrics);
  if (results.foreign) report += printForeign(results.foreign);
  if (results.foreignSearch) report += printForeignSearch(results.foreignSearch);
  if (results.access) report += printAccess(results.access);
  if (results.record) report += printRecord(results.record);
  if (results.failures.length) report += `\nfailures:\n${results.failures.map((f) => `- ${f}`).join('\n')}\n`;
  writeFileSync(path.join(outDir, 'latest.md'), report);
  console.log(`\nresults: ${path.relative(projectRoot, path.join(outDir, `bench-${stamp}.json`))} (and latest.json, latest.md); ${((Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 60000).toFixed(1)} min`);
  if (results.failures.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
