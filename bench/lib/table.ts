// Plain-text tables for the benchmark's console output (also pasted into BENCHMARKS.md as Markdown).

export type Cell = string | number | boolean | null | undefined;

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '-';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '-';
    return Number.isInteger(cell) ? cell.toLocaleString('en-US') : cell.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  return String(cell);
}

/** A Markdown table (readable as plain text too). */
export function formatTable(columns: string[], rows: Cell[][]): string {
  const cells = rows.map((row) => row.map(text));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (values: string[]) => `| ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
  return [line(columns), `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : '-'.repeat(w - 1) + ':')).join(' | ')} |`, ...cells.map(line)].join('\n');
}

export function printTable(title: string, columns: string[], rows: Cell[][]): string {
  const out = `\n### ${title}\n\n${formatTable(columns, rows)}\n`;
  console.log(out);
  return out;
}
