// FtM out: our nodes, relationships, evidence and sources as FollowTheMoney entities (NDJSON), by the declared
// mapping (model/ftm-mapping.yaml) with a generic fallback; evidence becomes Document entities and `proof`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Schema } from '@opensanctions/followthemoney';
import { parse } from 'yaml';
import { z } from 'zod';
import { STORED } from '../../model/index.ts';
import { toFtmDate, toFtmId } from './convert.ts';
import { ftm, ftmModelFor, type FtmModel } from './model.ts';
import { LANGUAGES } from './read.ts';

export const FTM_MAPPING_FILE = path.join(import.meta.dirname, '..', '..', 'model', 'ftm-mapping.yaml');

const MappingSchema = z.strictObject({
  labels: z.record(z.string(), z.string()),
  relations: z.record(z.string(), z.string()),
  fallback: z.strictObject({ label: z.string(), relation: z.string() }),
});
export type FtmMapping = z.infer<typeof MappingSchema>;

/** Reads the mapping and checks that every schema it names is one FtM has (edges where edges are meant). */
export function loadFtmMapping(file: string = FTM_MAPPING_FILE): FtmMapping {
  const mapping = MappingSchema.parse(parse(readFileSync(file, 'utf8')));
  const problems: string[] = [];
  const check = (where: string, name: string, edge: boolean) => {
    const schema = ftm.schemata[name];
    if (!schema || schema.abstract) problems.push(`${where}: '${name}' is not a concrete FtM schema`);
    else if (edge !== !!schema.edge) problems.push(`${where}: '${name}' is ${edge ? 'not ' : ''}an FtM edge schema`);
  };
  for (const [label, schema] of Object.entries(mapping.labels)) check(`labels.${label}`, schema, false);
  for (const [type, schema] of Object.entries(mapping.relations)) check(`relations.${type}`, schema, true);
  check('fallback.label', mapping.fallback.label, false);
  check('fallback.relation', mapping.fallback.relation, true);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return mapping;
}

export interface FtmEvidence {
  sourceId: string;
  quote?: string;
  start?: number;
  end?: number;
}

export interface FtmNodeIn {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
  evidence: FtmEvidence[];
}

export interface FtmEdgeIn {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
  evidence: FtmEvidence[];
}

export interface FtmSourceIn {
  id: string;
  title?: string;
  publisher?: string;
  url?: string;
  language?: string;
  published?: string;
  publishedPrecision?: string;
}

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

const FROM_ISO1 = Object.fromEntries(Object.entries(LANGUAGES).map(([three, one]) => [one, three]));

function strings(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.flatMap(strings);
  return [String(value)];
}

/** Properties with a place of their own in FtM, or none (names, dates and evidence are written separately). */
const WRITTEN_APART = new Set<string>([...Object.values(STORED), 'description']);

function add(props: Record<string, string[]>, schema: Schema, key: string, values: string[]): boolean {
  if (!values.length || !schema.hasProperty(key)) return false;
  props[key] = [...(props[key] ?? []), ...values];
  return true;
}

/** The quote and its offsets, for the note: FtM's proof names the document, not the passage. */
function evidenceNotes(evidence: FtmEvidence[]): string[] {
  return evidence
    .filter((e) => e.quote)
    .map((e) => `“${e.quote}” (${e.sourceId}${e.start !== undefined && e.end !== undefined ? `, characters ${e.start}–${e.end}` : ''})`);
}

/** Date and end date with their precision, where the schema has a place for them (else in the note). */
function writeDates(props: Record<string, string[]>, schema: Schema, source: Record<string, unknown>, notes: string[]): void {
  const date = source[STORED.date];
  if (typeof date !== 'string' || !date) return;
  const precision = typeof source[STORED.datePrecision] === 'string' ? (source[STORED.datePrecision] as string) : 'day';
  const on = toFtmDate(date, precision);
  const end = typeof source[STORED.endDate] === 'string' ? toFtmDate(source[STORED.endDate] as string, precision) : undefined;
  const startKey = ['date', ...schema.temporalStart].find((k) => schema.hasProperty(k));
  if (!startKey) {
    notes.push(`date: ${on}${end ? ` to ${end}` : ''}`);
    return;
  }
  add(props, schema, startKey, [on]);
  if (end && !add(props, schema, 'endDate', [end])) notes.push(`until ${end}`);
  if (source[STORED.dateInferred] === true) notes.push(`the date ${on} is inferred${typeof source[STORED.dateNote] === 'string' ? `: ${source[STORED.dateNote]}` : ''}`);
}

/** Our other properties: where FtM has one of that name, in it; otherwise `key: value` in the summary. */
function writeProperties(props: Record<string, string[]>, schema: Schema, source: Record<string, unknown>, summary: string[]): void {
  add(props, schema, 'description', strings(source.description));
  for (const [key, value] of Object.entries(source).sort(([a], [b]) => a.localeCompare(b))) {
    if (WRITTEN_APART.has(key) || key === 'searchText' || key.startsWith('evidence')) continue;
    const values = strings(value);
    if (!values.length) continue;
    const prop = schema.hasProperty(key) ? schema.getProperty(key) : undefined;
    // Free-text and string properties take our values as they are; typed ones (country codes, dates, ids) would not validate.
    if (prop && ['string', 'text', 'name'].includes(prop.type.name) && !prop.stub) add(props, schema, key, values);
    else summary.push(`${key}: ${values.join('; ')}`);
  }
}

export class FtmWriter {
  private readonly mapping: FtmMapping;
  private readonly plan: FtmModel;

  constructor(options: { mapping?: FtmMapping; plan?: FtmModel } = {}) {
    this.mapping = options.mapping ?? loadFtmMapping();
    this.plan = options.plan ?? ftmModelFor();
  }

  /** The FtM schema of a node: FtM's own for labels that came from FtM, the mapping's, or the fallback. */
  schemaOfLabels(labels: string[]): Schema {
    for (const label of labels) {
      const own = this.plan.schemaOf(label);
      if (own) return own;
      const mapped = this.mapping.labels[label];
      if (mapped) return ftm.getSchema(mapped);
    }
    return ftm.getSchema(this.mapping.fallback.label);
  }

  source(source: FtmSourceIn): FtmEntity {
    const schema = ftm.getSchema('Document');
    const props: Record<string, string[]> = {};
    add(props, schema, 'title', strings(source.title ?? source.id));
    add(props, schema, 'publisher', strings(source.publisher));
    if (source.url && /^https?:\/\//.test(source.url)) add(props, schema, 'sourceUrl', [source.url]);
    const language = source.language ? (FROM_ISO1[source.language] ?? (source.language.length === 3 ? source.language : undefined)) : undefined;
    if (language) add(props, schema, 'language', [language]);
    if (source.published) add(props, schema, 'publishedAt', [toFtmDate(source.published, source.publishedPrecision)]);
    return { id: toFtmId(source.id), schema: 'Document', properties: props };
  }

  node(node: FtmNodeIn): FtmEntity {
    const schema = this.schemaOfLabels(node.labels);
    const props: Record<string, string[]> = {};
    const p = node.properties;
    const name = strings(p[STORED.name])[0] ?? node.id;
    if (!add(props, schema, 'name', [name])) add(props, schema, schema.caption[0] ?? 'summary', [name]);
    add(props, schema, 'alias', strings(p[STORED.aliases]));
    const notes: string[] = [];
    const summary: string[] = [];
    writeDates(props, schema, p, notes);
    writeProperties(props, schema, p, summary);
    const label = node.labels.find((l) => l !== 'Entity');
    // Our label, exactly, where the schema does not say it (Authority and Institution are both PublicBody).
    if (label && !this.plan.schemaOf(label)) summary.unshift(`label: ${label}`);
    this.finish(props, schema, node.evidence, notes, summary);
    return { id: toFtmId(node.id), schema: schema.name, properties: props };
  }

  /** `ends`: the FtM schemata of the two nodes, to check that the mapped edge fits them. */
  edge(edge: FtmEdgeIn, ends: [Schema, Schema]): FtmEntity {
    const fromPlan = this.plan.model.relation(edge.type) && Object.values(ftm.schemata).find((s) => s && this.plan.edge(s.name)?.type === edge.type);
    const mapped = fromPlan ? fromPlan.name : this.mapping.relations[edge.type];
    const fits = (name: string) => {
      const s = ftm.getSchema(name);
      const source = s.getProperty(s.edge!.source);
      const target = s.getProperty(s.edge!.target);
      return ends[0].isA(source.getRange()) && ends[1].isA(target.getRange()) ? s : undefined;
    };
    const schema = (mapped && fits(mapped)) || ftm.getSchema(this.mapping.fallback.relation);
    const props: Record<string, string[]> = {};
    props[schema.edge!.source] = [toFtmId(edge.source)];
    props[schema.edge!.target] = [toFtmId(edge.target)];
    const notes: string[] = [];
    const summary: string[] = [];
    writeDates(props, schema, edge.properties, notes);
    writeProperties(props, schema, edge.properties, summary);
    if (!fromPlan) {
      // Our type, in words FtM readers see (role or relationship), and exactly in the summary.
      const words = edge.type.toLowerCase().replace(/_/g, ' ');
      if (!props.role && !add(props, schema, 'role', [words])) add(props, schema, 'relationship', [words]);
      summary.unshift(`type: ${edge.type}`);
    }
    this.finish(props, schema, edge.evidence, notes, summary);
    return { id: toFtmId(edge.id), schema: schema.name, properties: props };
  }

  private finish(props: Record<string, string[]>, schema: Schema, evidence: FtmEvidence[], notes: string[], summary: string[]): void {
    add(props, schema, 'proof', [...new Set(evidence.map((e) => toFtmId(e.sourceId)))]);
    const quoted = evidenceNotes(evidence);
    if (quoted.length) notes.unshift(...quoted);
    if (notes.length && !add(props, schema, 'notes', [notes.join('\n')])) add(props, schema, 'description', [notes.join('\n')]);
    if (summary.length) add(props, schema, 'summary', [summary.join('\n')]);
  }
}

/** One FtM entity per line. */
export function ftmLine(entity: FtmEntity): string {
  return JSON.stringify(entity) + '\n';
}
