// The storage contract: how Civic Graph's own data sits in Neo4j (labels, reserved property names,
// how evidence, aliases and dates are stored). Writers, the mapping to wire shapes and the
// .cypher files all follow this one declaration.

/** Every node of a dataset carries this label beside its type label (`:Entity:Person`). */
export const ENTITY_LABEL = 'Entity';
/** Source records (reports, articles, registries) that evidence points at. */
export const SOURCE_LABEL = 'Source';
/** One node per dataset that extends the model: its extension, so the server derives the same model. */
export const MODEL_EXTENSION_LABEL = 'ModelExtension';
/** One node per loaded dataset file: its id, title and description, so the page can say what is open. */
export const DATASET_LABEL = 'Dataset';
/** The bulk importer's lock (one run at a time) and the journal of what each batch created. */
export const IMPORT_RUN_LABEL = 'ImportRun';
export const IMPORT_JOURNAL_LABEL = 'ImportJournal';
/** One node per change of a fact recorded through the API (who, when, before, after, why), append-only. */
export const REVISION_LABEL = 'Revision';

/** Labels of records about the graph, not actors in it: never drawn, counted or listed as the graph's labels. */
export const RECORD_LABELS: readonly string[] = [SOURCE_LABEL, DATASET_LABEL, MODEL_EXTENSION_LABEL, IMPORT_RUN_LABEL, IMPORT_JOURNAL_LABEL, REVISION_LABEL];

/** Property names with a fixed meaning on every entity and relationship. */
export const STORED = {
  id: 'id',
  name: 'name',
  /** Other names, in other languages and spellings; `aliasLanguages` is parallel to it. */
  aliases: 'aliases',
  aliasLanguages: 'aliasLanguages',
  /** Name and aliases joined, for the full-text index (which folds diacritics itself). */
  searchText: 'searchText',
  /** First day of the period (a Neo4j DATE), its precision, and whether it was worked out. */
  date: 'date',
  datePrecision: 'datePrecision',
  dateInferred: 'dateInferred',
  dateSource: 'dateSource',
  dateNote: 'dateNote',
  endDate: 'endDate',
  /** Evidence: four parallel lists; a quote of '' is document-level evidence (the source as a whole). */
  evidenceSources: 'evidenceSources',
  evidenceQuotes: 'evidenceQuotes',
  evidenceStarts: 'evidenceStarts',
  evidenceEnds: 'evidenceEnds',
  /** The bulk import run that wrote an element (for rollback of an interrupted run). */
  importRun: 'importRun',
  /** true on every element of a synthetic (generated) dataset. */
  synthetic: 'synthetic',
  /**
   * The id of the dataset an entity, source or relationship belongs to: the unit of access in team
   * mode. Every read filters on it inside the query (`$datasets`, null for every dataset).
   */
  dataset: 'dataset',
  /** A source's held text's SHA-256 (hex), so a quote is checked against exactly that text and a text added twice is found. */
  textSha256: 'textSha256',
  /**
   * A fact recorded through the API: its status (FACT_STATUSES; absent on imported elements, which count as
   * accepted) and its revision (1 on creation, +1 per change; absent: 1). Not `status`: FtM's own schemata use it.
   */
  factStatus: 'factStatus',
  factRevision: 'factRevision',
  /** On an actor merged into another (and retired): the id of the one kept. */
  mergedInto: 'mergedInto',
} as const;

/**
 * A fact's status: recorded and not yet checked; checked by someone other than its author (or imported);
 * turned down by a reviewer; withdrawn later with a reason. Nothing is deleted: each is kept with its history.
 */
export const FACT_STATUSES = ['proposed', 'accepted', 'rejected', 'retired'] as const;
export type FactStatus = (typeof FACT_STATUSES)[number];

/** What every read shows unless its caller asks for more (X-Show-Facts): accepted facts, and imported ones. */
export const FACT_STATUSES_SHOWN: readonly FactStatus[] = ['accepted'];

/** A declared or dataset property may not use these names. */
export const RESERVED_PROPERTIES: ReadonlySet<string> = new Set(Object.values(STORED));

/**
 * Properties the writers compute; an input file never supplies them, and exports leave them out.
 * `dataset` is not one of them although the writers set it (from the dataset file's id or the import's
 * `--dataset`): it says which dataset an element belongs to, which is what a reader of an export needs
 * to know and what access is granted by, so exports keep it. An input file still may not name it as a
 * property (it is reserved): the way in decides the dataset, never a row.
 */
export const COMPUTED_PROPERTIES: ReadonlySet<string> = new Set([STORED.searchText, STORED.evidenceStarts, STORED.evidenceEnds, STORED.importRun]);

/** Properties stored as Neo4j DATE values on every element (declared `date` properties are too). */
export const DATE_PROPERTIES: readonly string[] = [STORED.date, STORED.endDate];

/** The index search uses. */
export const SEARCH_INDEX_NAME = 'entity_search';

export type EvidenceLevel = 'quote' | 'document';

/** A source's quoted passage, or the source as a whole when no quote is held. */
export function evidenceLevel(quote: string | undefined | null): EvidenceLevel {
  return quote ? 'quote' : 'document';
}

/** The text the full-text index reads beside the name. */
export function searchText(name: string, aliases: readonly string[]): string {
  return [name, ...aliases].join(' | ');
}

/** Lower case without diacritics: 'Goïta' -> 'goita', 'Élèves' -> 'eleves'. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}
