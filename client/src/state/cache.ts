// Read-only reference data fetched once per page: the source records and the whole timeline.
import { fetchNode, fetchSources, fetchTimeline, type NodeDetails, type SourceSummary, type Timeline } from '../api.ts';

let sources: Promise<Map<string, SourceSummary>> | undefined;
let timeline: Promise<Timeline> | undefined;
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

export function wholeTimeline(): Promise<Timeline> {
  timeline ??= fetchTimeline({ limit: 2000 }).catch((error) => {
    timeline = undefined;
    throw error;
  });
  return timeline;
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
