// The story of an actor: its relationships grouped by type and direction, in date order, each with its counterpart, date, words and evidence.
import type { Evidence, WireEdge, WireNode } from '../api.ts';
import { periodOf, type Precision } from './dates.ts';

export interface StoryLine {
  edge: WireEdge;
  /** The node at the other end (the node itself for a loop). */
  counterpart: WireNode | null;
  counterpartId: string;
  date: { start: string; precision: Precision; inferred: boolean; end: string | null } | null;
  /** An accusation's or a claim's own wording. */
  words: string | null;
  evidence: Evidence[] | undefined;
}

export interface StoryGroup {
  key: string;
  type: string;
  direction: 'out' | 'in';
  lines: StoryLine[];
}

/** Dated lines first, oldest first; undated ones after them, by counterpart caption. */
function byDate(a: StoryLine, b: StoryLine): number {
  if (a.date && b.date) return a.date.start.localeCompare(b.date.start) || (a.counterpart?.caption ?? '').localeCompare(b.counterpart?.caption ?? '');
  if (a.date) return -1;
  if (b.date) return 1;
  return (a.counterpart?.caption ?? a.counterpartId).localeCompare(b.counterpart?.caption ?? b.counterpartId);
}

/**
 * Groups the relationships of `nodeId` among `edges` by type and direction (what it did, what was
 * done to it); groups in the order of their earliest date, undated groups last.
 */
export function buildStory(nodeId: string, edges: Iterable<WireEdge>, nodes: ReadonlyMap<string, WireNode>, evidence: ReadonlyMap<string, Evidence[]>): StoryGroup[] {
  const groups = new Map<string, StoryGroup>();
  for (const edge of edges) {
    if (edge.source !== nodeId && edge.target !== nodeId) continue;
    const direction = edge.source === nodeId ? 'out' : 'in';
    const counterpartId = direction === 'out' ? edge.target : edge.source;
    const period = periodOf(edge.properties);
    const key = `${direction}:${edge.type}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, type: edge.type, direction, lines: [] };
      groups.set(key, group);
    }
    group.lines.push({
      edge,
      counterpart: nodes.get(counterpartId) ?? null,
      counterpartId,
      date: period ? { start: period.start, precision: period.precision, inferred: period.inferred, end: typeof edge.properties.endDate === 'string' ? edge.properties.endDate : null } : null,
      words: typeof edge.properties.words === 'string' && edge.properties.words.trim() ? edge.properties.words : null,
      evidence: evidence.get(edge.id),
    });
  }
  const list = [...groups.values()];
  for (const group of list) group.lines.sort(byDate);
  const first = (g: StoryGroup) => g.lines.find((l) => l.date)?.date?.start ?? '9999';
  return list.sort((a, b) => first(a).localeCompare(first(b)) || a.type.localeCompare(b.type) || a.direction.localeCompare(b.direction));
}

/** "DISSOLVED by" / "ACCUSED" as a heading: the type in words, and which way it points. */
export function groupHeading(group: Pick<StoryGroup, 'type' | 'direction'>): string {
  const words = group.type.toLowerCase().replace(/_/g, ' ');
  return group.direction === 'out' ? words : `${words} by`;
}
