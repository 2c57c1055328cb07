// POST /api/datasets/:dataset/sources: a source with its held text and the text's SHA-256; the same text twice is the same source.
import { createHash } from 'node:crypto';
import type { Database, Row } from '../../../db/database.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { InvalidError, STORED } from '../../../model/index.ts';
import { parsePartialDate } from '../../../model/dates.ts';
import type { Catalog } from '../catalog.ts';
import { freshId, sourceIdBase, underFreshIds } from './ids.ts';

export interface NewSource {
  title: string;
  publisher?: string | undefined;
  url?: string | undefined;
  published?: string | undefined;
  language?: string | undefined;
  text: string;
}

export interface StoredSource {
  id: string;
  title: string;
  publisher: string | null;
  url: string | null;
  language: string | null;
  published: string | null;
  textSha256: string;
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const sourceOf = (row: Row): StoredSource => ({
  id: String(row.id),
  title: String(row.title),
  publisher: (row.publisher as string | null) ?? null,
  url: (row.url as string | null) ?? null,
  language: (row.language as string | null) ?? null,
  published: (row.published as string | null) ?? null,
  textSha256: String(row.textSha256),
});

/**
 * Adds the source to `dataset` (its writability checked by the caller), or answers the one of the dataset that
 * holds exactly this text (`existing: true`). The publication date is read as every import reads it.
 */
export async function addSource(db: Database, catalog: Catalog, dataset: string, input: NewSource): Promise<{ source: StoredSource; existing: boolean }> {
  const parsed = input.published === undefined ? undefined : parsePartialDate(input.published);
  if (typeof parsed === 'string') throw new InvalidError(`published: ${parsed}`, 'invalid_parameter');
  const hash = sha256(input.text);
  return underFreshIds(() => db.writeTransaction(async (tx) => {
    // One addition per dataset at a time: a text sent twice at once is still one source.
    await tx.run(namedQuery('fact-dataset-lock').cypher, { dataset });
    const [found] = await tx.run(namedQuery('fact-source-by-text').cypher, { dataset, sha256: hash });
    if (found) return { source: sourceOf(found), existing: true };
    const id = await freshId(tx, sourceIdBase(input.title));
    const props = {
      [STORED.id]: id,
      [STORED.dataset]: dataset,
      title: input.title,
      ...(input.publisher ? { publisher: input.publisher } : {}),
      ...(input.url ? { url: input.url } : {}),
      language: input.language ?? '',
      ...(parsed ? { publishedPrecision: parsed.precision } : {}),
      text: input.text,
      [STORED.textSha256]: hash,
    };
    const [created] = await tx.run(namedQuery('fact-source-create').cypher, { props, published: parsed?.first ?? null });
    catalog.invalidate();
    return { source: sourceOf(created!), existing: false };
  }));
}
