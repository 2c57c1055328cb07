// The loaded model: labels and relationship types from a model file, extended by datasets, checked
// as a whole (captions, ends, reserved names, conflicts) with errors that name the file and place.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  ModelExtensionSchema,
  ModelFileSchema,
  type LabelDeclInput,
  type ModelExtension,
  type PropertyDeclInput,
  type PropertyType,
  type RelationDeclInput,
} from './model-file.ts';
import { InvalidError } from './errors.ts';
import { RESERVED_PROPERTIES, type EvidenceLevel } from './storage.ts';

export type PropertyDecl = PropertyDeclInput;

export interface LabelDecl extends Omit<LabelDeclInput, 'evidence'> {
  label: string;
  evidence: EvidenceLevel;
  /** Where it is declared, e.g. `model/civic-space.yaml: labels.Person` (named in conflicts). */
  declaredIn: string;
}

export interface RelationDecl extends Omit<RelationDeclInput, 'evidence'> {
  type: string;
  evidence: EvidenceLevel;
  declaredIn: string;
}

export interface Model {
  id: string;
  title: string;
  description?: string;
  labels: readonly LabelDecl[];
  relations: readonly RelationDecl[];
  label(name: string): LabelDecl | undefined;
  relation(type: string): RelationDecl | undefined;
  /** Property names that hold another entity's id, across every label and type. */
  referenceProperties: ReadonlySet<string>;
}

/** One problem in a model or a model extension, with the file and the place in it. */
export interface ModelIssue {
  file: string;
  path: string;
  message: string;
}

/** A model or an extension that cannot be used; `issues` lists every problem at once. */
export class ModelError extends InvalidError {
  constructor(readonly issues: readonly ModelIssue[]) {
    super(issues.map((i) => `${i.file}${i.path ? `: ${i.path}` : ''}: ${i.message}`).join('\n'), 'invalid_model');
  }
}

export const MODEL_DIR = import.meta.dirname;
export const CIVIC_SPACE_MODEL = path.join(MODEL_DIR, 'civic-space.yaml');

function pathText(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : (i ? '.' : '') + String(s))).join('');
}

function zodIssues(file: string, prefix: string, error: z.ZodError): ModelIssue[] {
  return error.issues.map((issue) => ({ file, path: [prefix, pathText(issue.path)].filter(Boolean).join('.'), message: issue.message }));
}

function readYaml(file: string, text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length) throw new ModelError(document.errors.map((e) => ({ file, path: '', message: `cannot be read as YAML: ${e.message.split('\n')[0]}` })));
  return document.toJS({ maxAliasCount: 1000 });
}

function build(id: string, title: string, description: string | undefined, labels: LabelDecl[], relations: RelationDecl[]): Model {
  const byLabel = new Map(labels.map((l) => [l.label, l]));
  const byType = new Map(relations.map((r) => [r.type, r]));
  const referenceProperties = new Set(
    [...labels, ...relations].flatMap((d) => Object.entries(d.properties).filter(([, p]) => p.references === 'entity').map(([k]) => k)),
  );
  return {
    id,
    title,
    ...(description ? { description } : {}),
    labels,
    relations,
    label: (name) => byLabel.get(name),
    relation: (type) => byType.get(type),
    referenceProperties,
  };
}

const EMPTY = build('empty', 'Empty model', undefined, [], []);

function sameDeclaration(a: LabelDecl | RelationDecl, b: LabelDecl | RelationDecl): boolean {
  const strip = ({ declaredIn: _, ...rest }: LabelDecl | RelationDecl) => JSON.stringify(rest, Object.keys(rest).sort());
  return strip(a) === strip(b) && JSON.stringify(a.properties) === JSON.stringify(b.properties);
}

/**
 * The base model with an extension's labels and types added. A label or type already declared is
 * refused unless the declaration is the same (two datasets may carry one extension); every issue
 * names both places.
 */
export function extendModel(
  base: Model,
  extension: { labels: Record<string, LabelDeclInput>; relations: Record<string, RelationDeclInput>; evidence?: EvidenceLevel },
  where: { file: string; path?: string; id?: string; title?: string; description?: string },
): Model {
  const issues: ModelIssue[] = [];
  const at = (p: string) => [where.path, p].filter(Boolean).join('.');
  const level = extension.evidence ?? 'quote';
  const labels = [...base.labels];
  for (const [label, input] of Object.entries(extension.labels)) {
    const decl: LabelDecl = { ...input, label, evidence: input.evidence ?? level, declaredIn: `${where.file}: ${at(`labels.${label}`)}` };
    const existing = base.label(label);
    if (existing) {
      if (!sameDeclaration(existing, decl)) issues.push({ file: where.file, path: at(`labels.${label}`), message: `conflicts with the label declared in ${existing.declaredIn}` });
      continue;
    }
    labels.push(decl);
  }
  const relations = [...base.relations];
  for (const [type, input] of Object.entries(extension.relations)) {
    const decl: RelationDecl = { ...input, type, evidence: input.evidence ?? level, declaredIn: `${where.file}: ${at(`relations.${type}`)}` };
    const existing = base.relation(type);
    if (existing) {
      if (!sameDeclaration(existing, decl)) issues.push({ file: where.file, path: at(`relations.${type}`), message: `conflicts with the relationship type declared in ${existing.declaredIn}` });
      continue;
    }
    relations.push(decl);
  }
  const model = build(where.id ?? base.id, where.title ?? base.title, where.description ?? base.description, labels, relations);
  issues.push(...checkModel(model, where.file, at('')));
  if (issues.length) throw new ModelError(issues);
  return model;
}

/** Whole-model rules: captions are properties, ends are declared labels, reserved names stay reserved. */
function checkModel(model: Model, file: string, prefix: string): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const at = (p: string) => [prefix, p].filter(Boolean).join('.');
  const mine = (d: LabelDecl | RelationDecl) => d.declaredIn.startsWith(`${file}: `);
  for (const l of model.labels.filter(mine)) {
    if (l.caption !== 'name' && !(l.caption in l.properties)) {
      issues.push({ file, path: at(`labels.${l.label}.caption`), message: `names '${l.caption}', which is neither 'name' nor a declared property of ${l.label}` });
    }
    for (const key of Object.keys(l.properties)) {
      if (RESERVED_PROPERTIES.has(key)) issues.push({ file, path: at(`labels.${l.label}.properties.${key}`), message: `'${key}' is reserved by the storage contract (names, dates, evidence)` });
    }
  }
  for (const r of model.relations.filter(mine)) {
    for (const end of ['from', 'to'] as const) {
      r[end].forEach((label, i) => {
        if (!model.label(label)) issues.push({ file, path: at(`relations.${r.type}.${end}[${i}]`), message: `names the label '${label}', which the model does not declare (declared: ${model.labels.map((l) => l.label).join(', ')})` });
      });
    }
    for (const key of Object.keys(r.properties)) {
      if (RESERVED_PROPERTIES.has(key)) issues.push({ file, path: at(`relations.${r.type}.properties.${key}`), message: `'${key}' is reserved by the storage contract (names, dates, evidence)` });
    }
  }
  return issues;
}

/** A model id in model/ (`civic-space`) or a path relative to the file that names it. */
export function resolveModelReference(reference: string, fromFile: string): string {
  if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(reference)) return path.join(MODEL_DIR, `${reference}.yaml`);
  return path.resolve(path.dirname(fromFile), reference);
}

const cache = new Map<string, Model>();

/** Reads, checks and builds a model file (and what it extends). Throws ModelError. */
export function loadModelFile(file: string, seen: readonly string[] = []): Model {
  const absolute = path.resolve(file);
  const cached = cache.get(absolute);
  if (cached) return cached;
  if (seen.includes(absolute)) throw new ModelError([{ file: absolute, path: 'extends', message: `extends itself through ${seen.join(' -> ')}` }]);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ModelError([{ file: absolute, path: '', message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  const shown = path.relative(process.cwd(), absolute) || absolute;
  const parsed = ModelFileSchema.safeParse(readYaml(shown, text));
  if (!parsed.success) throw new ModelError(zodIssues(shown, '', parsed.error));
  const decl = parsed.data;
  const base = decl.extends ? loadModelFile(resolveModelReference(decl.extends, absolute), [...seen, absolute]) : EMPTY;
  const model = extendModel(base, decl, { file: shown, id: decl.id, title: decl.title, description: decl.description });
  cache.set(absolute, model);
  return model;
}

/** Checks the `model:` block of a dataset file. Throws ModelError naming the dataset file. */
export function parseModelExtension(raw: unknown, file: string): ModelExtension {
  const parsed = ModelExtensionSchema.safeParse(raw);
  if (!parsed.success) throw new ModelError(zodIssues(file, 'model', parsed.error));
  return parsed.data;
}

/** The model a dataset file uses: what its `model:` block extends (civic-space by default) plus its own declarations. */
export function datasetModel(extension: ModelExtension | undefined, file: string, base?: Model): Model {
  const root = base ?? loadModelFile(extension?.extends ? resolveModelReference(extension.extends, file) : CIVIC_SPACE_MODEL);
  if (!extension || (!Object.keys(extension.labels).length && !Object.keys(extension.relations).length)) return root;
  return extendModel(root, extension, { file, path: 'model' });
}

/** The default model: civic space. */
export function civicSpaceModel(): Model {
  return loadModelFile(CIVIC_SPACE_MODEL);
}

/** Which declared properties of a label or type are dates (stored as Neo4j DATE values). */
export function declaredDateProperties(decl: { properties: Record<string, PropertyDecl> } | undefined): string[] {
  return Object.entries(decl?.properties ?? {})
    .filter(([, p]) => p.type === ('date' satisfies PropertyType))
    .map(([key]) => key);
}
