// What the page opens on when the URL names no view: the database drawn whole, or its shape (the schema view).
import type { GraphSchema } from '../api.ts';
import { isOurs } from './model.ts';

/** The server's default for `overviewMaxNodes` (server/services/schema.ts), for a server that does not say. */
export const OVERVIEW_MAX_NODES = 2000;

export type FirstScreen = 'overview' | 'schema';

/**
 * The overview, when the database can be drawn whole; else its schema view, whose labels open their most
 * connected nodes. The node count is the labels' counts the schema already carries (the count store's:
 * no request more). A database of ours is too large to draw whole above the server's `overviewMaxNodes`
 * (OVERVIEW_MAX_NODES: the largest overview the page draws), where an overview could only be a sample;
 * a foreign one above the first overview's size (`overviewSize`), because its shape is what orients a
 * reader first. Without a schema (the request failed) or without data, the overview (an empty canvas).
 */
export function firstScreen(schema: (Pick<GraphSchema, 'labels'> & Partial<GraphSchema>) | null, overviewSize: number): FirstScreen {
  if (!schema) return 'overview';
  const counts = schema.labels.map((l) => l.count);
  if (!counts.some((c) => c > 0)) return 'overview';
  const total = counts.reduce((a, b) => a + b, 0);
  const limit = isOurs(schema as GraphSchema) ? (schema.overviewMaxNodes ?? OVERVIEW_MAX_NODES) : overviewSize;
  return total > limit ? 'schema' : 'overview';
}
