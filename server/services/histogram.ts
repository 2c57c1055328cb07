// The time histogram (GET /api/timeline/histogram): every dated item of the database counted per month, stated and
// inferred apart and per label or relationship type, for the page's TIME panel from the first screen on.
import type { Database } from '../../db/database.ts';
import type { Catalog, CatalogSnapshot } from './catalog.ts';
import { NOTHING } from './datasets.ts';
import type { Visibility } from './visibility.ts';
import { histogramByDateProperties, histogramBySlices, type MonthSpan } from './reads/histogram.ts';
import { datedLabels } from './timeline.ts';

export interface HistogramMonth {
  /** 'YYYY-MM'. */
  month: string;
  stated: number;
  inferred: number;
  /** Items per node label or relationship type. */
  byType: Record<string, number>;
}

export interface Histogram {
  /** Dated items in all (an item spanning months is one item). */
  total: number;
  /** The months that have items, in order (the page fills the months between). */
  months: HistogramMonth[];
  /** Whether each type is a node label or a relationship type (the bars take the canvas's colours). */
  kinds: Record<string, 'node' | 'relationship'>;
}

/** 'YYYY-MM' of a month number (year * 12 + month - 1). */
export function monthName(n: number): string {
  return `${String(Math.floor(n / 12)).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/**
 * The histogram from counted month spans: each item counts in every month from its first to its last,
 * as the page's own count of events did (state/histogram.ts monthCounts).
 */
export function histogramOf(spans: readonly MonthSpan[]): Histogram {
  const months = new Map<number, HistogramMonth>();
  const kinds: Histogram['kinds'] = {};
  let total = 0;
  for (const span of spans) {
    total += span.items;
    kinds[span.type] = span.kind;
    for (let m = span.first; m <= Math.max(span.first, span.last); m++) {
      let month = months.get(m);
      if (!month) {
        month = { month: monthName(m), stated: 0, inferred: 0, byType: {} };
        months.set(m, month);
      }
      month[span.inferred ? 'inferred' : 'stated'] += span.items;
      month.byType[span.type] = (month.byType[span.type] ?? 0) + span.items;
    }
  }
  return { total, months: [...months.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m), kinds };
}

/** How long a histogram is served before it is counted again behind the requests (the counts unchanged). */
const FRESH_MS = 60_000;
/** Histograms kept (one per choice of date properties). */
const KEPT = 20;

interface Entry {
  at: number;
  /** The catalog's counts when it was counted: other counts (an import) mean another histogram. */
  counts: string;
  value: Promise<Histogram>;
  refreshing?: boolean;
}

/**
 * What the kept histograms depend on in the snapshot: its counts, and the recorded changes (the catalog is
 * discovered afresh after every write; a change of a fact's status changes no label's count, but adds a revision).
 */
function countsKey(snapshot: CatalogSnapshot): string {
  return JSON.stringify([snapshot.labels.map((l) => [l.label, l.count]), snapshot.relationshipTypes.map((t) => [t.type, t.count]), snapshot.revisions]);
}

/**
 * Answers the histogram of one app's database. Counting every dated item costs a pass over the date
 * indexes (seconds at a million), so the answer is kept while the catalog's counts stay the same, and
 * counted again behind the requests once it is a minute old: after the warm-up, no request waits for it.
 */
export class HistogramService {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
  ) {}

  /** The histogram of what `asked` sees; its datasets and statuses are part of what is kept, so no caller gets another's counts. */
  async histogram({ dates }: { dates?: string[] }, asked: Visibility): Promise<Histogram> {
    const { snapshot, datasets, statuses } = await this.catalog.scope(asked);
    if (datasets === NOTHING) return { total: 0, months: [], kinds: {} };
    // A foreign database is dated by each label's date property (inferred, or as `dates` says), as on the timeline.
    const dated = snapshot.ours ? undefined : await datedLabels(this.db, snapshot, dates);
    const key = JSON.stringify([dated ?? 'ours', datasets && [...datasets].sort(), statuses && [...statuses].sort()]);
    const counts = countsKey(snapshot);
    const count = () => (dated ? histogramByDateProperties(this.db, dated) : histogramBySlices(this.db, snapshot.model, { datasets, statuses })).then(histogramOf);
    const entry = this.entries.get(key);
    if (entry && entry.counts === counts) {
      if (Date.now() - entry.at >= FRESH_MS && !entry.refreshing) {
        entry.refreshing = true;
        const next = count();
        next.then(
          () => this.entries.set(key, { at: Date.now(), counts, value: next }),
          () => {
            entry.refreshing = false;
          },
        );
      }
      return entry.value;
    }
    const value = count();
    this.entries.delete(key);
    this.entries.set(key, { at: Date.now(), counts, value });
    if (this.entries.size > KEPT) this.entries.delete(this.entries.keys().next().value!);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

const perCatalog = new WeakMap<Catalog, HistogramService>();

/** The one histogram service of an app (its catalog's): the route and the warm-up share what it has counted. */
export function histogramService(db: Database, catalog: Catalog): HistogramService {
  let service = perCatalog.get(catalog);
  if (!service) {
    service = new HistogramService(db, catalog);
    perCatalog.set(catalog, service);
  }
  return service;
}
