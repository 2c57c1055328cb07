// The properties rule: only declared properties, of their declared type, never a reserved name, references naming entities.
import { RESERVED_PROPERTIES, type PropertyDecl, type PropertyValue } from '../../model/index.ts';
import { parsePartialDate } from '../../model/dates.ts';
import { describeValue, type Report } from './issues.ts';
import type { IdLookup } from './lookups.ts';

function typeMatches(decl: PropertyDecl, value: PropertyValue): boolean {
  switch (decl.type) {
    case 'string':
      return typeof value === 'string';
    case 'string[]':
      return Array.isArray(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && typeof parsePartialDate(value) !== 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  }
}

/**
 * The item's properties that pass, checked against those `owner` (`type Organization`, `relation type
 * ACCUSED`) declares; required ones missing are reported too.
 */
export function checkProperties(
  owner: string,
  declared: Record<string, PropertyDecl>,
  properties: Record<string, PropertyValue>,
  ids: IdLookup,
  report: Report,
): Record<string, PropertyValue> {
  const clean: Record<string, PropertyValue> = {};
  for (const [key, value] of Object.entries(properties)) {
    const field = `properties.${key}`;
    if (RESERVED_PROPERTIES.has(key)) {
      report(field, `'${key}' is reserved (names, dates and evidence have their own fields)`);
      continue;
    }
    const decl = declared[key];
    if (!decl) {
      const allowed = Object.keys(declared);
      report(field, `'${key}' is not a property of ${owner}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it has none)'}`);
      continue;
    }
    if (!typeMatches(decl, value)) {
      report(field, `must be ${decl.type === 'date' ? 'a full date YYYY-MM-DD' : `of type ${decl.type}`}, got ${describeValue(value)}`);
      continue;
    }
    if (decl.references === 'entity' && typeof value === 'string' && ids.find(value)?.kind !== 'entity') {
      report(field, `names '${value}', which is not an entity of the dataset`);
      continue;
    }
    clean[key] = value;
  }
  for (const [key, decl] of Object.entries(declared)) {
    if (decl.required && !(key in properties)) report(`properties.${key}`, `is required for ${owner} (${decl.description})`);
  }
  return clean;
}
