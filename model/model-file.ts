// The model file's shape (YAML): zod validators for a model declaration and for the extension a dataset may add.
import { z } from 'zod';
import { NODE_SHAPES } from './looks.ts';

export const PROPERTY_TYPES = ['string', 'string[]', 'number', 'boolean', 'date'] as const;
export const EVIDENCE_LEVELS = ['quote', 'document'] as const;

export const LABEL_PATTERN = /^[A-Z][A-Za-z0-9]*$/;
export const TYPE_PATTERN = /^[A-Z][A-Z0-9_]*$/;
export const PROPERTY_PATTERN = /^[a-z][A-Za-z0-9]*$/;

const text = z.string().trim().min(1, 'must not be empty');
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');
const labelName = z.string().regex(LABEL_PATTERN, 'must be a label name in PascalCase, e.g. Company');

export const PropertyDeclSchema = z.strictObject({
  type: z.enum(PROPERTY_TYPES, { error: `must be one of ${PROPERTY_TYPES.join(', ')}` }),
  required: z.boolean().optional(),
  description: text,
  /** The value names another entity by its dataset id (the loader checks that it exists). */
  references: z.literal('entity').optional(),
});

const properties = z.record(z.string().regex(PROPERTY_PATTERN, 'must be a property name in camelCase, e.g. registeredOn'), PropertyDeclSchema).default({});
const evidence = z.enum(EVIDENCE_LEVELS, { error: 'must be quote (a verbatim passage) or document (the source as a whole)' });

export const LabelDeclSchema = z.strictObject({
  description: text,
  /** The property shown as the node's caption ('name' unless said otherwise). */
  caption: z.string().regex(PROPERTY_PATTERN).default('name'),
  color,
  shape: z.enum(NODE_SHAPES, { error: `must be a Cytoscape shape: ${NODE_SHAPES.join(', ')}` }),
  properties,
  /** The least evidence each node of this label needs; the model's level unless said. */
  evidence: evidence.optional(),
});

export const RelationDeclSchema = z.strictObject({
  description: text,
  from: z.array(labelName).min(1, 'needs at least one label'),
  to: z.array(labelName).min(1, 'needs at least one label'),
  color,
  properties,
  evidence: evidence.optional(),
});

const labels = z.record(z.string().regex(LABEL_PATTERN, 'must be a label name in PascalCase, e.g. Company'), LabelDeclSchema).default({});
const relations = z.record(z.string().regex(TYPE_PATTERN, 'must be a relationship type in UPPER_SNAKE_CASE, e.g. OWNS'), RelationDeclSchema).default({});

export const ModelFileSchema = z.strictObject({
  format: z.literal('civic-graph-model/1').optional(),
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug such as civic-space'),
  title: text,
  description: text.optional(),
  /** Another model this one builds on: a model id in model/ (e.g. civic-space) or a path relative to this file. */
  extends: text.optional(),
  evidence: evidence.default('quote'),
  labels,
  relations,
});

/** What a dataset file may say under `model:`: the model it uses, and labels and types of its own. */
export const ModelExtensionSchema = z.strictObject({
  extends: text.optional(),
  labels,
  relations,
});

export type PropertyType = (typeof PROPERTY_TYPES)[number];
export type PropertyDeclInput = z.infer<typeof PropertyDeclSchema>;
export type LabelDeclInput = z.infer<typeof LabelDeclSchema>;
export type RelationDeclInput = z.infer<typeof RelationDeclSchema>;
export type ModelFile = z.infer<typeof ModelFileSchema>;
export type ModelExtension = z.infer<typeof ModelExtensionSchema>;
