// What one caller sees of the catalog: the snapshot restricted to the datasets they read and the fact statuses they show, or nothing at all.
import { civicSpaceModel } from '../../model/index.ts';
import type { CatalogSnapshot } from './catalog.ts';
import type { Scope } from './datasets.ts';
import type { Datasets, Statuses } from './reads/run.ts';
import type { VisibleCounts } from './reads/schema.ts';

/** What one caller reads of the open database: the snapshot as they may see it, and every read's $datasets (or NOTHING) and $statuses. */
export interface CatalogView {
  snapshot: CatalogSnapshot;
  /** The $datasets of their reads; NOTHING on a database someone else built that they hold no grant on. */
  datasets: Scope;
  /** The $statuses of their reads (null: every status). */
  statuses: Statuses;
  /** Their counts, when they do not see everything (some datasets, or some fact statuses). */
  counts?: VisibleCounts;
}

/** How many distinct lists of datasets and statuses keep their counts at once (callers with the same grants and choices share one). */
export const MAX_COUNTED_VIEWS = 64;

/**
 * The snapshot as a caller who reads only `datasets` (null: every one) and sees `counts` of them sees it: labels
 * and types counted over what they see, those only in other datasets (or in another dataset's model extension,
 * or only in hidden facts) gone, their sources counted, and only their datasets listed. The labels and types of
 * the civic-space model stay listed (they are public) even at 0.
 */
export function restricted(snapshot: CatalogSnapshot, datasets: Datasets, counts: VisibleCounts): CatalogSnapshot {
  const base = civicSpaceModel();
  const labelCount = new Map(counts.labels.map((l) => [l.name, l.count]));
  const typeCount = new Map(counts.relationshipTypes.map((t) => [t.name, t.count]));
  // Reading every dataset, only some statuses: the database's own index command and name targets are theirs to see.
  if (datasets === null) return { ...snapshot, ...counted(snapshot, base, labelCount, typeCount), sourceCount: counts.sources };
  const { createIndex: _, ...search } = snapshot.search;
  return {
    ...snapshot,
    ...counted(snapshot, base, labelCount, typeCount),
    search,
    sourceCount: counts.sources,
    datasets: snapshot.datasets.filter((d) => datasets.includes(d.id)),
    nameTargets: [],
  };
}

/** The labels and types with the caller's counts: those they see none of gone, unless the civic-space model declares them. */
function counted(snapshot: CatalogSnapshot, base: ReturnType<typeof civicSpaceModel>, labelCount: Map<string, number>, typeCount: Map<string, number>): Pick<CatalogSnapshot, 'labels' | 'relationshipTypes'> {
  return {
    labels: snapshot.labels
      .map((l) => ({ ...l, count: labelCount.get(l.label) ?? 0 }))
      .filter((l) => l.count > 0 || (l.declared && base.label(l.label) !== undefined)),
    relationshipTypes: snapshot.relationshipTypes
      .map((t) => ({ ...t, count: typeCount.get(t.type) ?? 0 }))
      .filter((t) => t.count > 0 || (t.declared && base.relation(t.type) !== undefined)),
  };
}

/** The snapshot of a database someone else built as a caller without a grant on it sees it: nothing. */
export function nothing(snapshot: CatalogSnapshot): CatalogSnapshot {
  const { createIndex: _, ...search } = snapshot.search;
  return { ...snapshot, labels: [], relationshipTypes: [], search, sourceCount: 0, datasets: [], nameTargets: [] };
}
