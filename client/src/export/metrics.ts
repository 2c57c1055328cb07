// Exports carry who matters: the canvas metrics added to the server's JSON (a `metrics` object per node) and CSV nodes table (one column each).
import { METRIC_TITLES, METRICS, type NodeMetrics } from '../metrics/names.ts';
import { parse } from 'csv-parse/browser/esm/sync';

const COLUMNS = [...METRICS, 'community'] as const;

export function jsonWithMetrics(text: string, values: ReadonlyMap<string, NodeMetrics>): string {
  const body = JSON.parse(text) as { nodes?: { id: string; metrics?: NodeMetrics }[] };
  for (const node of body.nodes ?? []) {
    const m = values.get(node.id);
    if (m) node.metrics = m;
  }
  return JSON.stringify(body, null, 2);
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks), read by csv-parse. */
export function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Adds a column per metric to a nodes table whose first column is the node id; rows without metrics get empty cells. */
export function csvWithMetrics(text: string, values: ReadonlyMap<string, NodeMetrics>): string {
  const rows = parseCsv(text).filter((r) => r.length > 1 || r[0]);
  if (!rows.length) return text;
  const [header, ...body] = rows;
  const out = [[...header!, ...COLUMNS.map((c) => METRIC_TITLES[c])]];
  for (const row of body) {
    const m = values.get(row[0]!);
    out.push([...row, ...COLUMNS.map((c) => (m ? String(c === 'community' ? m.community + 1 : m[c]) : ''))]);
  }
  return out.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
