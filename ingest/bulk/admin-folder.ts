// neo4j-admin folders: which files hold data, and which header file each header-less part takes.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatasetError, type DatasetIssue } from '../errors.ts';
import { readCsv } from './csv.ts';
import type { ReadOptions } from './format.ts';

const HEADER_FILE = /^(.*?)[-_.]header\.csv$/i;
const MODEL_FILE = /^(model|.*\.model)\.ya?ml$/i;

export interface AdminFolder {
  dir: string;
  files: string[];
  /** Header fields of header-less parts, by absolute path. */
  headers: Map<string, string[]>;
  headerOf: Map<string, string>;
  /** A model file beside the CSV files (`model.yaml` or `*.model.yaml`). */
  modelFile?: string;
}

/**
 * The CSV files of a folder. A `X_header.csv` (or `X-header.csv`, `X.header.csv`) holds only a header, for
 * the files named `X_...`, `X-...` or `X....` beside it (the longest X wins); every other file has its own header line.
 */
export async function findAdminFiles(dir: string, options: Pick<ReadOptions, 'delimiter'> = {}): Promise<AdminFolder> {
  const absolute = path.resolve(dir);
  const names = readdirSync(absolute).filter((n) => statSync(path.join(absolute, n)).isFile()).sort();
  // neo4j-admin reads gzip and zip files (one file each) too.
  const csv = names.filter((n) => /\.csv(\.gz|\.zip)?$/i.test(n));
  const headerFiles = csv.filter((n) => HEADER_FILE.test(n)).sort((a, b) => b.length - a.length);
  const headers = new Map<string, string[]>();
  const headerOf = new Map<string, string>();
  const issues: DatasetIssue[] = [];
  for (const name of headerFiles) {
    const file = path.join(absolute, name);
    let fields: string[] | undefined;
    for await (const batch of readCsv(file, { delimiter: options.delimiter, chunkBytes: 64 * 1024 })) {
      fields = batch[0]?.fields;
      break;
    }
    if (!fields) {
      issues.push({ file, path: 'header', message: 'is an empty header file' });
      continue;
    }
    const stem = HEADER_FILE.exec(name)![1]!.toLowerCase();
    for (const part of csv) {
      const lower = part.toLowerCase();
      if (headerFiles.includes(part) || headerOf.has(path.join(absolute, part))) continue;
      if (lower.startsWith(stem) && /^[-_.]/.test(lower.slice(stem.length))) {
        headers.set(path.join(absolute, part), fields);
        headerOf.set(path.join(absolute, part), file);
      }
    }
  }
  if (issues.length) throw new DatasetError(issues);
  const files = csv.filter((n) => !headerFiles.includes(n)).map((n) => path.join(absolute, n));
  if (!files.length) throw new DatasetError([{ file: absolute, path: '', message: 'holds no CSV data files (*.csv)' }]);
  const model = names.find((n) => MODEL_FILE.test(n));
  return { dir: absolute, files, headers, headerOf, ...(model ? { modelFile: path.join(absolute, model) } : {}) };
}
