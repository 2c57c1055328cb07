// Where the ingest rules' problems go: every issue with its file, place, id and field, zod's in the loader's words.
import type { z } from 'zod';
import type { DatasetIssue } from '../errors.ts';

/** How a check reports a problem of the item it is checking: the field (if any) and the message. */
export type Report = (field: string | undefined, message: string) => void;

function pathText(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += (out ? '.' : '') + String(segment);
  }
  return out;
}

/** A value as a message shows it: `'text'`, `number 42`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `'${value.length > 60 ? value.slice(0, 57) + '...' : value}'`;
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${String(value)}`;
}

export interface IssueOptions {
  /**
   * true: an issue's path is the item's place plus the field (`entities[3].evidence[0].quote`, for a
   * dataset file); false: the item's place alone (`line 12`, for a bulk file).
   */
  fieldInPath: boolean;
  /** Issues kept in full; further ones are only counted. */
  max?: number;
}

/** Every problem found, in order, each naming file, place, id and field. */
export class Issues {
  readonly list: DatasetIssue[] = [];
  /** Issues found, including those not kept. */
  count = 0;

  constructor(private readonly options: IssueOptions) {}

  add(file: string, at: string, id: string | undefined, field: string | undefined, message: string): void {
    this.count++;
    if (this.list.length >= (this.options.max ?? Number.POSITIVE_INFINITY)) return;
    const place = field && this.options.fieldInPath ? (field.startsWith('[') ? at + field : at ? `${at}.${field}` : field) : at;
    this.list.push({ file, path: place, ...(id ? { id } : {}), ...(field ? { field } : {}), message });
  }

  /** zod's issues in the loader's words: 'is required', "unknown field 'x'", 'must be string, got number 42'. */
  zod(file: string, at: string, id: string | undefined, raw: unknown, error: z.ZodError): void {
    for (const issue of error.issues) {
      const field = pathText(issue.path);
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
      } else if (issue.code === 'invalid_type') {
        const value = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
        message = value === undefined ? 'is required' : `${issue.message.startsWith('Invalid input') ? `must be ${issue.expected}` : issue.message}, got ${describeValue(value)}`;
      }
      this.add(file, at, id, field || undefined, message);
    }
  }
}
