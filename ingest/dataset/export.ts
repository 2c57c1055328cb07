// A dataset out of the database in the dataset file format (what `npm run seed` reads): its sources with their held
// texts (files beside it, with their SHA-256), its actors and relations with dates, evidence (quotes and offsets) and,
// for recorded facts, status and revision; accepted and imported facts, proposals only when asked, never the rest.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Database, PlainNode, PlainRelationship, PlainValue } from '../../db/database.ts';
import { NotFoundError } from '../../model/errors.ts';
import { DATASET_LABEL, ENTITY_LABEL, FACT_STATUSES_SHOWN, MODEL_EXTENSION_LABEL, SOURCE_LABEL, STORED, type FactStatus, type Model } from '../../model/index.ts';
import { storedModel } from '../model-store.ts';

export interface DatasetExportOptions {
  /** Also the facts (and actors) recorded and not yet reviewed. */
  proposals?: boolean;
}

type Props = Record<string, PlainValue>;
type Item = Record<string, unknown>;

const str = (value: PlainValue | undefined): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const list = (value: PlainValue | undefined): PlainValue[] => (Array.isArray(value) ? value : []);

/** A stored DATE (YYYY-MM-DD, the period's first day) written back at its precision: 2024-03-01 at month is 2024-03. */
function partial(date: string, precision: string | undefined): string {
  return precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date.slice(0, 10);
}

function dateOf(p: Props): Item | undefined {
  const on = str(p[STORED.date]);
  if (!on) return undefined;
  const precision = str(p[STORED.datePrecision]);
  const until = str(p[STORED.endDate]);
  return {
    on: partial(on, precision),
    ...(until ? { until: partial(until, precision) } : {}),
    inferred: p[STORED.dateInferred] === true,
    ...(str(p[STORED.dateSource]) ? { source: p[STORED.dateSource] } : {}),
    ...(str(p[STORED.dateNote]) ? { note: p[STORED.dateNote] } : {}),
  };
}

/** The four parallel lists as pieces of evidence; a quote of '' is document-level, an offset of -1 means none held. */
function evidenceOf(p: Props): Item[] {
  const quotes = list(p[STORED.evidenceQuotes]);
  const starts = list(p[STORED.evidenceStarts]);
  const ends = list(p[STORED.evidenceEnds]);
  return list(p[STORED.evidenceSources]).map((source, i) => {
    const quote = str(quotes[i]);
    const start = starts[i];
    const end = ends[i];
    const anchored = quote && typeof start === 'number' && typeof end === 'number' && start >= 0 && end > start;
    return { source, ...(quote ? { quote } : {}), ...(anchored ? { start, end } : {}) };
  });
}

/** Declared properties only (the model's for the label or type); declared dates come back as stored (YYYY-MM-DD). */
function propertiesOf(p: Props, declared: Record<string, unknown> | undefined): Item | undefined {
  const out: Item = {};
  for (const key of Object.keys(declared ?? {}).sort()) if (p[key] !== null && p[key] !== undefined) out[key] = p[key];
  return Object.keys(out).length ? out : undefined;
}

/** A recorded fact's status and revision (absent on imported elements). */
function recordedOf(p: Props): Item {
  const status = str(p[STORED.factStatus]);
  return { ...(status ? { status } : {}), ...(status && typeof p[STORED.factRevision] === 'number' ? { revision: p[STORED.factRevision] } : {}) };
}

function entityItem(node: PlainNode, model: Model): Item {
  const p = node.properties;
  const type = node.labels.find((l) => model.label(l)) ?? node.labels.find((l) => l !== ENTITY_LABEL)!;
  const languages = list(p[STORED.aliasLanguages]);
  const aliases = list(p[STORED.aliases]).map((name, i) => (str(languages[i]) ? { name, language: languages[i] } : name));
  const properties = propertiesOf(p, model.label(type)?.properties);
  const date = dateOf(p);
  return {
    id: p[STORED.id],
    type,
    name: p[STORED.name],
    ...(aliases.length ? { aliases } : {}),
    ...(properties ? { properties } : {}),
    ...(date ? { date } : {}),
    evidence: evidenceOf(p),
    ...recordedOf(p),
  };
}

function relationItem(rel: PlainRelationship, from: string, to: string, model: Model): Item {
  const p = rel.properties;
  const properties = propertiesOf(p, model.relation(rel.type)?.properties);
  const date = dateOf(p);
  return { id: p[STORED.id], type: rel.type, from, to, ...(properties ? { properties } : {}), ...(date ? { date } : {}), evidence: evidenceOf(p), ...recordedOf(p) };
}

/** Where a source's held text goes, relative to the dataset file: one file per source, named by its id. */
export function textFileOf(sourceId: string): string {
  return `sources/${sourceId.replaceAll('/', '__')}.txt`;
}

function sourceItem(node: PlainNode, texts: Map<string, string>): Item {
  const p = node.properties;
  const id = String(p[STORED.id]);
  const text = typeof p.text === 'string' ? p.text : undefined;
  if (text !== undefined) texts.set(textFileOf(id), text);
  const excerpts = list(p.excerpts).filter((e): e is string => typeof e === 'string');
  const published = str(p.published);
  return {
    id,
    title: p.title,
    ...(str(p.publisher) ? { publisher: p.publisher } : {}),
    ...(str(p.url) ? { url: p.url } : {}),
    ...(published ? { published: partial(published, str(p.publishedPrecision)) } : {}),
    language: typeof p.language === 'string' ? p.language : '',
    ...(text !== undefined ? { textFile: textFileOf(id), ...(str(p[STORED.textSha256]) ? { textSha256: p[STORED.textSha256] } : {}) } : {}),
    ...(text === undefined && excerpts.length ? { excerpt: excerpts.length === 1 ? excerpts[0] : excerpts } : {}),
    ...(str(p.notes) ? { notes: p.notes } : {}),
  };
}

export interface ExportedDataset {
  /** The dataset file's content (before it is written as YAML or JSON). */
  document: Item;
  /** Held texts by their path relative to the dataset file. */
  texts: Map<string, string>;
  counts: { sources: number; entities: number; relations: number };
}

/**
 * The dataset `dataset` as a dataset file's content. Read whole: a dataset file is small by design (the loader reads
 * at most 64 MiB; large data goes through the bulk importer). Relations only between actors that are exported.
 */
export async function exportDataset(db: Database, dataset: string, options: DatasetExportOptions = {}): Promise<ExportedDataset> {
  const statuses: FactStatus[] = [...FACT_STATUSES_SHOWN, ...(options.proposals ? (['proposed'] as const) : [])];
  const shown = (v: string) => `coalesce(${v}.${STORED.factStatus}, 'accepted') IN $statuses`;
  const model = await storedModel(db);
  const params = { dataset, statuses };
  const [record, extension, sources, entities, relations] = await Promise.all([
    db.read(`MATCH (d:${DATASET_LABEL} {id: $dataset}) RETURN d`, params),
    db.read(`MATCH (m:${MODEL_EXTENSION_LABEL} {${STORED.id}: $dataset}) RETURN m.extension AS extension`, params),
    db.read(`MATCH (s:${SOURCE_LABEL}) WHERE s.${STORED.dataset} = $dataset RETURN s ORDER BY s.${STORED.id}`, params),
    db.read(`MATCH (n:${ENTITY_LABEL}) WHERE n.${STORED.dataset} = $dataset AND ${shown('n')} RETURN n ORDER BY n.${STORED.id}`, params),
    db.read(
      `MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL}) WHERE r.${STORED.dataset} = $dataset AND ${shown('r')} AND ${shown('a')} AND ${shown('b')}
       RETURN r, a.${STORED.id} AS from, b.${STORED.id} AS to ORDER BY r.${STORED.id}`,
      params,
    ),
  ]);
  const d = record.rows[0]?.d as PlainNode | undefined;
  if (!d && !sources.rows.length && !entities.rows.length) throw new NotFoundError(`no dataset '${dataset}' in this database`, 'unknown_dataset');
  const texts = new Map<string, string>();
  const meta = d?.properties ?? {};
  const stored = extension.rows[0]?.extension;
  const document: Item = {
    format: 'civic-graph-dataset/1',
    ...(typeof stored === 'string' ? { model: JSON.parse(stored) } : {}),
    metadata: {
      id: dataset,
      title: str(meta.title) ?? dataset,
      ...(str(meta.description) ? { description: meta.description } : {}),
      ...(meta.synthetic === true ? { synthetic: true } : {}),
    },
    sources: sources.rows.map((row) => sourceItem(row.s as PlainNode, texts)),
    entities: entities.rows.map((row) => entityItem(row.n as PlainNode, model)),
    relations: relations.rows.map((row) => relationItem(row.r as PlainRelationship, String(row.from), String(row.to), model)),
  };
  return { document, texts, counts: { sources: sources.rows.length, entities: entities.rows.length, relations: relations.rows.length } };
}

/** Writes the dataset file (YAML, or JSON when `file` ends in .json) and its texts beside it; answers the counts. */
export async function writeDatasetExport(db: Database, dataset: string, file: string, options: DatasetExportOptions = {}): Promise<ExportedDataset['counts']> {
  const { document, texts, counts } = await exportDataset(db, dataset, options);
  const dir = path.dirname(path.resolve(file));
  for (const [relative, text] of texts) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text, 'utf8');
  }
  writeFileSync(file, file.endsWith('.json') ? `${JSON.stringify(document, null, 2)}\n` : stringify(document, { lineWidth: 0 }), 'utf8');
  return counts;
}
