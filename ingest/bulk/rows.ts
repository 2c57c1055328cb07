// Valid bulk items -> the property maps the storage contract stores (the same ones seed/plan.ts writes for a dataset file).
import { EVIDENCE_PROPERTIES } from '../../db/mapping.ts';
import { labelDecl, relationDecl } from '../../model/index.ts';
import type { ResolvedDate, ResolvedEvidence, ValidEntity, ValidRelation, ValidSource } from '../dataset/validate.ts';

type Props = Record<string, unknown>;

/** One node or relationship to write: `props` replace the element's properties; `dates` become DATEs in Cypher. */
export interface WriteRow {
  id: string;
  props: Props;
  dates: Record<string, string | null>;
}

export interface RelationRow extends WriteRow {
  from: string;
  to: string;
}

function evidenceProps(evidence: ResolvedEvidence[]): Props {
  return {
    [EVIDENCE_PROPERTIES.sources]: evidence.map((e) => e.source),
    [EVIDENCE_PROPERTIES.quotes]: evidence.map((e) => e.quote),
    [EVIDENCE_PROPERTIES.starts]: evidence.map((e) => e.start),
    [EVIDENCE_PROPERTIES.ends]: evidence.map((e) => e.end),
  };
}

/** The date's non-DATE parts; the DATE parts go to `dates` (only db.ts may build driver values, so Cypher converts them). */
function dateProps(date: ResolvedDate | undefined): Props {
  if (!date) return {};
  return {
    datePrecision: date.precision,
    dateInferred: date.inferred,
    ...(date.source ? { dateSource: date.source } : {}),
    ...(date.note ? { dateNote: date.note } : {}),
  };
}

/** Every DATE-typed key a label or type may carry: the contract's two plus declared date properties. */
export function dateKeys(declared: Record<string, { type: string }> | undefined): string[] {
  return ['date', 'endDate', ...Object.entries(declared ?? {}).filter(([, d]) => d.type === 'date').map(([k]) => k)];
}

function splitDates(props: Props, keys: string[], date: ResolvedDate | undefined): Record<string, string | null> {
  const dates: Record<string, string | null> = { date: date?.date ?? null, endDate: date?.endDate ?? null };
  for (const key of keys) {
    if (key === 'date' || key === 'endDate') continue;
    const value = props[key];
    dates[key] = typeof value === 'string' ? value : null;
    delete props[key];
  }
  return dates;
}

export function sourceRow(source: ValidSource): WriteRow {
  const s = source.input;
  const props: Props = {
    id: s.id,
    title: s.title,
    publisher: s.publisher,
    url: s.url,
    language: s.language,
    ...(source.published ? { publishedPrecision: source.published.precision } : {}),
    ...(source.text !== undefined ? { text: source.text } : {}),
    ...(source.excerpts.length ? { excerpts: source.excerpts } : {}),
    ...(s.notes ? { notes: s.notes } : {}),
  };
  return { id: s.id, props, dates: { published: source.published?.date ?? null } };
}

export function entityRow(entity: ValidEntity): WriteRow {
  const e = entity.input;
  const props: Props = {
    id: e.id,
    name: e.name,
    aliases: entity.aliases.map((a) => a.name),
    aliasLanguages: entity.aliases.map((a) => a.language),
    searchText: [e.name, ...entity.aliases.map((a) => a.name)].join(' | '),
    ...entity.properties,
    ...dateProps(entity.date),
    ...evidenceProps(entity.evidence),
  };
  const dates = splitDates(props, dateKeys(labelDecl(e.type)?.properties), entity.date);
  return { id: e.id, props, dates };
}

export function relationRow(relation: ValidRelation): RelationRow {
  const r = relation.input;
  const props: Props = { id: r.id, ...relation.properties, ...dateProps(relation.date), ...evidenceProps(relation.evidence) };
  const dates = splitDates(props, dateKeys(relationDecl(r.type)?.properties), relation.date);
  return { id: r.id, from: r.from, to: r.to, props, dates };
}
