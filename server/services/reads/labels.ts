// Reads about one label the database reports: its most connected nodes with the relationships among them, and a path's ends from its most connected node.
import type { Database, PlainNode, PlainRelationship } from '../../../db/database.ts';
import { asNumber, runNamed, seenParams, type Seen } from './run.ts';

/** A label's most connected nodes (by the degree the caller sees) and the relationships among them; `label` must be one the database reports. */
export async function labelTop(db: Database, label: string, limit: number, seen: Seen): Promise<{ nodes: PlainNode[]; degrees: number[]; relationships: PlainRelationship[] }> {
  const { rows } = await runNamed(db, 'label-top', { label, limit, ...seenParams(seen) });
  const row = rows[0] ?? {};
  return {
    nodes: (row.nodes as PlainNode[] | null) ?? [],
    degrees: ((row.degrees as number[] | null) ?? []).map(asNumber),
    relationships: (row.relationships as PlainRelationship[] | null) ?? [],
  };
}

/** The ends of the console's generated path example: the most connected node of `label` and one a few hops away. */
export async function consolePathEnds(db: Database, label: string): Promise<{ from: string; to: string } | undefined> {
  const { rows } = await runNamed(db, 'console-path-ends', { label });
  return rows[0] ? { from: String(rows[0].from), to: String(rows[0].to) } : undefined;
}
