// A pinned PyPI tool in its own git-ignored virtual environment under .data/ (schemathesis for the fuzz
// script, followthemoney's `ftm` for the FtM export tests): installed once, reused while the pin matches.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../db/config.ts';

export interface PypiTool {
  /** The PyPI package, e.g. `followthemoney`. */
  pkg: string;
  /** The exact version installed (`pkg==version`). */
  version: string;
  /** The executable it installs in the venv's bin/, e.g. `ftm`. */
  binary: string;
  /** The venv's folder name under .data/ (default `<pkg>-venv`). */
  venv?: string;
}

/** Installs `pkg==version` into .data/<venv> unless that exact pin is there; answers the binary's path. */
export function ensurePypiTool(tool: PypiTool, log: (line: string) => void = console.error): string {
  const venvDir = path.join(projectRoot, '.data', tool.venv ?? `${tool.pkg}-venv`);
  const binary = path.join(venvDir, 'bin', tool.binary);
  // The pin is recorded beside the venv: asking the tool for its version is slow for some (and unreliable for others).
  const stamp = path.join(venvDir, '.pinned');
  const pin = `${tool.pkg}==${tool.version}`;
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === pin) return binary;
  log(`installing ${pin} from PyPI into ${path.relative(projectRoot, venvDir)}...`);
  mkdirSync(path.dirname(venvDir), { recursive: true });
  const python = process.env.PYTHON ?? 'python3';
  const steps: Array<[string, string[]]> = [
    [python, ['-m', 'venv', venvDir]],
    [path.join(venvDir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', pin]],
  ];
  for (const [command, args] of steps) {
    const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) {
      throw new Error(`'${command} ${args.join(' ')}' failed (${result.error?.message ?? `exit ${result.status}`}); python3 with venv and pip, and access to PyPI, are needed`);
    }
  }
  if (!existsSync(binary)) throw new Error(`${pin} installed no '${tool.binary}' in ${path.dirname(binary)}`);
  writeFileSync(stamp, pin + '\n');
  return binary;
}

/** FollowTheMoney's command line (`ftm validate`, ...), pinned to the release of the npm model we derive from. */
export const FTM_TOOL: PypiTool = { pkg: 'followthemoney', version: '4.5.2', binary: 'ftm', venv: 'ftm-venv' };
