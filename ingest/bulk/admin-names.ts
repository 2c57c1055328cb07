// neo4j-admin folders: names in the model's conventions (camelCase properties, PascalCase labels, UPPER_SNAKE_CASE
// types) and ids as our readable slugs in their id spaces.
import path from 'node:path';
import { fold, RESERVED_PROPERTIES } from '../../model/index.ts';

export const slug = (text: string) => fold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
/** The words of a name, diacritics dropped and case kept: `court_hearing` -> court, hearing; `legalCase` -> legal, Case. */
const words = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean);

/** A column name as a model property name (camelCase, not a reserved one): `case_number` -> `caseNumber`. */
export function propertyName(column: string): string {
  const parts = column.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.toLowerCase());
  let name = parts.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('');
  if (!/^[a-z]/.test(name)) name = `p${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
  return RESERVED_PROPERTIES.has(name) && name !== column ? `${name}Value` : name;
}

/** A label as the model names labels (PascalCase): `legal_case` -> `LegalCase`. */
export function labelName(label: string): string {
  const name = words(label).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[A-Z]/.test(name) ? name : `L${name}`;
}

/** A relationship type as the model names types (UPPER_SNAKE_CASE): `filedBy` -> `FILED_BY`. */
export function typeName(type: string): string {
  const name = type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').split(/[^A-Za-z0-9]+/).filter(Boolean).join('_').toUpperCase();
  return /^[A-Z]/.test(name) ? name : `T_${name}`;
}

/**
 * Our id for a neo4j-admin id: its id space (`id:ID(Case)`) and the id as a lowercase slug, `case/c-2023-0042`;
 * with --id-type integer (or the id space's `{id-type:long}`) the number in its plain form (`007` -> `7`).
 */
export function datasetId(raw: string, group: string | undefined, idType: 'string' | 'integer', why = '--id-type integer'): { id?: string; error?: string } {
  let key = raw.trim();
  if (idType === 'integer') {
    if (!/^[+-]?\d+$/.test(key)) return { error: `'${raw}' is not a whole number (${why})` };
    key = BigInt(key).toString();
  }
  const local = slug(key);
  if (!local) return { error: `'${raw}' has no letter or digit to make an id from` };
  const space = group ? slug(group) : '';
  return { id: space ? `${space}/${local}` : local };
}

/** The id of the source record that names the folder as a whole. */
export function folderSourceId(dir: string): string {
  return `src/admin-${slug(path.basename(path.resolve(dir))) || 'folder'}`;
}
