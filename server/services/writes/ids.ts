// Readable ids for what is recorded through the API, in the seed's scheme: `person/anna-example`, `src/alpha-report`, `rel/anna-accused-arno-1a2b3c4d`.
import { randomBytes } from 'node:crypto';
import type { Database, WriteTx } from '../../../db/database.ts';
import { CypherError } from '../../../db/errors.ts';
import { namedQuery } from '../../../db/named-queries.ts';
import { slug } from '../../../ingest/bulk/admin-names.ts';
import { ConflictError } from '../../../model/index.ts';

/** The seed's short prefixes where they differ from the label's own name (seed/README.md, Ids). */
const PREFIXES: Readonly<Record<string, string>> = { Organization: 'org' };

/** The words of a name as an id part, at most `max` characters, never empty. */
function part(text: string, fallback: string, max = 48): string {
  return slug(text).slice(0, max).replace(/-+$/, '') || fallback;
}

/** `base`, or `base-2`, `base-3`, ... when an entity or source (or an id given in `also`) holds it. */
export async function freshId(run: Database | WriteTx, base: string, also: ReadonlySet<string> = new Set()): Promise<string> {
  const cypher = namedQuery('fact-ids-taken').cypher;
  const result = 'read' in run ? (await run.read(cypher, { base })).rows : await run.run(cypher, { base });
  const taken = new Set([...((result[0]?.ids as string[] | undefined) ?? []), ...also]);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new actor's id before its number: its label's prefix and its name, `person/anna-example`. */
export const actorIdBase = (label: string, name: string) => `${PREFIXES[label] ?? part(label, 'entity')}/${part(name, 'actor')}`;

/** A new source's id before its number: `src/` and its title. */
export const sourceIdBase = (title: string) => `src/${part(title, 'source')}`;

/** A new relation's id: its ends' last parts and type, and 32 random bits (relationship ids are indexed per type only). */
export function relationId(type: string, from: string, to: string): string {
  const last = (id: string) => part(id.slice(id.lastIndexOf('/') + 1), 'x', 32);
  return `rel/${last(from)}-${part(type, 'rel', 32)}-${last(to)}-${randomBytes(4).toString('hex')}`;
}

/** Runs writes that create elements under fresh ids; an id another write took meanwhile (the uniqueness constraint) is a 409. */
export async function underFreshIds<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof CypherError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      throw new ConflictError('an id chosen for this was taken by another write meanwhile; nothing was recorded, send it again', 'id_taken', { cause: error });
    }
    throw error;
  }
}
