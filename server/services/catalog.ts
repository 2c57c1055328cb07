// What the graph holds: labels, relationship types and caption properties, from the model's declaration and from the database itself.
import type { Database } from '../../db/database.ts';
import type { CaptionResolver } from '../../db/mapping.ts';
import { assignLooks, ENTITY_LABEL, RECORD_LABELS, relationshipColors, REVISION_LABEL, SEARCH_INDEX_NAME, SOURCE_LABEL, STORED, type Model } from '../../model/index.ts';
import { storedModel } from '../../ingest/model-store.ts';
import { fullTextIndexStatement, SEARCH_INDEX_COMMAND, type NameTarget } from '../../ingest/search-index.ts';
import {
  fullTextIndex,
  labelValues,
  loadedDatasets,
  schemaGraph,
  sampledRelationshipTypes,
  schemaCounts,
  visibleCounts,
  type DatasetInfo,
  type FullTextIndexInfo,
  type SeenProperty,
  type VisibleCounts,
} from './reads/schema.ts';
import type { Statuses } from './reads/run.ts';
import { NOTHING, scopeOf, type Scope } from './datasets.ts';
import { NameIndexCache, type NameIndex } from './name-index.ts';
import { inferLabel, type DateCandidate, type DateProperty } from './inferred-model.ts';
import { captionResolverFor, createIndexCommand, declaredDates, declaredProperties, discoverCaption, seenToInfo, type PropertyInfo } from './catalog-labels.ts';
import { MAX_COUNTED_VIEWS, nothing, restricted, type CatalogView } from './catalog-view.ts';
import { statusesFilter, type Visibility } from './visibility.ts';

export type { CatalogView, PropertyInfo };

/** The full-text index the loader creates (model/cypher-schema.ts); search uses it when it is online. */
export const SEARCH_INDEX = SEARCH_INDEX_NAME;


export interface LabelInfo {
  label: string;
  count: number;
  declared: boolean;
  description?: string;
  caption: string;
  /** The properties whose values, joined by a space, caption a node ('firstName lastName'). */
  captionProperties: string[];
  /** The property that dates the label's nodes, and how its values read; null when none does. */
  dateProperty: DateProperty | null;
  /** Every property that reads as a date (or is ambiguous), for the page's correction. */
  dateCandidates: DateCandidate[];
  color: string;
  shape: string;
  properties: PropertyInfo[];
}

export interface RelationshipTypeInfo {
  type: string;
  count: number;
  declared: boolean;
  description?: string;
  color: string;
  from: string[];
  to: string[];
  properties: PropertyInfo[];
}

export interface SearchInfo {
  mode: 'fulltext' | 'scan';
  index: string;
  /** Offered in scan mode: a command that creates a full-text index over this database's name properties. */
  createIndex?: string;
  /** The name properties search looks in (every label's together). */
  properties: string[];
  /** The operator's shell command that creates that index (the server never does). */
  command: string;
}

export interface CatalogSnapshot {
  labels: LabelInfo[];
  relationshipTypes: RelationshipTypeInfo[];
  search: SearchInfo;
  sourceCount: number;
  /** The database holds Civic Graph's own data (nodes labelled Entity). */
  ours: boolean;
  fullText?: FullTextIndexInfo;
  /** label -> caption properties (joined by a space), for every label known (declared or discovered). */
  captions: Map<string, string[]>;
  /** label -> its date property, for every label that has one. */
  dates: Map<string, DateProperty>;
  /** The labels search looks in and their name properties (foreign databases). */
  nameTargets: NameTarget[];
  /** Whether the database keeps evidence (only Civic Graph's own data does). */
  evidence: boolean;
  /** The model the database's datasets use: civic space and their own extensions. */
  model: Model;
  /** The dataset files loaded into the database (their records), for the page to say what is open. */
  datasets: DatasetInfo[];
  /**
   * How many changes were recorded through the API (Revision nodes, from the count store): none, and no element
   * carries a fact status, so reads do not filter by it (Catalog.scope); each write adds one.
   */
  revisions: number;
}

export type { DatasetInfo };

async function discover(db: Database): Promise<CatalogSnapshot> {
  const [counts, relSample, shape, fullText, model, datasets] = await Promise.all([
    schemaCounts(db),
    sampledRelationshipTypes(db, 2000),
    // Which labels each type links, all of them (the sample above sees the first relationships only).
    schemaGraph(db).catch(() => undefined),
    fullTextIndex(db, SEARCH_INDEX),
    // The loaded model: civic space plus what the datasets in this database declared.
    storedModel(db),
    loadedDatasets(db),
  ]);
  const labelCount = new Map(counts.labels.map((l) => [l.name, l.count]));
  const typeCount = new Map(counts.relationshipTypes.map((t) => [t.name, t.count]));
  const ours = (labelCount.get(ENTITY_LABEL) ?? 0) > 0;

  // Label tokens outlive their last node (count 0); list them only as part of our own declaration.
  const labelNames = [...new Set([...(ours ? model.labels.map((d) => d.label) : []), ...counts.labels.filter((l) => l.count > 0).map((l) => l.name)])].filter(
    (label) => label !== ENTITY_LABEL && !RECORD_LABELS.includes(label),
  );
  const declaredLabel = (label: string) => (ours ? model.label(label) : undefined);
  const undeclared = labelNames.filter((label) => !declaredLabel(label));
  // Each undeclared label's own sample (values too): what its captions, dates and name properties are inferred from.
  const samples = new Map(await Promise.all(undeclared.map(async (label) => [label, (labelCount.get(label) ?? 0) > 0 ? await labelValues(db, label, 200, 40) : []] as const)));
  const looks = assignLooks(undeclared, ours ? model.labels.map((d) => d.color) : []);

  const labels: LabelInfo[] = [];
  const nameTargets: NameTarget[] = [];
  for (const label of labelNames) {
    const count = labelCount.get(label) ?? 0;
    const decl = declaredLabel(label);
    if (decl) {
      const dateCandidates = [{ name: STORED.date, format: 'temporal' as const }, ...declaredDates(decl.properties)];
      labels.push({
        label,
        count,
        declared: true,
        description: decl.description,
        caption: decl.caption,
        captionProperties: [decl.caption],
        dateProperty: { name: STORED.date, format: 'temporal' },
        dateCandidates,
        color: decl.color,
        shape: decl.shape,
        properties: declaredProperties(decl.properties),
      });
      continue;
    }
    const sample = samples.get(label) ?? [];
    const inferred = inferLabel(sample);
    const look = looks.get(label)!;
    const seen: SeenProperty[] = sample.map((p) => ({ key: p.key, type: p.neo4jType, seen: p.seen }));
    labels.push({
      label,
      count,
      declared: false,
      caption: inferred.captionProperties[0] ?? discoverCaption(seen),
      captionProperties: inferred.captionProperties,
      dateProperty: inferred.dateProperty,
      dateCandidates: inferred.dateCandidates,
      color: look.color,
      shape: look.shape,
      properties: seenToInfo(seen),
    });
    const textKeys = new Set(sample.filter((p) => p.type === 'string').map((p) => p.key));
    const names = inferred.nameProperties.filter((key) => textKeys.has(key));
    if (count > 0 && names.length) nameTargets.push({ label, properties: names });
  }
  labels.sort((a, b) => Number(b.declared) - Number(a.declared) || b.count - a.count || a.label.localeCompare(b.label));

  const relSeen = new Map(relSample.map((r) => [r.type, r]));
  for (const pattern of shape?.relationships ?? []) {
    const seen = relSeen.get(pattern.type) ?? { type: pattern.type, from: [], to: [], properties: [] };
    if (!seen.from.includes(pattern.from)) seen.from = [...seen.from, pattern.from];
    if (!seen.to.includes(pattern.to)) seen.to = [...seen.to, pattern.to];
    relSeen.set(pattern.type, seen);
  }
  const types: RelationshipTypeInfo[] = [];
  const typeNames = [...new Set([...(ours ? model.relations.map((r) => r.type) : []), ...counts.relationshipTypes.filter((t) => t.count > 0).map((t) => t.name)])];
  const edgeColors = relationshipColors(typeNames.filter((type) => !(ours && model.relation(type))));
  for (const type of typeNames) {
    const count = typeCount.get(type) ?? 0;
    const decl = ours ? model.relation(type) : undefined;
    const seen = relSeen.get(type);
    if (decl) {
      types.push({
        type,
        count,
        declared: true,
        description: decl.description,
        color: decl.color,
        from: [...decl.from],
        to: [...decl.to],
        properties: declaredProperties(decl.properties),
      });
    } else {
      types.push({
        type,
        count,
        declared: false,
        color: edgeColors.get(type)!,
        from: (seen?.from ?? []).filter((l) => l !== ENTITY_LABEL),
        to: (seen?.to ?? []).filter((l) => l !== ENTITY_LABEL),
        properties: seenToInfo(seen?.properties ?? []),
      });
    }
  }
  types.sort((a, b) => Number(b.declared) - Number(a.declared) || b.count - a.count || a.type.localeCompare(b.type));

  const captions = new Map<string, string[]>(model.labels.map((decl) => [decl.label, [decl.caption]] as const));
  for (const l of labels) if (!l.declared && l.captionProperties.length) captions.set(l.label, l.captionProperties);
  const dates = new Map<string, DateProperty>();
  for (const l of labels) if (l.dateProperty) dates.set(l.label, l.dateProperty);

  const online = fullText?.state === 'ONLINE';
  const properties = ours ? (fullText?.properties ?? [STORED.name, STORED.searchText]) : [...new Set(nameTargets.flatMap((t) => t.properties))].sort();
  const search: SearchInfo = { mode: online ? 'fulltext' : 'scan', index: SEARCH_INDEX, properties, command: SEARCH_INDEX_COMMAND };
  if (!online && !fullText) {
    const command = ours ? createIndexCommand(labels.filter((l) => l.count > 0)) : fullTextIndexStatement(nameTargets);
    if (command) search.createIndex = command;
  }
  return {
    labels,
    relationshipTypes: types,
    search,
    sourceCount: labelCount.get(SOURCE_LABEL) ?? 0,
    ours,
    evidence: ours,
    model,
    datasets,
    revisions: labelCount.get(REVISION_LABEL) ?? 0,
    ...(fullText ? { fullText } : {}),
    captions,
    dates,
    nameTargets,
  };
}

/**
 * Caches the discovery for a short while: it costs a few queries, the schema rarely changes,
 * and a loader run or a new index shows up within `ttlMs`. Past that, requests keep the last
 * snapshot while one refresh runs behind them, so no request pays for a discovery except the first.
 */
export class Catalog {
  private cached: { at: number; value: Promise<CatalogSnapshot> } | undefined;
  private refreshing: Promise<CatalogSnapshot> | undefined;
  private readonly names: NameIndexCache;
  /** One more for each write of ours: a discovery begun before the last write is not kept. */
  private generation = 0;
  /** Counts per list of datasets and statuses (their sorted JSON), kept as long as the snapshot and refreshed the same way. */
  private readonly counted = new Map<string, { at: number; value: Promise<VisibleCounts>; refreshing?: boolean }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 10_000,
  ) {
    this.names = new NameIndexCache(db);
  }

  /** The name targets whose words the in-memory index holds: a foreign database searched without a full-text index; none otherwise. */
  private indexedNameTargets(snapshot: CatalogSnapshot): NameTarget[] | undefined {
    return snapshot.ours || snapshot.search.mode === 'fulltext' || snapshot.nameTargets.length === 0 ? undefined : snapshot.nameTargets;
  }

  /**
   * The in-memory index of a foreign database's names (search without a full-text index), or undefined
   * while it is first read and on our own data (which has its index). With `waitMs`, a first read
   * under way is awaited that long (search then scans, bounded, only if it is still not ready).
   */
  async nameIndex(snapshot: CatalogSnapshot, waitMs = 0): Promise<NameIndex | undefined> {
    const targets = this.indexedNameTargets(snapshot);
    return targets ? this.names.within(targets, waitMs) : undefined;
  }

  /** Resolves when the name index of the current snapshot is ready (tests, benchmarks, warm-up). */
  async nameIndexReady(): Promise<NameIndex | undefined> {
    const targets = this.indexedNameTargets(await this.snapshot());
    return targets ? this.names.ready(targets) : undefined;
  }

  snapshot(): Promise<CatalogSnapshot> {
    if (!this.cached) return this.discover();
    if (Date.now() - this.cached.at >= this.ttlMs && !this.refreshing) {
      // Stale: refresh once in the background; a failed refresh keeps the last snapshot for the next try.
      this.refreshing = this.discover(this.cached.value).finally(() => {
        this.refreshing = undefined;
      });
      this.refreshing.catch(() => undefined);
    }
    return this.cached.value;
  }

  /**
   * Discovers what the database holds now; it replaces the cache once it succeeds (or at once when there is none to
   * keep), unless a write of ours came in meanwhile: a discovery begun before it would bring back what it changed.
   */
  private discover(previous?: Promise<CatalogSnapshot>): Promise<CatalogSnapshot> {
    const value = discover(this.db);
    const at = Date.now();
    const generation = this.generation;
    if (!previous) this.cached = { at, value };
    value.then(
      (snapshot) => {
        if (generation !== this.generation) return;
        this.cached = { at, value };
        // A foreign database's names are read in the background from the first discovery on, so the first search is fast too.
        void this.nameIndex(snapshot);
      },
      // A failed discovery (Neo4j away) must not be cached.
      () => {
        if (this.cached?.value === value) this.cached = undefined;
      },
    );
    return value;
  }

  /**
   * What a request that sees `asked` (its caller's datasets, the statuses it shows) may read here, without
   * counting: the snapshot and every read's $datasets and $statuses ($statuses null where no fact was ever
   * recorded: nothing to hide, nothing to pay). Cheap (the cached snapshot); the reads filter inside themselves.
   */
  async scope(asked: Visibility): Promise<{ snapshot: CatalogSnapshot; datasets: Scope; statuses: Statuses }> {
    const snapshot = await this.snapshot();
    return { snapshot, datasets: scopeOf(snapshot.ours, asked.datasets), statuses: statusesFilter(asked.statuses, snapshot.revisions > 0) };
  }

  /**
   * The snapshot as a request that sees `asked` sees it, with counts of only what it sees (the schema, its
   * graph, a label's top, the overview): the count store when nothing is hidden, else a count of what is
   * seen (every dataset's when the caller reads all, but not every fact status), kept as long as the snapshot.
   */
  async view(asked: Visibility): Promise<CatalogView> {
    const { snapshot, datasets, statuses } = await this.scope(asked);
    if (datasets === NOTHING) return { snapshot: nothing(snapshot), datasets, statuses };
    if (datasets === null && statuses === null) return { snapshot, datasets, statuses };
    const counts = await this.visibleCounts(datasets, statuses);
    return { snapshot: restricted(snapshot, datasets, counts), datasets, statuses, counts };
  }

  /** Counts of what a caller sees, cached per list of datasets and of statuses as the snapshot is: stale answers while one refresh runs. */
  private visibleCounts(datasets: readonly string[] | null, statuses: Statuses): Promise<VisibleCounts> {
    const seen = { datasets: datasets && [...new Set(datasets)].sort(), statuses: statuses && [...statuses].sort() };
    const key = JSON.stringify(seen);
    const entry = this.counted.get(key);
    if (entry) {
      if (Date.now() - entry.at >= this.ttlMs && !entry.refreshing) {
        entry.refreshing = true;
        const next = visibleCounts(this.db, seen);
        next.then(
          () => this.counted.set(key, { at: Date.now(), value: next }),
          () => (entry.refreshing = false),
        );
      }
      return entry.value;
    }
    const value = visibleCounts(this.db, seen);
    this.counted.set(key, { at: Date.now(), value });
    value.catch(() => {
      if (this.counted.get(key)?.value === value) this.counted.delete(key);
    });
    // The oldest list goes first (a Map keeps insertion order).
    if (this.counted.size > MAX_COUNTED_VIEWS) this.counted.delete(this.counted.keys().next().value!);
    return value;
  }

  async captionResolver(): Promise<CaptionResolver> {
    const snapshot = await this.snapshot();
    return captionResolverFor(snapshot.captions, snapshot.dates);
  }

  /** The next snapshot is discovered afresh, and waited for (a new dataset or source: the caller must see it). */
  invalidate(): void {
    this.generation++;
    this.cached = undefined;
    this.counted.clear();
  }

  /**
   * After a fact or an actor was written through the API: the snapshot is kept until its time is up, as after a
   * loader run (a write adds no label or dataset the model did not have; a discovery costs about half a second at
   * 10k nodes, which every recording paid, and one behind every write slowed the next), but it counts the write's
   * revision at once, so reads filter by fact status from the first recorded fact on, and counts are made again.
   */
  written(): void {
    this.generation++;
    this.counted.clear();
    const kept = this.cached?.value;
    if (!kept) return;
    const value = kept.then((snapshot) => ({ ...snapshot, revisions: snapshot.revisions + 1 }));
    this.cached = { at: this.cached!.at, value };
    value.catch(() => {
      if (this.cached?.value === value) this.cached = undefined;
    });
  }
}
