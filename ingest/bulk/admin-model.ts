// neo4j-admin folders: the labels, types, typed properties and captions the files use beyond the stored model,
// worked out from one read of the rows, and the lines the CLI prints about them.
import path from 'node:path';
import { DatasetError, type DatasetIssue } from '../errors.ts';
import { chooseCaption, ENTITY_LABEL, extendModel, ModelError, personNameParts, SOURCE_LABEL, STORED, type Model, type ModelExtension, type PropertyType, type SampledProperty } from '../../model/index.ts';
import { colourFor } from '../../model/looks.ts';
import { modelIssues } from '../dataset/validate.ts';
import { BulkFileError, describeFile, readItems, type CsvLayout, type ReadOptions } from './format.ts';
import { integerIds } from './header.ts';
import type { ImportOptions } from './importer.ts';
import type { AdminFolder } from './admin-folder.ts';
import { datasetId, labelName, typeName } from './admin-names.ts';
import { columnOf, idTypeOf, storedName, type NameRule } from './admin-rows.ts';

export interface AdminOptions extends Omit<ImportOptions, 'model' | 'extensions' | 'headers' | 'transform'> {
  /** neo4j-admin's --id-type: string (default) or integer (ids are whole numbers; `007` and `7` are one id). */
  idType?: 'string' | 'integer';
  /** Where the folder comes from: the source of the document-level evidence of every row without evidence columns. */
  evidenceSource?: string;
  /** Who published the folder (default: "not stated"). */
  publisher?: string;
}

/** What the importer worked out from the files; `lines` is what the CLI prints. */
export interface Inference {
  folder: string;
  /** Files read, and the header file each header-less part uses. */
  files: { file: string; header?: string }[];
  modelFile?: string;
  /** The source record every row's document-level evidence points at, if the folder was given one. */
  source?: string;
  labels: InferredLabel[];
  relations: InferredRelation[];
  /** Labels and types the files use that a model already declares (checked against that declaration). */
  declared: { name: string; declaredIn: string }[];
  /** What is stored as the folder's model extension (inferred labels and types only). */
  extension: ModelExtension;
}

export interface InferredLabel {
  label: string;
  /** As written in the files, when it had to change to fit the model's naming (PascalCase). */
  writtenAs?: string;
  caption: string;
  /**
   * The column(s) the stored name comes from (as properties): one, `:ID` when no column holds text, or a person's
   * two name parts joined (`firstName`, `lastName`; `name` and `surname`), and then the caption is `name`.
   */
  captionColumns: string[];
  /** Where a `name` column that is one of two name parts is kept, the stored name joining both. */
  keepNameAs?: string;
  properties: Record<string, PropertyType>;
  renamed: Record<string, string>;
  notes: string[];
  rows: number;
}

export interface InferredRelation {
  type: string;
  writtenAs?: string;
  from: string[];
  to: string[];
  properties: Record<string, PropertyType>;
  renamed: Record<string, string>;
  notes: string[];
  rows: number;
}

// ---- inferring the model ------------------------------------------------------------------------------

/**
 * Inferred labels take the colour the one rule for undeclared names gives by name (model/looks.ts colourFor),
 * the colour the page gives such a label when the schema does not list it; inferred types are grey.
 */
const EDGE_COLOR = '#9aa0a6';

/** Columns the storage contract reads itself (names, dates, evidence): never declared as properties. */
const CONTRACT = new Set<string>([STORED.id, STORED.name, STORED.aliases, STORED.aliasLanguages, STORED.date, STORED.endDate, STORED.datePrecision, STORED.dateInferred, STORED.dateSource, STORED.dateNote, STORED.evidenceSources, STORED.evidenceQuotes, STORED.evidenceStarts, STORED.evidenceEnds, STORED.searchText, STORED.importRun]);

interface Seen {
  rows: number;
  writtenAs: Set<string>;
  /** Renamed property -> its type, the column as written, and how many rows hold a value. */
  columns: Map<string, { type: PropertyType; column: string; seen: number; notes: string[]; isId: boolean; values: string[] }>;
  hasName: boolean;
  /** Some values of the `name` column and of each text column, for the caption rule. */
  nameValues: string[];
  from: Set<string>;
  to: Set<string>;
}

const newSeen = (): Seen => ({ rows: 0, writtenAs: new Set(), columns: new Map(), hasName: false, nameValues: [], from: new Set(), to: new Set() });

/** Keeps the first few distinct text values of a column: what the caption rule reads. */
const SAMPLE = 20;
function sample(into: string[], value: unknown): void {
  if (into.length < SAMPLE && typeof value === 'string' && value.trim() && !into.includes(value)) into.push(value);
}

function modelType(column: CsvLayout['columns'][number]): { type: PropertyType; note?: string } {
  if (column.array) return column.type === 'string' ? { type: 'string[]' } : { type: 'string[]', note: `${column.type}[] kept as a list of text (the model's lists hold text)` };
  if (column.written) return { type: 'string', note: `${column.written} kept as text` };
  if (column.type === 'int' || column.type === 'float') return { type: 'number' };
  if (column.type === 'boolean' || column.type === 'date') return { type: column.type };
  return { type: 'string' };
}

/**
 * The caption by the rule for undeclared labels (model/captions.ts): a person's two name parts joined into the stored
 * name (where the file's `name` is one of them, or there is none), else `name`, `title`, or the text column most often
 * filled. The :ID column is never it, as 'id' is not for a foreign database.
 */
function captionOf(seen: Seen): { caption: string } & NameRule {
  const text: SampledProperty[] = [...seen.columns].filter(([, c]) => c.type === 'string' && !c.isId).map(([key, c]) => ({ key, type: 'string', seen: c.seen, values: c.values }));
  const all = seen.hasName ? [{ key: STORED.name, type: 'string', seen: seen.rows, values: seen.nameValues }, ...text] : text;
  const person = personNameParts(all);
  if (person && (!seen.hasName || person.includes(STORED.name))) {
    const keep = person[0] === STORED.name ? 'givenName' : person[1] === STORED.name ? 'familyName' : undefined;
    return { caption: STORED.name, columns: person, ...(keep && !seen.columns.has(keep) ? { keepNameAs: keep } : {}) };
  }
  const caption = chooseCaption(all);
  return caption ? { caption, columns: [caption] } : { caption: 'name', columns: [':ID'] };
}

function renames(seen: Seen): Record<string, string> {
  return Object.fromEntries([...seen.columns].filter(([name, c]) => name !== c.column).map(([name, c]) => [c.column, name]));
}

/**
 * Reads the folder once and works out what it needs beyond `base`: each label the nodes carry and
 * each type the relationships have, with the typed columns that hold values for them, the caption,
 * and the labels at each end of each type. Labels and types `base` declares are checked against it.
 */
export async function inferModel(folder: AdminFolder, base: Model, options: AdminOptions & { modelFile?: string }): Promise<{ inference: Inference; model: Model; integerSpaces: Set<string> }> {
  const idType = options.idType ?? 'string';
  const integerSpaces = new Set<string>();
  const labels = new Map<string, Seen>();
  const types = new Map<string, Seen>();
  const labelOfId = new Map<string, string>();
  const read: ReadOptions = { delimiter: options.delimiter, arrayDelimiter: options.arrayDelimiter, headers: folder.headers, headerRules: 'neo4j-admin' };
  const layouts = new Map<string, CsvLayout>();
  const issues: DatasetIssue[] = [];
  for (const file of folder.files) {
    try {
      const layout = await describeFile(file, read);
      if (layout !== 'ndjson') layouts.set(file, layout);
    } catch (error) {
      if (error instanceof BulkFileError) for (const message of error.problems) issues.push({ file, path: 'header', message });
      else issues.push({ file, path: 'header', message: error instanceof Error ? error.message.replace(`${file}: `, '') : String(error) });
    }
  }
  if (issues.length) throw new DatasetError(issues);
  const byKind = (kind: CsvLayout['kind']) => folder.files.filter((f) => layouts.get(f)?.kind === kind);
  for (const file of byKind('nodes')) for (const c of layouts.get(file)!.columns) if (c.role === 'id' && integerIds(c)) integerSpaces.add(c.group ?? '');
  const rewrite = { idType, integerSpaces };

  /** The key a column's value has in a row's properties, if it lands there (the storage contract's columns do not). */
  const keyOf = (layout: CsvLayout, column: CsvLayout['columns'][number]): string | undefined => {
    if (column.role === 'id') return column.name && column.name !== STORED.id && column.name !== STORED.name ? column.name : undefined;
    if (column.role !== 'property') return undefined;
    // An `id` column of a nodes file beside its :ID is a property (stored as idValue); elsewhere the contract's columns keep their meaning.
    return CONTRACT.has(column.name) && !(layout.kind === 'nodes' && column.name === STORED.id) ? undefined : column.name;
  };

  const note = (seen: Seen, layout: CsvLayout, values: Record<string, unknown>) => {
    for (const column of layout.columns) {
      const key = keyOf(layout, column);
      if (key === undefined) continue;
      const name = storedName(key);
      const { type, note: why } = column.role === 'id' ? { type: 'string' as PropertyType, note: undefined } : modelType(column);
      const value = values[key];
      const present = value !== undefined;
      const known = seen.columns.get(name);
      if (!known) {
        if (present) seen.columns.set(name, { type, column: key, seen: 1, notes: why ? [`${key}: ${why}`] : [], isId: column.role === 'id', values: typeof value === 'string' ? [value] : [] });
      } else {
        if (present) known.seen++;
        if (type === 'string') sample(known.values, value);
        if (present && known.type !== type) issues.push({ file: '', path: 'header', message: `column '${key}' is ${type} in one file and ${known.type} in another for the same label or type` });
      }
    }
  };

  /** Counts one row under its (renamed) label or type, with the columns it fills. */
  const tally = (into: Map<string, Seen>, name: string, writtenAs: string, layout: CsvLayout, properties: unknown): Seen => {
    const seen = into.get(name) ?? newSeen();
    into.set(name, seen);
    seen.rows++;
    seen.writtenAs.add(writtenAs);
    note(seen, layout, (properties as Record<string, unknown>) ?? {});
    return seen;
  };
  /** Every row of the files of one kind, with its file's layout. */
  async function* rowsOf(kind: 'nodes' | 'relationships') {
    for (const file of byKind(kind)) {
      const layout = layouts.get(file)!;
      for await (const batch of readItems(file, read)) for (const item of batch) yield { item, layout };
    }
  }
  for await (const { item, layout } of rowsOf('nodes')) {
    if (item.kind !== 'entity' || typeof item.raw.type !== 'string') continue;
    const label = labelName(item.raw.type);
    const seen = tally(labels, label, item.raw.type, layout, item.raw.properties);
    if (item.raw.name !== undefined) seen.hasName = true;
    sample(seen.nameValues, item.raw.name);
    const idColumn = columnOf(layout, 'id');
    const composite = layout.columns.filter((c) => c.role === 'id').length > 1;
    const id = idColumn && typeof item.raw.id === 'string' ? datasetId(item.raw.id, idColumn.group, idTypeOf(idColumn, rewrite, composite).idType).id : undefined;
    if (id) labelOfId.set(id, label);
  }
  for await (const { item, layout } of rowsOf('relationships')) {
    if (item.kind !== 'relation' || typeof item.raw.type !== 'string') continue;
    const type = typeName(item.raw.type);
    const seen = tally(types, type, item.raw.type, layout, item.raw.properties);
    const end = (value: unknown, role: 'start' | 'end') => {
      const column = columnOf(layout, role);
      return typeof value === 'string' ? labelOfId.get(datasetId(value, column?.group, idTypeOf(column, rewrite).idType).id ?? '') : undefined;
    };
    const from = end(item.raw.from, 'start');
    const to = end(item.raw.to, 'end');
    if (from) seen.from.add(from);
    if (to) seen.to.add(to);
  }
  if (issues.length) throw new DatasetError(issues);

  const declared: Inference['declared'] = [];
  const inferredLabels: InferredLabel[] = [];
  const extension: ModelExtension = { labels: {}, relations: {} };
  const description = `Inferred from the neo4j-admin CSV headers of ${path.basename(folder.dir)}.`;
  for (const [label, seen] of [...labels].sort(([a], [b]) => a.localeCompare(b))) {
    if (label === SOURCE_LABEL || label === ENTITY_LABEL) continue;
    const existing = base.label(label);
    if (existing) {
      declared.push({ name: label, declaredIn: existing.declaredIn });
      continue;
    }
    const { caption, columns, keepNameAs } = captionOf(seen);
    const declaredProperties = Object.fromEntries([...seen.columns].map(([name, c]) => [name, { type: c.type, description: `Column '${c.column}'.` }]));
    if (keepNameAs) declaredProperties[keepNameAs] = { type: 'string', description: `Column 'name', one part of the name, which joins ${columns.join(' and ')}.` };
    const properties = Object.fromEntries(Object.entries(declaredProperties).map(([name, d]) => [name, d.type]));
    const written = [...seen.writtenAs].find((w) => w !== label);
    const renamed = { ...renames(seen), ...(keepNameAs ? { [STORED.name]: keepNameAs } : {}) };
    inferredLabels.push({ label, ...(written ? { writtenAs: written } : {}), caption, captionColumns: columns, ...(keepNameAs ? { keepNameAs } : {}), properties, renamed, notes: [...seen.columns.values()].flatMap((c) => c.notes), rows: seen.rows });
    extension.labels[label] = {
      description,
      caption,
      color: colourFor(label),
      shape: 'ellipse',
      evidence: 'document',
      properties: declaredProperties,
    };
  }
  const allLabels = [...labels.keys()].filter((l) => l !== SOURCE_LABEL && l !== ENTITY_LABEL).sort();
  const inferredRelations: InferredRelation[] = [];
  for (const [type, seen] of [...types].sort(([a], [b]) => a.localeCompare(b))) {
    const existing = base.relation(type);
    if (existing) {
      declared.push({ name: type, declaredIn: existing.declaredIn });
      continue;
    }
    // Ends not found among the folder's nodes (in the database, or missing) leave every label possible; the rules report missing ends.
    const from = seen.from.size ? [...seen.from].sort() : allLabels;
    const to = seen.to.size ? [...seen.to].sort() : allLabels;
    const properties = Object.fromEntries([...seen.columns].map(([name, c]) => [name, c.type]));
    const written = [...seen.writtenAs].find((w) => w !== type);
    inferredRelations.push({ type, ...(written ? { writtenAs: written } : {}), from, to, properties, renamed: renames(seen), notes: [...seen.columns.values()].flatMap((c) => c.notes), rows: seen.rows });
    extension.relations[type] = {
      description,
      from,
      to,
      color: EDGE_COLOR,
      evidence: 'document',
      properties: Object.fromEntries([...seen.columns].map(([name, c]) => [name, { type: c.type, description: `Column '${c.column}'.` }])),
    };
  }
  let model: Model;
  try {
    model = extendModel(base, { ...extension, evidence: 'document' }, { file: `${path.basename(folder.dir)} (inferred from its CSV headers)` });
  } catch (error) {
    if (error instanceof ModelError) throw new DatasetError(modelIssues(error));
    throw error;
  }
  const files = folder.files.map((file) => ({ file, ...(folder.headerOf.has(file) ? { header: folder.headerOf.get(file)! } : {}) }));
  const inference: Inference = {
    folder: folder.dir,
    files,
    ...(options.modelFile ? { modelFile: options.modelFile } : {}),
    labels: inferredLabels,
    relations: inferredRelations,
    declared,
    extension,
  };
  return { inference, model, integerSpaces };
}

/** What the CLI prints: one line per file group, inferred label and type, and what was declared already. */
export function describeInference(inference: Inference): string[] {
  const lines: string[] = [`neo4j-admin folder ${inference.folder}: ${inference.files.length} data file(s)`];
  for (const f of inference.files) if (f.header) lines.push(`  ${path.basename(f.file)}: header from ${path.basename(f.header)}`);
  if (inference.modelFile) lines.push(`  declared by ${inference.modelFile}`);
  const props = (p: Record<string, string>) => Object.entries(p).map(([k, t]) => `${k}:${t}`).join(', ') || 'none';
  for (const l of inference.labels) {
    const written = (property: string) => (property === STORED.name ? STORED.name : (Object.entries(l.renamed).find(([, name]) => name === property)?.[0] ?? property));
    const [first, second] = l.captionColumns;
    const from = first === ':ID' ? 'the :ID column (no text column)' : second ? `columns ${written(first!)} and ${written(second)} joined` : `column ${written(first!)}`;
    lines.push(`  inferred label ${l.label}${l.writtenAs ? ` (written ${l.writtenAs})` : ''}: ${l.rows} row(s), caption ${l.caption} (name from ${from}), properties ${props(l.properties)}`);
    for (const [column, name] of Object.entries(l.renamed)) lines.push(`    column ${column} -> property ${name}`);
    for (const n of l.notes) lines.push(`    ${n}`);
  }
  for (const r of inference.relations) {
    lines.push(`  inferred type ${r.type}${r.writtenAs ? ` (written ${r.writtenAs})` : ''}: ${r.rows} row(s), (${r.from.join('|')})->(${r.to.join('|')}), properties ${props(r.properties)}`);
    for (const [column, name] of Object.entries(r.renamed)) lines.push(`    column ${column} -> property ${name}`);
    for (const n of r.notes) lines.push(`    ${n}`);
  }
  for (const d of inference.declared) lines.push(`  ${d.name}: already declared (${d.declaredIn})`);
  if (inference.source) lines.push(`  evidence: every row without evidence columns cites ${inference.source} (the folder as a whole, document level)`);
  return lines;
}
