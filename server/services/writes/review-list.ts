// GET /api/review: the proposed facts waiting for a reviewer in the datasets the caller may review (reviewers, and
// editors, who see what waits), newest first, a page at a time with their number.
import type { Database, Row } from '../../../db/database.ts';
import { builtQuery } from '../../../db/built-queries.ts';
import { ForbiddenError, NotFoundError, STORED } from '../../../model/index.ts';
import { may, type DatasetRoles } from '../../accounts/accounts.ts';
import type { Catalog } from '../catalog.ts';
import { factOf, requireOurs, type Fact } from './access.ts';

/** Who sees the list: editors too (they see what waits on their dataset), though only reviewers decide. */
const SEES_LIST = 'editor';

export interface ReviewItem {
  fact: Fact;
  fromName: string | null;
  toName: string | null;
  /** The author's name and id (the actor of the fact's creation revision). */
  author: string | null;
  authorId: string | null;
  /** When it was recorded. */
  at: string | null;
  /** Its first piece of evidence: the quote and the source's id. */
  quote: string | null;
  source: string | null;
}

export interface ReviewQuery {
  dataset?: string | undefined;
  limit: number;
  offset: number;
}

/** The datasets whose proposals the caller sees (null: every one), narrowed to `dataset` when asked. */
function reviewedDatasets(roles: DatasetRoles, known: readonly string[], dataset: string | undefined): string[] | null {
  if (dataset !== undefined) {
    if (!known.includes(dataset) || !may(roles, dataset, 'viewer')) throw new NotFoundError(`dataset: no dataset '${dataset}' in this database`);
    if (!may(roles, dataset, SEES_LIST)) throw new ForbiddenError(`this needs the ${SEES_LIST} role on dataset '${dataset}'`);
    return [dataset];
  }
  return roles === 'all' ? null : [...roles.keys()].filter((d) => may(roles, d, SEES_LIST));
}

const first = (value: unknown) => (Array.isArray(value) && value.length ? String(value[0]) : null);
const text = (value: unknown) => (typeof value === 'string' ? value : null);

export async function reviewList(db: Database, catalog: Catalog, roles: DatasetRoles, query: ReviewQuery): Promise<{ facts: ReviewItem[]; total: number }> {
  const snapshot = await requireOurs(catalog);
  const datasets = reviewedDatasets(roles, snapshot.datasets.map((d) => d.id), query.dataset);
  if (datasets?.length === 0) return { facts: [], total: 0 };
  const cypher = builtQuery('review-list', snapshot.model.relations.map((r) => r.type));
  const [row] = (await db.read(cypher, { datasets, offset: query.offset, limit: query.limit })).rows;
  const items = (row?.facts as Row[] | undefined) ?? [];
  return {
    total: Number(row?.total ?? 0),
    facts: items.map((item) => {
      const properties = (item.properties ?? {}) as Record<string, unknown>;
      return {
        fact: factOf(item),
        fromName: text(item.fromName),
        toName: text(item.toName),
        author: text(item.author),
        authorId: text(item.authorId),
        at: text(item.at),
        quote: first(properties[STORED.evidenceQuotes]),
        source: first(properties[STORED.evidenceSources]),
      };
    }),
  };
}
