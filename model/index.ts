// The model's public surface: the declaration as data and its loader, the storage contract, the dataset file's shape, dates, the derived Cypher schema, the error family, the looks of what nobody declared.
// The error family, whole.
export * from './errors.ts';
export {
  CIVIC_SPACE_MODEL,
  civicSpaceModel,
  datasetModel,
  declaredDateProperties,
  extendModel,
  loadModelFile,
  ModelError,
  parseModelExtension,
  resolveModelReference,
  type LabelDecl,
  type Model,
  type ModelIssue,
  type PropertyDecl,
  type RelationDecl,
} from './model.ts';
export type { ModelExtension, PropertyType } from './model-file.ts';
export {
  COMPUTED_PROPERTIES,
  DATASET_LABEL,
  DATE_PROPERTIES,
  ENTITY_LABEL,
  evidenceLevel,
  fold,
  IMPORT_JOURNAL_LABEL,
  IMPORT_RUN_LABEL,
  MODEL_EXTENSION_LABEL,
  RECORD_LABELS,
  RESERVED_PROPERTIES,
  SEARCH_INDEX_NAME,
  searchText,
  SOURCE_LABEL,
  STORED,
  type EvidenceLevel,
} from './storage.ts';
export { chooseCaption, chooseCaptionProperties, nameProperties, personNameParts, propertyType, textKind, type SampledProperty, type TextKind } from './captions.ts';
export { assignLooks, colourAt, colourFor, NODE_SHAPES, PALETTE, relationshipColors, shapeFor, type Look } from './looks.ts';
export { renderSchema, schemaStatements, type SchemaStatement } from './cypher-schema.ts';
export {
  AliasInputSchema,
  DatasetMetadataSchema,
  DatasetTopSchema,
  DateInputSchema,
  EntityInputSchema,
  EvidenceInputSchema,
  ID_PATTERN,
  LANGUAGE_PATTERN,
  PARTIAL_DATE_PATTERN,
  PRECISIONS,
  RelationInputSchema,
  SourceInputSchema,
  type AliasInput,
  type DatasetMetadata,
  type DateInput,
  type DatePrecision,
  type EntityInput,
  type EvidenceInput,
  type PropertyValue,
  type RelationInput,
  type SourceInput,
} from './dataset-file.ts';
