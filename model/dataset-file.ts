// The dataset file's shape (YAML or JSON): zod validators for its metadata, sources, entities and relations.
import { z } from 'zod';

/** A dataset id: a readable lowercase slug with optional '/' segments, e.g. `org/aeem`, `rel/dissolved-aeem`. */
export const ID_PATTERN = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*(?:\/[a-z0-9]+(?:[-_.][a-z0-9]+)*)*$/;

/** A language code such as `en`, `fr`, `bm` or `fr-ML`; '' means unknown. */
export const LANGUAGE_PATTERN = /^(?:[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)?$/;

/** A calendar date of day, month or year precision: `2024-03-06`, `2024-03`, `2024`. */
export const PARTIAL_DATE_PATTERN = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

export const PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof PRECISIONS)[number];

// YAML reads an unquoted `2024` as a number; a year is still a date.
const partialDate = z.preprocess(
  (value) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value),
  z.string().regex(PARTIAL_DATE_PATTERN, 'must be a date written YYYY-MM-DD, YYYY-MM or YYYY'),
);

const id = z.string().regex(ID_PATTERN, 'must be a lowercase slug such as org/aeem (letters, digits, - _ . and / between parts)');
const text = z.string().trim().min(1, 'must not be empty');
const language = z.string().regex(LANGUAGE_PATTERN, 'must be a language code such as en or fr (or empty when unknown)');

export const DatasetMetadataSchema = z.strictObject({
  id,
  title: text,
  description: text.optional(),
  language: language.optional(),
  license: text.optional(),
  authors: z.array(text).optional(),
  updated: partialDate.optional(),
  notes: text.optional(),
  /** Generated data (benchmarks, demos): fictitious names; never loaded beside real datasets. */
  synthetic: z.boolean().optional(),
});
export type DatasetMetadata = z.infer<typeof DatasetMetadataSchema>;

export const SourceInputSchema = z.strictObject({
  id,
  title: text,
  /** Optional: a source recorded in the page may name neither (an export carries it as it was recorded). */
  publisher: text.optional(),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  published: partialDate.optional(),
  language,
  /** Path of the held full text, relative to the dataset file. */
  textFile: text.optional(),
  /** The held text's SHA-256 (hex), when known (an export writes it): the text file must have exactly this one. */
  textSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in 64 lowercase hex digits').optional(),
  /** Short excerpt(s) of a source whose text is not held; quotes citing it must come from them. */
  excerpt: z.union([text, z.array(text).min(1)]).optional(),
  notes: text.optional(),
});
export type SourceInput = z.infer<typeof SourceInputSchema>;

export const EvidenceInputSchema = z.strictObject({
  source: id,
  /** The verbatim passage; required unless the label or type settles for document-level evidence (the ingest rules check it). */
  quote: text.optional(),
  /**
   * Where the quote sits in the source's held text (end exclusive), when a passage was chosen (a fact recorded in
   * the page; an export writes them): the quote must be the text there. Without them the first occurrence counts.
   */
  start: z.int().nonnegative().optional(),
  end: z.int().nonnegative().optional(),
});
export type EvidenceInput = z.infer<typeof EvidenceInputSchema>;

export const DateInputSchema = z.strictObject({
  /** When: `2024-03-06` (day), `2024-03` (month) or `2024` (year); the form gives the precision. */
  on: partialDate,
  /** End of a span, with the same precision as `on`. */
  until: partialDate.optional(),
  /** Optional, must agree with the form of `on`. */
  precision: z.enum(PRECISIONS).optional(),
  /** true when the date (e.g. the year) was worked out rather than stated by a source. */
  inferred: z.boolean({ error: 'must be true or false (was the date worked out rather than stated?)' }),
  /** The source that states (or anchors) the date; one of the item's evidence sources. */
  source: id.optional(),
  note: text.optional(),
});
export type DateInput = z.infer<typeof DateInputSchema>;

export const AliasInputSchema = z.union([
  text,
  z.strictObject({ name: text, language: language.optional() }),
]);
export type AliasInput = z.infer<typeof AliasInputSchema>;

/** A fact recorded in the page carries its review status and revision (an export writes them); imported items carry none. */
const recordedStatus = z.enum(['accepted', 'proposed']).optional();
const recordedRevision = z.int().positive().optional();

const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type PropertyValue = z.infer<typeof propertyValue>;

/** What an entity and a relation both carry: declared properties, a date, evidence, and a recorded fact's status and revision. */
const itemFields = {
  properties: z.record(z.string(), propertyValue).optional(),
  date: DateInputSchema.optional(),
  evidence: z.array(EvidenceInputSchema).min(1, 'needs at least one piece of evidence (source and verbatim quote)'),
  status: recordedStatus,
  revision: recordedRevision,
};

export const EntityInputSchema = z.strictObject({
  id,
  type: text,
  name: text,
  aliases: z.array(AliasInputSchema).optional(),
  ...itemFields,
});
export type EntityInput = z.infer<typeof EntityInputSchema>;

export const RelationInputSchema = z.strictObject({
  id,
  type: text,
  from: id,
  to: id,
  ...itemFields,
});
export type RelationInput = z.infer<typeof RelationInputSchema>;

/** The top level; items are checked one by one afterwards so that one bad item does not hide the others' errors. */
export const DatasetTopSchema = z.strictObject({
  format: z.literal('civic-graph-dataset/1').optional(),
  metadata: z.unknown(),
  /** The model the dataset uses (civic-space unless it says) and its own labels and types (model/model-file.ts). */
  model: z.unknown().optional(),
  sources: z.array(z.unknown()).min(1, 'needs at least one source'),
  entities: z.array(z.unknown()).min(1, 'needs at least one entity'),
  relations: z.array(z.unknown()).default([]),
});
