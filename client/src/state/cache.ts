// Read-only reference data fetched once per page: the source records, the whole timeline, node details and story pages.
import { fetchSubgraph, fetchNeighbors, fetchNode, fetchSources, fetchTimeline, type Evidence, type NodeDetails, type SourceSummary, type Timeline, type WireEdge, type WireNode } from '../api.ts';

let sources: Promise<Map<string, SourceSummary>> | undefined;
/** The whole timeline per choice of date properties ('' for the inferred ones). */
const timelines = new Map<string, Promise<Timeline>>();
const nodes = new Map<string, Promise<NodeDetails>>();

/** Source records by id; a failure is forgotten so the next call tries again. */
export function sourceIndex(): Promise<Map<string, SourceSummary>> {
  sources ??= fetchSources()
    .then((body) => new Map(body.sources.map((s) => [s.id, s] as const)))
    .catch((error) => {
      sources = undefined;
      throw error;
    });
  return sources;
}

/**
 * `dates`: the user's date property per label ('Label.prop:format,…', see model.ts datesParam).
 * `range`: days (YYYY-MM-DD) the events must overlap; a large database's first 2,000 events may all
 * lie before the range the user looks at.
 */
export function wholeTimeline(dates?: string, range?: { from?: string; to?: string }): Promise<Timeline> {
  const key = `${dates ?? ''}|${range?.from ?? ''}|${range?.to ?? ''}`;
  let found = timelines.get(key);
  if (!found) {
    if (timelines.size > 20) timelines.delete(timelines.keys().next().value!);
    found = fetchTimeline({ limit: 2000, dates, from: range?.from, to: range?.to }).catch((error) => {
      timelines.delete(key);
      throw error;
    });
    timelines.set(key, found);
  }
  return found;
}

export function nodeDetails(id: string): Promise<NodeDetails> {
  let found = nodes.get(id);
  if (!found) {
    found = fetchNode(id).catch((error) => {
      nodes.delete(id);
      throw error;
    });
    nodes.set(id, found);
    if (nodes.size > 500) nodes.delete(nodes.keys().next().value!);
  }
  return found;
}

/** Relationships per page of an actor's story (the neighbours endpoint allows up to 500). */
export const STORY_PAGE = 100;

export interface StoryPage {
  node: WireNode;
  nodes: Map<string, WireNode>;
  edges: WireEdge[];
  evidence: Map<string, Evidence[]>;
  total: number;
  nextOffset: number | null;
}

const stories = new Map<string, Promise<StoryPage>>();

/** A page of a node's relationships with their counterparts and evidence (neighbours, then the subgraph of those nodes for the evidence). */
export function storyPage(id: string, offset = 0): Promise<StoryPage> {
  const key = `${offset}:${id}`;
  let found = stories.get(key);
  if (!found) {
    found = (async () => {
      const page = await fetchNeighbors(id, { limit: STORY_PAGE, offset });
      const nodes = new Map<string, WireNode>([[page.node.id, page.node], ...page.nodes.map((n) => [n.id, n] as const)]);
      const evidence = new Map<string, Evidence[]>();
      if (page.edges.length) {
        const induced = await fetchSubgraph([...nodes.keys()]);
        const wanted = new Set(page.edges.map((e) => e.id));
        for (const edge of induced.edges) if (wanted.has(edge.id)) evidence.set(edge.id, edge.evidence);
      }
      return { node: page.node, nodes, edges: page.edges, evidence, total: page.total, nextOffset: page.nextOffset };
    })().catch((error) => {
      stories.delete(key);
      throw error;
    });
    stories.set(key, found);
    if (stories.size > 200) stories.delete(stories.keys().next().value!);
  }
  return found;
}
