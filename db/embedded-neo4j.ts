// Builds (when needed) and starts the project's embedded Neo4j launcher as a child JVM, and reads the password it keeps;
// also runs the launcher's offline-import mode on a stopped data directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { UnavailableError } from '../model/index.ts';
import { projectRoot, type EmbeddedOptions } from './config.ts';

const launcherDir = path.join(projectRoot, 'neo4j');
const launcherJar = path.join(launcherDir, 'target', 'civic-graph-neo4j.jar');

/** The embedded database could not be built or started; the message says why in one line. */
export class EmbeddedNeo4jError extends UnavailableError {
  constructor(message: string) {
    super(message, 'embedded_neo4j_failed');
  }
}

/** The embedded database's one user (the launcher's EmbeddedNeo4j.USERNAME). */
export const EMBEDDED_USERNAME = 'neo4j';

/**
 * Where the launcher keeps the password of a data directory (EmbeddedNeo4j.PASSWORD_FILE): a
 * random one made on the directory's first start, in a file only its owner may read (0600).
 */
export function embeddedPasswordFile(dataDir: string): string {
  return path.join(dataDir, 'password');
}

/** Reads the password the launcher keeps for `dataDir`. */
export function readEmbeddedPassword(dataDir: string): string {
  const file = embeddedPasswordFile(dataDir);
  let password: string;
  try {
    password = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new EmbeddedNeo4jError(`cannot read the embedded Neo4j's password from ${file}: ${(error as Error).message}`);
  }
  if (!password) throw new EmbeddedNeo4jError(`the password file ${file} is empty; delete it and restart to have a new password set`);
  return password;
}

export interface EmbeddedNeo4j {
  uri: string;
  /** Credentials for Bolt: every client, ours included, must log in (pass them to Database). */
  username: string;
  password: string;
  /** The file holding the password, for people connecting their own tools. */
  passwordFile: string;
  process: ChildProcess;
  /** Resolves when the JVM ends, whoever ended it. */
  exited: Promise<EmbeddedExit>;
  /** The JVM's last lines of output (at most 20), where a crash says why. */
  lastLines(): string[];
  /** Stops the JVM and resolves once it has exited. */
  stop(): Promise<void>;
}

/** How the JVM ended: its exit code, or the signal that ended it. */
export interface EmbeddedExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The launcher's exit codes, explained in terms of this side's variables. */
function exitReason(code: number | null, options: EmbeddedOptions): string | undefined {
  switch (code) {
    case 3:
      return `Bolt port ${options.boltHost}:${options.boltPort} is already in use; set NEO4J_BOLT_PORT to a free port, or NEO4J_URI to use the server already there`;
    case 4:
      return `data directory ${options.dataDir} is locked by another Neo4j (is Civic Graph already running?); stop it or set NEO4J_DATA_DIR`;
    default:
      return undefined;
  }
}

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs Maven when the jar is missing or older than the launcher's sources. */
export function buildLauncher(log: (line: string) => void = () => {}): string {
  const sources = Math.max(newestSourceTime(path.join(launcherDir, 'src')), statSync(path.join(launcherDir, 'pom.xml')).mtimeMs);
  if (existsSync(launcherJar) && statSync(launcherJar).mtimeMs >= sources) return launcherJar;
  log('building the embedded Neo4j launcher with Maven (first run downloads about 190 MB)...');
  const result = spawnSync('mvn', ['-B', '-q', 'package', '-DskipTests'], { cwd: launcherDir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new EmbeddedNeo4jError(`cannot run Maven (mvn): ${result.error.message}; install Maven and JDK 17, or set NEO4J_URI`);
  if (result.status !== 0) throw new EmbeddedNeo4jError(`Maven failed to build neo4j/ (exit ${result.status}); see its output above`);
  return launcherJar;
}

export interface StartOptions extends EmbeddedOptions {
  log?: (line: string) => void;
  /** How long to wait for the ready line. */
  readyTimeoutMs?: number;
}

/** The JVM flags of the launcher, whichever mode it runs in. */
function javaArgs(heap: string, jar: string, minHeap = true): string[] {
  return [...(minHeap ? [`-Xms${heap}`] : []), `-Xmx${heap}`, '-XX:+UseG1GC', '-XX:+ExitOnOutOfMemoryError', '-Dfile.encoding=UTF-8', '-jar', jar];
}

/**
 * Whether the data directory holds a store for the default database `neo4j` (where the launcher,
 * using the data directory as Neo4j's home, keeps it). A fresh directory has none.
 */
export function embeddedStoreExists(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'data', 'databases', 'neo4j'));
}

export interface OfflineImportRun {
  dataDir: string;
  /** Heap of the importer's JVM; the importer itself works mostly off heap. */
  heap: string;
  /** `neo4j-admin database import full` options (--nodes=..., --relationships=..., ...). */
  args: string[];
  /** Each line the importer prints (its stages and percentages). */
  onLine?: (line: string) => void;
}

/**
 * Runs Neo4j's offline importer (the launcher's `import` mode, neo4j/.../OfflineImport.java) on a
 * stopped data directory. Resolves when the store is written; rejects with the importer's last lines.
 */
export async function runOfflineImporter(run: OfflineImportRun): Promise<void> {
  const jar = buildLauncher();
  const child = spawn(process.env.JAVA ?? 'java', [...javaArgs(run.heap, jar, false), 'import', ...run.args], {
    // Not the data directory: the launcher creates it (owner only) when it is new.
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CG_DATA_DIR: run.dataDir },
  });
  const tail: string[] = [];
  let imported = false;
  let partial = '';
  const onChunk = (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('NEO4J IMPORTED')) imported = true;
      if (!line.trim()) continue;
      tail.push(line);
      tail.splice(0, Math.max(0, tail.length - 30));
      run.onLine?.(line);
    }
  };
  child.stdout!.setEncoding('utf8').on('data', onChunk);
  child.stderr!.setEncoding('utf8').on('data', onChunk);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) => reject(new EmbeddedNeo4jError(`cannot start java: ${error.message}; install JDK 17`)));
    child.once('close', (status) => resolve(status));
  });
  if (code !== 0 || !imported) {
    const said = tail.filter((l) => !/^[-.\s]*\d*%?\s*(∆.*)?$/.test(l)).slice(-8).join(' | ');
    throw new EmbeddedNeo4jError(`Neo4j's offline importer failed (exit ${code}): ${said}`);
  }
}

export async function startEmbeddedNeo4j(options: StartOptions): Promise<EmbeddedNeo4j> {
  const log = options.log ?? (() => {});
  const jar = buildLauncher(log);
  const child = spawn(process.env.JAVA ?? 'java', javaArgs(options.heap, jar), {
    cwd: projectRoot,
    // stdin stays a pipe: the launcher exits when it closes, so a killed parent never leaves a JVM behind.
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CG_BOLT_HOST: options.boltHost,
      CG_BOLT_PORT: String(options.boltPort),
      CG_DATA_DIR: options.dataDir,
      CG_PAGECACHE: options.pageCache,
      CG_TX_MEMORY: options.txMemory,
      CG_TX_MEMORY_GLOBAL: options.txMemoryGlobal,
      CG_TX_TIMEOUT: String(options.txTimeoutSeconds),
    },
  });

  const stderrTail: string[] = [];
  const remember = (chunk: string) => {
    for (const line of chunk.split('\n')) if (line.trim()) stderrTail.push(line);
    stderrTail.splice(0, Math.max(0, stderrTail.length - 20));
  };
  child.stderr!.setEncoding('utf8').on('data', remember);

  const exited = new Promise<EmbeddedExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const uri = await new Promise<string>((resolve, reject) => {
    let buffer: string | undefined = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmbeddedNeo4jError(`Neo4j did not become ready within ${(options.readyTimeoutMs ?? 180_000) / 1000} s`));
    }, options.readyTimeoutMs ?? 180_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      // Kept with standard error's lines: the JVM says why it ends (OutOfMemoryError) on either stream.
      remember(chunk);
      if (buffer === undefined) return;
      buffer += chunk;
      const match = /NEO4J READY (\S+)/.exec(buffer);
      if (match) {
        buffer = undefined;
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new EmbeddedNeo4jError(`cannot start java: ${error.message}; install JDK 17 or set NEO4J_URI`));
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      const launcherLine = stderrTail.filter((l) => l.startsWith('neo4j:')).pop();
      const reason = exitReason(code, options) ?? launcherLine?.replace(/^neo4j:\s*/, '') ?? stderrTail.slice(-3).join(' | ');
      reject(new EmbeddedNeo4jError(`embedded Neo4j stopped before it was ready: ${reason}`));
    });
  });

  let password: string;
  try {
    password = readEmbeddedPassword(options.dataDir);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }

  return {
    uri,
    username: EMBEDDED_USERNAME,
    password,
    passwordFile: embeddedPasswordFile(options.dataDir),
    process: child,
    exited,
    lastLines: () => [...stderrTail],
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(forced);
    },
  };
}
