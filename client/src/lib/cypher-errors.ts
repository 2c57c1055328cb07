// Console errors in the user's own text: the server plans every query as "EXPLAIN <query>", so Neo4j's positions count our prefix.
export const PLAN_PREFIX = 'EXPLAIN ';

export interface OwnError {
  message: string;
  /** Offset of the error in the query as sent (trimmed), when Neo4j gave one. */
  offset: number | null;
}

const POSITION = /\(line (\d+), column (\d+) \(offset: (\d+)\)\)/g;

/** Shifts Neo4j's "(line, column (offset))" and its echoed query with the caret back by the prefix. */
export function inOwnText(message: string, prefix = PLAN_PREFIX): OwnError {
  if (!message.includes(prefix)) return { message, offset: firstOffset(message) };
  let offset: number | null = null;
  const shifted = message.replace(POSITION, (whole, line: string, column: string, at: string) => {
    const o = Number(at) - prefix.length;
    if (o < 0) return whole;
    offset ??= o;
    const c = line === '1' ? Number(column) - prefix.length : Number(column);
    return `(line ${line}, column ${c} (offset: ${o}))`;
  });
  const lines = shifted.split('\n');
  const echoed = lines.findIndex((l) => l.startsWith(`"${prefix}`));
  if (echoed >= 0) {
    lines[echoed] = `"${lines[echoed]!.slice(prefix.length + 1)}`;
    const caret = lines[echoed + 1];
    if (caret !== undefined && /^ *\^ *$/.test(caret)) lines[echoed + 1] = caret.slice(Math.min(prefix.length, caret.indexOf('^')));
  }
  return { message: lines.join('\n'), offset };
}

function firstOffset(message: string): number | null {
  const match = /\(offset: (\d+)\)/.exec(message);
  return match ? Number(match[1]) : null;
}
