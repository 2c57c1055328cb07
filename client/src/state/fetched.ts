// Reference data the page fetched and keeps (source index, timelines, node details, story pages), held by the store and dropped by its invalidate().
import { fetchHistogram, fetchNeighbors, fetchNode, fetchSources, fetchSubgraph, fetchTimeline, type Evidence, type Histogram, type NodeDetails, type SourceSummary, type Timeline, type WireEdge, type WireNode } from '../api.ts';

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

/**
 * What a write changed, for `Store.invalidate`: the ids of the nodes and edges it touched (for a new
 * relationship, both ends too), and whether sources changed. Nothing named: everything.
 */
export interface Invalidation {
  ids?: Iterable<string>;
  sources?: boolean;
}

interface Entry<T> {
  value: Promise<T>;
  settled: boolean;
  /** The ids the answer mentions: invalidating one of them drops the entry. */
  mentions: Set<string>;
}

/** Answers by key, at most `limit` (the oldest goes first); a failure is forgotten so the next call asks again. */
class Memo<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly limit: number,
    private readonly mentioned: (value: T) => Iterable<string>,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const found = this.entries.get(key);
    if (found) return found.value;
    const entry = { settled: false, mentions: new Set() } as Entry<T>;
    entry.value = load().then(
      (value) => {
        entry.settled = true;
        for (const id of this.mentioned(value)) entry.mentions.add(id);
        return value;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, entry);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }

  /** Forgets the answers that mention one of these ids, and those still on their way (they may predate the write). */
  drop(ids: ReadonlySet<string>): void {
    for (const [key, entry] of this.entries) if (!entry.settled || [...entry.mentions].some((id) => ids.has(id))) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

export class FetchedData {
  readonly #sources = new Memo<Map<string, SourceSummary>>(1, () => []);
  /** The whole timeline per choice of date properties and range. */
  readonly #timelines = new Memo<Timeline>(20, () => []);
  /** The whole database's histogram per choice of date properties (dropped with the timelines). */
  readonly #histograms = new Memo<Histogram>(20, () => []);
  readonly #nodes = new Memo<NodeDetails>(500, (details) => [details.node.id]);
  readonly #stories = new Memo<StoryPage>(200, (page) => [page.node.id, ...page.nodes.keys(), ...page.edges.map((e) => e.id)]);

  /** Source records by id. */
  sourceIndex(): Promise<Map<string, SourceSummary>> {
    return this.#sources.get('', async () => new Map((await fetchSources()).sources.map((s) => [s.id, s] as const)));
  }

  /**
   * `dates`: the user's date property per label ('Label.prop:format,…', see model.ts datesParam).
   * `range`: days (YYYY-MM-DD) the events must overlap; a large database's first 2,000 events may all
   * lie before the range the user looks at.
   */
  wholeTimeline(dates?: string, range?: { from?: string; to?: string }): Promise<Timeline> {
    const key = `${dates ?? ''}|${range?.from ?? ''}|${range?.to ?? ''}`;
    return this.#timelines.get(key, () => fetchTimeline({ limit: 2000, dates, from: range?.from, to: range?.to }));
  }

  /** Every dated item of the database counted per month (the TIME panel), `dates` as for wholeTimeline. */
  histogram(dates?: string): Promise<Histogram> {
    return this.#histograms.get(dates ?? '', () => fetchHistogram(dates));
  }

  nodeDetails(id: string): Promise<NodeDetails> {
    return this.#nodes.get(id, () => fetchNode(id));
  }

  /** A page of a node's relationships with their counterparts and evidence (neighbours, then the subgraph of those nodes for the evidence). */
  storyPage(id: string, offset = 0): Promise<StoryPage> {
    return this.#stories.get(`${offset}:${id}`, async () => {
      const page = await fetchNeighbors(id, { limit: STORY_PAGE, offset });
      const nodes = new Map<string, WireNode>([[page.node.id, page.node], ...page.nodes.map((n) => [n.id, n] as const)]);
      const evidence = new Map<string, Evidence[]>();
      if (page.edges.length) {
        const found = await fetchSubgraph([...nodes.keys()]);
        const wanted = new Set(page.edges.map((e) => e.id));
        for (const edge of found.edges) if (wanted.has(edge.id)) evidence.set(edge.id, edge.evidence);
      }
      return { node: page.node, nodes, edges: page.edges, evidence, total: page.total, nextOffset: page.nextOffset };
    });
  }

  /**
   * Forgets what a write may have changed. Ids: the details and story pages that mention them, and
   * every timeline and histogram (a new dated relationship is in no answer yet). Sources: the source index and the
   * node details, which carry source titles.
   */
  invalidate(scope?: Invalidation): void {
    if (!scope) {
      for (const memo of [this.#sources, this.#timelines, this.#histograms, this.#nodes, this.#stories]) memo.clear();
      return;
    }
    const ids = new Set(scope.ids ?? []);
    if (ids.size) {
      this.#nodes.drop(ids);
      this.#stories.drop(ids);
      this.#timelines.clear();
      this.#histograms.clear();
    }
    if (scope.sources) {
      this.#sources.clear();
      this.#nodes.clear();
    }
  }
}
