// Validates bulk records one batch at a time with the ingest rules (ingest/rules.ts), ids kept in a compact
// index instead of memory-hungry maps, and ids not met in the files looked up in the database once per batch
// (relation ends, references, and ids another dataset already holds).
import type { Database } from '../../db/database.ts';
import { ENTITY_LABEL, SOURCE_LABEL, STORED, type Model } from '../../model/index.ts';
import type { DatasetIssue } from '../errors.ts';
import { Issues, Rules, SourceTable, type IdLookup, type Known, type ValidEntity, type ValidRelation, type ValidSource } from '../rules.ts';
import { elementsElsewhere, otherDatasetsExist, type RunCypher } from '../datasets.ts';
import type { RawItem } from './format.ts';
import { IdIndex } from './id-index.ts';

/** Tags kept per id in the index: 1 + the label's position for entities, these for the rest. */
const TAG_UNKNOWN_LABEL = 249;
const TAG_SOURCE = 250;
const TAG_RELATION = 251;

/** Ids of the files in a hash index (a tag each), entities of the database in a second one. */
class IndexedIds implements IdLookup {
  readonly files = new IdIndex();
  readonly database = new IdIndex(1024);
  /** Ids the database holds in another dataset (few: each is a problem). */
  readonly elsewhere = new Map<string, Known>();
  private readonly labels: string[];

  /** What each tag means, made once: find() runs for every relation end and answers these shared, frozen objects. */
  private readonly known: Known[] = [];

  constructor(model: Model) {
    this.labels = model.labels.map((l) => l.label).slice(0, TAG_UNKNOWN_LABEL - 1);
    for (let tag = 0; tag <= TAG_RELATION; tag++) {
      const label = tag >= 1 && tag <= this.labels.length ? this.labels[tag - 1] : undefined;
      this.known[tag] = Object.freeze(tag === TAG_SOURCE ? { kind: 'source' } : tag === TAG_RELATION ? { kind: 'relation' } : { kind: 'entity', ...(label ? { label } : {}) });
    }
  }

  tag(known: Known): number {
    if (known.kind === 'source') return TAG_SOURCE;
    if (known.kind === 'relation') return TAG_RELATION;
    const i = known.label === undefined ? -1 : this.labels.indexOf(known.label);
    return i < 0 ? TAG_UNKNOWN_LABEL : i + 1;
  }

  claim(id: string, known: Known): string | undefined {
    return this.files.add(id, this.tag(known)) ? undefined : 'earlier in the files';
  }

  find(id: string): Known | undefined {
    const tag = this.files.get(id) ?? this.database.get(id);
    return tag === undefined ? undefined : this.known[tag];
  }

  stored(id: string): Known | undefined {
    return this.elsewhere.get(id);
  }
}

export interface ValidatorOptions {
  model: Model;
  /** The dataset the items go into: an id the database holds in another dataset is refused (ingest/rules/datasets.ts). */
  dataset: string;
  /** Entities and sources already in the database may be referenced (relation ends, evidence). */
  db?: Database;
  /** Issues kept in full; further ones are only counted. */
  maxIssues?: number;
}

export type ValidItem =
  | { kind: 'source'; value: ValidSource }
  | { kind: 'entity'; value: ValidEntity }
  | { kind: 'relation'; value: ValidRelation };

/**
 * Checks items batch by batch. Ids share one namespace across all files (as in the dataset file);
 * a source must come before the evidence that cites it (earlier in the file, in an earlier file, or
 * in the database) so that evidence is checked as it streams by.
 */
export class BulkValidator {
  private readonly collected: Issues;
  private readonly ids: IndexedIds;
  private readonly sources = new SourceTable();
  private readonly rules: Rules;
  private readonly db?: Database;
  private readonly model: Model;
  private readonly dataset: string;
  private file = '';
  private dbSourcesLoaded = false;
  /** Whether the database holds another dataset: only then can an id belong to one, and are ids looked up. */
  private otherDatasets = false;

  constructor(options: ValidatorOptions) {
    this.model = options.model;
    this.db = options.db;
    this.dataset = options.dataset;
    this.collected = new Issues({ fieldInPath: false, max: options.maxIssues ?? 200 });
    this.ids = new IndexedIds(options.model);
    this.rules = new Rules({ model: options.model, ids: this.ids, sources: this.sources, issues: this.collected, dataset: options.dataset });
  }

  get issues(): DatasetIssue[] {
    return this.collected.list;
  }

  /** Issues found, including those not kept. */
  get issueCount(): number {
    return this.collected.count;
  }

  /**
   * Sources held in the database, so that bulk evidence may cite them (their text or excerpts are checked),
   * with the dataset each belongs to; and whether the database holds another dataset at all.
   */
  async loadDatabaseSources(): Promise<void> {
    if (!this.db || this.dbSourcesLoaded) return;
    this.dbSourcesLoaded = true;
    const { rows } = await this.db.read(
      `MATCH (s:${SOURCE_LABEL}) WHERE s.${STORED.id} IS NOT NULL RETURN s.id AS id, s.text AS text, s.excerpts AS excerpts, s.${STORED.dataset} AS dataset`,
    );
    for (const row of rows) {
      // Not claimed in the index: the files may declare the same source again (a rerun does), in the same dataset.
      const excerpts = Array.isArray(row.excerpts) ? row.excerpts.map(String) : [];
      this.sources.set(String(row.id), SourceTable.known(typeof row.text === 'string' ? row.text : undefined, excerpts));
      if (typeof row.dataset === 'string' && row.dataset !== this.dataset) this.ids.elsewhere.set(String(row.id), { kind: 'source', dataset: row.dataset });
    }
    this.otherDatasets = await otherDatasetsExist(this.read, this.dataset);
  }

  private readonly read: RunCypher = async (cypher, params) => (await this.db!.read(cypher, params)).rows;

  /** Starts a file: issues name it, source text files are found from its folder. */
  beginFile(file: string): void {
    this.file = file;
    this.rules.beginFile(file);
  }

  /** Validates one batch; returns the valid items in order (invalid ones are left out and reported). */
  async check(items: RawItem[]): Promise<ValidItem[]> {
    const out: ValidItem[] = [];
    // Relation ends and entity references not met in the files may be in the database: one query per batch.
    await this.lookUpInDatabase(items);
    for (const item of items) {
      const id = typeof item.raw.id === 'string' ? item.raw.id : undefined;
      for (const problem of item.problems) this.collected.add(this.file, item.at, id, problem.field, problem.message);
      const valid = this.checkOne(item);
      if (valid && item.problems.length === 0) out.push(valid);
    }
    return out;
  }

  private checkOne(item: RawItem): ValidItem | undefined {
    if (item.kind === 'source') {
      const value = this.rules.source(item.raw, item.at);
      return value && { kind: 'source', value };
    }
    if (item.kind === 'entity') {
      const value = this.rules.entity(item.raw, item.at);
      return value && { kind: 'entity', value };
    }
    const value = this.rules.relation(item.raw, item.at);
    return value && { kind: 'relation', value };
  }

  private async lookUpInDatabase(items: RawItem[]): Promise<void> {
    if (!this.db) return;
    const unknown = new Set<string>();
    const consider = (value: unknown) => {
      if (typeof value === 'string' && value && this.ids.find(value) === undefined) unknown.add(value);
    };
    for (const item of items) {
      if (item.kind === 'relation') {
        consider(item.raw.from);
        consider(item.raw.to);
      }
      const props = item.raw.properties;
      if (props && typeof props === 'object') {
        for (const [key, value] of Object.entries(props)) if (this.model.referenceProperties.has(key)) consider(value);
      }
    }
    await this.lookUpElsewhere(items);
    if (!unknown.size) return;
    const { rows } = await this.db.read(
      `UNWIND $ids AS id MATCH (n:${ENTITY_LABEL} {${STORED.id}: id}) RETURN id, [l IN labels(n) WHERE l <> '${ENTITY_LABEL}'][0] AS label`,
      { ids: [...unknown] },
    );
    // Entities found in the database join the index (their label allows the relation checks).
    for (const row of rows) this.ids.database.add(String(row.id), this.ids.tag({ kind: 'entity', label: String(row.label) }));
  }

  /**
   * The batch's entity and relation ids that the database holds in another dataset, for the rules to refuse
   * (sources are known from loadDatabaseSources). Only when another dataset exists: a database of one
   * dataset costs no query.
   */
  private async lookUpElsewhere(items: RawItem[]): Promise<void> {
    if (!this.db || !this.otherDatasets) return;
    const entities: string[] = [];
    const relations = new Map<string, string[]>();
    for (const item of items) {
      const id = item.raw.id;
      if (typeof id !== 'string' || !id) continue;
      if (item.kind === 'entity') entities.push(id);
      else if (item.kind === 'relation') {
        // Only declared types have an id index to seek (an undeclared one is refused anyway).
        const type = item.raw.type;
        if (typeof type !== 'string' || !this.model.relation(type)) continue;
        const list = relations.get(type) ?? [];
        relations.set(type, list);
        list.push(id);
      }
    }
    for (const found of await elementsElsewhere(this.read, this.dataset, { entities, relations })) {
      this.ids.elsewhere.set(found.id, { kind: found.kind, dataset: found.dataset });
    }
  }
}
