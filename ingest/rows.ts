// Valid items -> the rows the storage contract stores (props, search text, evidence lists, dates, the dataset
// they belong to), built once for every way in; and the Cypher fragment that turns a row's dates into Neo4j DATEs.
import { STORED, declaredDateProperties, searchText, type Model } from '../model/index.ts';
import { textSha256, type ResolvedDate, type ResolvedEvidence, type ValidEntity, type ValidRelation, type ValidSource } from './rules.ts';

type Props = Record<string, unknown>;

/**
 * One node or relationship to write: `props` replace the element's properties; `dates` (YYYY-MM-DD
 * or null) become DATEs in Cypher, since only db/database.ts may build driver values.
 */
export interface StoredRow {
  id: string;
  props: Props;
  dates: Record<string, string | null>;
}

export interface StoredRelationRow extends StoredRow {
  from: string;
  to: string;
}

function evidenceProps(evidence: ResolvedEvidence[]): Props {
  return {
    [STORED.evidenceSources]: evidence.map((e) => e.source),
    [STORED.evidenceQuotes]: evidence.map((e) => e.quote),
    [STORED.evidenceStarts]: evidence.map((e) => e.start),
    [STORED.evidenceEnds]: evidence.map((e) => e.end),
  };
}

/** A recorded fact's status and revision, as an export wrote them (imported items carry neither). */
function recordedProps(input: { status?: string | undefined; revision?: number | undefined }): Props {
  return {
    ...(input.status ? { [STORED.factStatus]: input.status } : {}),
    ...(input.revision ? { [STORED.factRevision]: input.revision } : {}),
  };
}

/** The date's non-DATE parts; its DATE parts go to `dates`. */
function dateProps(date: ResolvedDate | undefined): Props {
  if (!date) return {};
  return {
    [STORED.datePrecision]: date.precision,
    [STORED.dateInferred]: date.inferred,
    ...(date.source ? { [STORED.dateSource]: date.source } : {}),
    ...(date.note ? { [STORED.dateNote]: date.note } : {}),
  };
}

/** Every DATE-typed key a label or type may carry: the contract's two plus its declared date properties. */
export function dateKeys(decl: { properties: Record<string, { type: string }> } | undefined): string[] {
  return [STORED.date, STORED.endDate, ...declaredDateProperties(decl as Parameters<typeof declaredDateProperties>[0])];
}

/** The DATE keys of every label (or every relationship type) of a model, for a statement that serves them all. */
export function allDateKeys(decls: readonly { properties: Record<string, { type: string }> }[]): string[] {
  return [...new Set(decls.flatMap((d) => dateKeys(d)))];
}

/** `x.k = date(row.dates.k), ...`: a missing date is null, which removes the property. */
export function setDates(variable: string, keys: readonly string[]): string {
  return keys.map((k) => `${variable}.${k} = date(row.dates.${k})`).join(', ');
}

function splitDates(props: Props, keys: string[], date: ResolvedDate | undefined): Record<string, string | null> {
  const dates: Record<string, string | null> = { [STORED.date]: date?.date ?? null, [STORED.endDate]: date?.endDate ?? null };
  for (const key of keys) {
    if (key === STORED.date || key === STORED.endDate) continue;
    const value = props[key];
    dates[key] = typeof value === 'string' ? value : null;
    delete props[key];
  }
  return dates;
}

/** `dataset`: the id of the dataset the element belongs to (STORED.dataset), on every row of every way in. */
export function sourceRow(source: ValidSource, dataset: string): StoredRow {
  const s = source.input;
  const props: Props = {
    id: s.id,
    [STORED.dataset]: dataset,
    title: s.title,
    ...(s.publisher ? { publisher: s.publisher } : {}),
    ...(s.url ? { url: s.url } : {}),
    language: s.language,
    ...(source.published ? { publishedPrecision: source.published.precision } : {}),
    ...(source.text !== undefined ? { text: source.text, [STORED.textSha256]: textSha256(source.text) } : {}),
    ...(source.excerpts.length ? { excerpts: source.excerpts } : {}),
    ...(s.notes ? { notes: s.notes } : {}),
  };
  return { id: s.id, props, dates: { published: source.published?.date ?? null } };
}

export function entityRow(entity: ValidEntity, model: Model, dataset: string): StoredRow {
  const e = entity.input;
  const names = entity.aliases.map((a) => a.name);
  const props: Props = {
    [STORED.id]: e.id,
    [STORED.dataset]: dataset,
    [STORED.name]: e.name,
    [STORED.aliases]: names,
    [STORED.aliasLanguages]: entity.aliases.map((a) => a.language),
    [STORED.searchText]: searchText(e.name, names),
    ...entity.properties,
    ...dateProps(entity.date),
    ...evidenceProps(entity.evidence),
    ...recordedProps(e),
  };
  return { id: e.id, props, dates: splitDates(props, dateKeys(model.label(e.type)), entity.date) };
}

export function relationRow(relation: ValidRelation, model: Model, dataset: string): StoredRelationRow {
  const r = relation.input;
  const props: Props = { [STORED.id]: r.id, [STORED.dataset]: dataset, ...relation.properties, ...dateProps(relation.date), ...evidenceProps(relation.evidence), ...recordedProps(r) };
  return { id: r.id, from: r.from, to: r.to, props, dates: splitDates(props, dateKeys(model.relation(r.type)), relation.date) };
}
