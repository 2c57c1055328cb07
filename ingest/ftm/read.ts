// Reads an FtM entity stream (NDJSON lines {id, schema, properties}) as the bulk importer's raw items, so that
// FtM data is checked by the one set of rules (ingest/rules.ts) and written by the bulk writer, never a third copy.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Schema } from '@opensanctions/followthemoney';
import { LANGUAGE_PATTERN } from '../../model/index.ts';
import type { RawItem } from '../bulk/format.ts';
import { atPrecision, firstDay, fromFtmId, parseFtmDate } from './convert.ts';
import { ftm, ftmModelFor, type FtmModel } from './model.ts';

export interface FtmReadOptions {
  /** Where the file comes from: the source of facts whose entity names no proof and no sourceUrl, and of proof documents without a URL. */
  sourceUrl?: string;
  /** Who published the file (default: "not stated in the FtM data"). */
  publisher?: string;
  /** The FtM model as ours (default: over civic space). */
  ftm?: FtmModel;
}

export const NOT_STATED = 'not stated in the FtM data';

/** ISO 639-3 (FtM) <-> 639-1 (ours, where we use it) for the languages our datasets hold; others pass through. */
export const LANGUAGES: Record<string, string> = { eng: 'en', fra: 'fr', ara: 'ar', bam: 'bm', deu: 'de', spa: 'es', por: 'pt', rus: 'ru', ful: 'ff', snk: 'snk' };

/** An FtM stream by its name (.ftm.json, .ijson) or, for .json/.ndjson/.jsonl, by its first line: `{id, schema, properties}`. */
export function looksLikeFtm(file: string): boolean {
  if (/\.(ftm\.json|ijson)$/i.test(file)) return true;
  if (!/\.(json|ndjson|jsonl)$/i.test(file)) return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(64 * 1024);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const first = buffer.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '').split('\n').find((l) => l.trim());
    if (!first) return false;
    const value = JSON.parse(first) as Record<string, unknown>;
    return !!value && typeof value === 'object' && typeof value.schema === 'string' && 'id' in value && typeof value.properties === 'object';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

interface Line {
  number: number;
  text: string;
}

async function* lines(file: string): AsyncGenerator<Line> {
  const input = createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let number = 0;
  for await (const text of input) {
    number++;
    if (text.trim()) yield { number, text: number === 1 ? text.replace(/^\uFEFF/, '') : text };
  }
}

interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** Parses a line's shape; answers the problems instead when it is not an FtM entity. */
function parseEntity(text: string): FtmEntity | { problems: RawItem['problems'] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [{ message: `is not JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problems: [{ message: 'must be a JSON object {id, schema, properties}' }] };
  const { id, schema, properties } = value as Record<string, unknown>;
  const problems: RawItem['problems'] = [];
  if (typeof id !== 'string' || !id) problems.push({ field: 'id', message: 'is required (an FtM entity id)' });
  if (typeof schema !== 'string' || !schema) problems.push({ field: 'schema', message: 'is required (an FtM schema such as Person)' });
  const props: Record<string, string[]> = {};
  if (properties !== undefined && (typeof properties !== 'object' || properties === null || Array.isArray(properties))) {
    problems.push({ field: 'properties', message: 'must be an object of property name -> list of values' });
  } else {
    for (const [key, values] of Object.entries((properties ?? {}) as Record<string, unknown>)) {
      if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) problems.push({ field: `properties.${key}`, message: 'must be a list of strings' });
      else props[key] = (values as string[]).map((v) => v.trim()).filter(Boolean);
    }
  }
  if (problems.length) return { problems };
  return { id: id as string, schema: schema as string, properties: props };
}

function knownSchema(name: string): Schema | undefined {
  return ftm.schemata[name];
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'file';

/** The id of the source record made from an entity's sourceUrl and publisher. */
export function urlSourceId(url: string, publisher: string | undefined): string {
  return `src/${createHash('sha1').update(`${url}\n${publisher ?? ''}`).digest('hex').slice(0, 16)}`;
}

/**
 * Streams the items of an FtM file: first the `proof` documents as source records (a first read finds
 * which documents are proofs), then every entity, its relationships and the sources its sourceUrl names,
 * each source before the first fact citing it. Every fact gets document-level evidence.
 */
export async function* readFtmItems(file: string, options: FtmReadOptions = {}): AsyncGenerator<RawItem[]> {
  const plan = options.ftm ?? ftmModelFor();
  const proofs = new Set<string>();
  for await (const line of lines(file)) {
    if (!line.text.includes('"proof"')) continue;
    const entity = parseEntity(line.text);
    if ('id' in entity) for (const proof of entity.properties.proof ?? []) proofs.add(proof);
  }

  const emitted = new Set<string>();
  const fileSourceId = `ftm-file/${slug(path.basename(file))}`;
  let batch: RawItem[] = [];
  const push = (item: RawItem) => batch.push(item);
  // Entities that name neither proof nor sourceUrl, counted while no --source-url names the file: one problem for all.
  const unsourced = { count: 0, first: '' };

  // Proof documents first: evidence is checked as it streams by, and FtM puts documents anywhere.
  for await (const line of lines(file)) {
    const entity = parseEntity(line.text);
    if (!('id' in entity)) continue;
    const schema = knownSchema(entity.schema);
    if (!proofs.has(entity.id) || !schema) {
      if (!options.sourceUrl && !entity.properties.proof?.length && !entity.properties.sourceUrl?.length) {
        if (!unsourced.count) unsourced.first = `line ${line.number}`;
        unsourced.count++;
      }
      continue;
    }
    push(documentSource(entity, schema, `line ${line.number}`, options));
    if (batch.length >= 2000) {
      yield batch;
      batch = [];
    }
  }
  if (unsourced.count) {
    // The file stands as their source, so no entity reports a problem of its own; the one problem says what fixes them all.
    // The record carries it (and is never written): its URL is what --source-url gives.
    const n = unsourced.count;
    push({
      kind: 'source',
      raw: { id: fileSourceId, title: path.basename(file), publisher: options.publisher ?? NOT_STATED, url: 'https://source-url.invalid/', language: '' },
      at: unsourced.first,
      problems: [{ field: 'proof', message: `${n} FtM ${n === 1 ? 'entity names' : 'entities name'} no proof and no sourceUrl, so nothing says where ${n === 1 ? 'it comes' : 'they come'} from: give the file's own address with --source-url URL (and --publisher NAME), and their facts cite the file as a whole` }],
    });
    emitted.add(fileSourceId);
  }

  for await (const line of lines(file)) {
    const at = `line ${line.number}`;
    const entity = parseEntity(line.text);
    if (!('id' in entity)) {
      push({ kind: 'entity', raw: {}, at, problems: entity.problems });
      continue;
    }
    if (proofs.has(entity.id) && knownSchema(entity.schema)) continue;
    for (const item of entityItems(entity, at, plan, options, emitted, fileSourceId, file)) push(item);
    if (batch.length >= 2000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function first(props: Record<string, string[]>, key: string): string | undefined {
  return props[key]?.[0];
}

function documentSource(entity: FtmEntity, schema: Schema, at: string, options: FtmReadOptions): RawItem {
  const p = entity.properties;
  const problems: RawItem['problems'] = [];
  const id = fromFtmId(entity.id);
  if (typeof id !== 'string') problems.push({ field: 'id', message: id.error });
  if (!schema.isA('Document')) problems.push({ field: 'schema', message: `'${entity.id}' is named as proof but is a ${schema.name}, not a Document` });
  const url = first(p, 'sourceUrl') ?? options.sourceUrl;
  if (!url) problems.push({ field: 'properties.sourceUrl', message: `proof document '${entity.id}' has no sourceUrl; a source record needs one (or give --source-url for the whole file)` });
  const language = first(p, 'language');
  const ours = language ? (LANGUAGES[language] ?? language) : '';
  const raw: Record<string, unknown> = {
    id: typeof id === 'string' ? id : entity.id,
    title: first(p, 'title') ?? first(p, 'fileName') ?? first(p, 'name') ?? entity.id,
    publisher: first(p, 'publisher') ?? first(p, 'author') ?? options.publisher ?? NOT_STATED,
    url,
    language: LANGUAGE_PATTERN.test(ours) ? ours : '',
  };
  const published = first(p, 'publishedAt') ?? first(p, 'date');
  if (published) {
    const parsed = parseFtmDate(published);
    if ('error' in parsed) problems.push({ field: p.publishedAt ? 'properties.publishedAt' : 'properties.date', message: parsed.error });
    else raw.published = parsed.on;
  }
  const notes = [first(p, 'summary') ?? first(p, 'description'), first(p, 'retrievedAt') && `retrieved ${first(p, 'retrievedAt')}`].filter(Boolean);
  if (notes.length) raw.notes = notes.join('; ');
  return { kind: 'source', raw, at, problems };
}

/** The entity (or relationship) an FtM entity is, the relationships its entity-typed properties make, and the sources it cites first. */
function entityItems(entity: FtmEntity, at: string, plan: FtmModel, options: FtmReadOptions, emitted: Set<string>, fileSourceId: string, file: string): RawItem[] {
  const problems: RawItem['problems'] = [];
  const out: RawItem[] = [];
  const schema = knownSchema(entity.schema);
  const id = fromFtmId(entity.id);
  if (typeof id !== 'string') problems.push({ field: 'id', message: id.error });
  const ourId = typeof id === 'string' ? id : entity.id;
  const p = entity.properties;
  if (schema) {
    if (schema.abstract) problems.push({ field: 'schema', message: `FtM schema '${schema.name}' is abstract: an entity has a concrete schema (e.g. ${schema.getChildren().slice(0, 3).map((s) => s.name).join(', ')})` });
    for (const key of Object.keys(p)) {
      if (!schema.hasProperty(key)) problems.push({ field: `properties.${key}`, message: `is not a property of FtM schema ${schema.name}` });
    }
  } else {
    problems.push({ field: 'schema', message: `unknown FtM schema '${entity.schema}' (FollowTheMoney has ${Object.keys(ftm.schemata).length} schemata, e.g. Person, Company, Ownership)` });
  }

  // Evidence: proof documents, the source the sourceUrl names, or the file itself.
  const evidence: { source: string }[] = [];
  for (const proof of p.proof ?? []) {
    const source = fromFtmId(proof);
    if (typeof source === 'string') evidence.push({ source });
    else problems.push({ field: 'properties.proof', message: source.error });
  }
  const sourceUrl = first(p, 'sourceUrl');
  const publisher = first(p, 'publisher');
  if (sourceUrl) {
    const sid = urlSourceId(sourceUrl, publisher);
    if (!emitted.has(sid)) {
      emitted.add(sid);
      const retrieved = first(p, 'retrievedAt');
      out.push({ kind: 'source', raw: { id: sid, title: publisher ? `${publisher}: ${sourceUrl}` : sourceUrl, publisher: publisher ?? options.publisher ?? NOT_STATED, url: sourceUrl, language: '', ...(retrieved ? { notes: `retrieved ${retrieved}` } : {}) }, at, problems: [] });
    }
    evidence.push({ source: sid });
  }
  if (!evidence.length) {
    // Without --source-url the file's record was emitted already, carrying the one problem for every such entity.
    if (options.sourceUrl && !emitted.has(fileSourceId)) {
      emitted.add(fileSourceId);
      out.push({ kind: 'source', raw: { id: fileSourceId, title: path.basename(file), publisher: options.publisher ?? NOT_STATED, url: options.sourceUrl, language: '', notes: 'the FtM file as a whole: its entities name no proof and no sourceUrl' }, at, problems: [] });
    }
    evidence.push({ source: fileSourceId });
  }

  if (!schema) {
    // Only the schema is reported: the item stands as a placeholder entity so the rules add nothing of their own.
    return [...out, { kind: 'entity', raw: { id: ourId, type: plan.label('LegalEntity'), name: p.name?.[0] ?? entity.id, evidence }, at, problems }];
  }

  // Dates: `date` (or the schema's temporal start) and `endDate` (or its temporal end), with FtM's precision.
  const dates = new Map<string, { on: string; precision: 'year' | 'month' | 'day' }[]>();
  for (const [key, values] of Object.entries(p)) {
    if (!schema.hasProperty(key) || schema.getProperty(key).type.name !== 'date') continue;
    const parsed: { on: string; precision: 'year' | 'month' | 'day' }[] = [];
    for (const value of values) {
      const date = parseFtmDate(value);
      if ('error' in date) problems.push({ field: `properties.${key}`, message: date.error });
      else parsed.push(date);
    }
    dates.set(key, parsed);
  }
  const pick = (keys: string[]) => {
    for (const key of keys) {
      const value = dates.get(key)?.[0];
      if (value) return { key, ...value };
    }
    return undefined;
  };
  const start = pick(['date', ...schema.temporalStart]);
  const end = pick(['endDate', ...schema.temporalEnd]);
  let date: Record<string, unknown> | undefined;
  if (start) {
    date = { on: start.on, inferred: false };
    const notes: string[] = [];
    if (start.key !== 'date') notes.push(`FtM ${start.key}`);
    if (end) {
      date.until = atPrecision(end.on, end.precision, start.precision);
      if (end.precision !== start.precision) notes.push(`FtM ${end.key} ${end.on} written with ${start.precision} precision`);
    }
    if (notes.length) date.note = notes.join('; ');
  }

  const properties: Record<string, unknown> = {};
  const declared = plan.properties(schema.name);
  for (const [key, values] of Object.entries(p)) {
    const decl = declared.get(key);
    if (!decl || !values.length) continue;
    if (decl.type === 'date') {
      const value = dates.get(key)?.[0];
      if (value) properties[key] = firstDay(value.on);
    } else properties[key] = values;
  }

  const edge = plan.edge(schema.name);
  if (edge) {
    const ends = [edge.source, edge.target].map((prop) => {
      const values = p[prop.name] ?? [];
      if (values.length !== 1) problems.push({ field: `properties.${prop.name}`, message: values.length ? `names ${values.length} entities; an FtM ${schema.name} joins one ${edge.source.name} to one ${edge.target.name}` : `is required: an FtM ${schema.name} joins a ${edge.source.name} to a ${edge.target.name}` });
      const target = values[0] === undefined ? undefined : fromFtmId(values[0]);
      if (target !== undefined && typeof target !== 'string') problems.push({ field: `properties.${prop.name}`, message: target.error });
      return typeof target === 'string' ? target : values[0];
    });
    const raw: Record<string, unknown> = { id: ourId, type: edge.type, from: ends[0], to: ends[1], evidence };
    if (Object.keys(properties).length) raw.properties = properties;
    if (date) raw.date = date;
    out.push({ kind: 'relation', raw, at, problems });
    return out;
  }

  const label = plan.label(schema.name);
  const names = [...(p.name ?? [])];
  let name: string | undefined;
  for (const key of schema.caption) {
    const value = p[key]?.[0];
    if (value) {
      name = value;
      break;
    }
  }
  name ??= names[0] ?? `${schema.label} ${entity.id}`;
  const seen = new Set([name.toLowerCase()]);
  const aliases: string[] = [];
  for (const alias of [...names, ...(p.alias ?? [])]) {
    if (seen.has(alias.toLowerCase())) continue;
    seen.add(alias.toLowerCase());
    aliases.push(alias);
  }
  const raw: Record<string, unknown> = { id: ourId, type: label ?? schema.name, name, evidence };
  if (aliases.length) raw.aliases = aliases;
  if (Object.keys(properties).length) raw.properties = properties;
  if (date) raw.date = date;
  out.push({ kind: 'entity', raw, at, problems });

  // Entity-typed properties (Sanction.entity, Event.involved, Payment.payer...): relationships from this node.
  for (const [key, values] of Object.entries(p)) {
    const reference = plan.reference(schema.name, key);
    if (!reference) continue;
    values.forEach((value, i) => {
      const target = fromFtmId(value);
      const relationProblems: RawItem['problems'] = typeof target === 'string' ? [] : [{ field: `properties.${key}`, message: target.error }];
      out.push({
        kind: 'relation',
        raw: { id: `${ourId}/${key.toLowerCase()}-${i + 1}`, type: reference.type, from: ourId, to: typeof target === 'string' ? target : value, evidence },
        at,
        problems: relationProblems,
      });
    });
  }
  return out;
}
