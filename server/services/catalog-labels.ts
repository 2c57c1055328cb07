// How a label is described from its declaration or its stored values: its properties, its caption (and the
// resolver that reads captions and dates off nodes), its date properties, and the full-text index its names want.
import type { PlainValue } from '../../db/database.ts';
import { defaultCaption, type CaptionResolver } from '../../db/mapping.ts';
import { chooseCaption, propertyType, type PropertyDecl } from '../../model/index.ts';
import { fullTextIndexStatement } from '../../ingest/search-index.ts';
import type { SeenProperty } from './reads/schema.ts';
import { parseDateValue, type DateCandidate, type DateProperty } from './inferred-model.ts';

export interface PropertyInfo {
  name: string;
  type: string;
  description?: string;
  required?: boolean;
}

/** Properties that are bookkeeping, never a caption. */
const NOT_CAPTIONS = /^(id|searchText|aliasLanguages|evidence\w*|datePrecision|dateInferred)$/;

/** The property to show for a label the model does not declare: name, title, or the most common string. */
export function discoverCaption(properties: SeenProperty[]): string {
  const strings = properties.filter((p) => propertyType(p.type) === 'string' && !NOT_CAPTIONS.test(p.key));
  return chooseCaption(strings) ?? (properties.some((p) => p.key === 'id') ? 'id' : '');
}

export function declaredProperties(properties: Record<string, PropertyDecl>): PropertyInfo[] {
  return Object.entries(properties).map(([name, decl]) => ({
    name,
    type: decl.type,
    description: decl.description,
    ...(decl.required ? { required: true } : {}),
  }));
}

export function seenToInfo(properties: SeenProperty[]): PropertyInfo[] {
  const byName = new Map<string, PropertyInfo>();
  for (const p of properties) {
    if (/^evidence/.test(p.key) || byName.has(p.key)) continue;
    byName.set(p.key, { name: p.key, type: propertyType(p.type) });
  }
  return [...byName.values()];
}

/** A CREATE FULLTEXT INDEX command covering the name properties (else the caption) of the given labels. */
export function createIndexCommand(labels: { label: string; caption?: string; nameProperties?: string[] }[]): string | undefined {
  return fullTextIndexStatement(
    labels.map((l) => ({ label: l.label, properties: l.nameProperties?.length ? l.nameProperties : l.caption && l.caption !== 'id' ? [l.caption] : [] })),
  );
}

function captionText(value: PlainValue | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Builds a caption resolver from label -> caption properties (their values joined by a space); with
 * `dates`, it also reads a node's date (`date` on the wire, an ISO day) by its label's date property.
 */
export function captionResolverFor(captions: Map<string, string | readonly string[]>, dates?: Map<string, DateProperty>): CaptionResolver {
  const resolver: CaptionResolver = (labels: string[], properties: Record<string, PlainValue>) => {
    for (const label of labels) {
      const keys = captions.get(label);
      if (!keys) continue;
      const parts = (typeof keys === 'string' ? [keys] : keys).map((key) => captionText(properties[key])).filter((v): v is string => v !== undefined);
      if (parts.length) return parts.join(' ');
    }
    return defaultCaption(labels, properties);
  };
  if (dates?.size) {
    resolver.date = (labels, properties) => {
      for (const label of labels) {
        const date = dates.get(label);
        const value = date ? parseDateValue(properties[date.name], date.format) : undefined;
        if (value) return value;
      }
      return undefined;
    };
  }
  return resolver;
}

/** The declared date property of one of our labels (stored as a Neo4j DATE). */
export function declaredDates(properties: Record<string, PropertyDecl>): DateCandidate[] {
  return Object.entries(properties)
    .filter(([, decl]) => decl.type === 'date')
    .map(([name]) => ({ name, format: 'temporal' as const }));
}
