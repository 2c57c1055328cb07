// The model a database holds: civic space extended by every dataset's own labels and types, kept
// in one (:ModelExtension) node per dataset so that the server derives the same model the loader used.
import type { Database } from '../db/database.ts';
import { civicSpaceModel, extendModel, MODEL_EXTENSION_LABEL, parseModelExtension, STORED, type Model, type ModelExtension } from '../model/index.ts';

/** The node's properties; written in the same transaction as the dataset's data. */
export interface StoredExtension {
  id: string;
  file: string;
  extension: string;
}

export function extensionRecord(datasetId: string, file: string, extension: ModelExtension): StoredExtension {
  return { id: datasetId, file, extension: JSON.stringify(extension) };
}

/** Cypher that writes one extension record ($extension: StoredExtension); idempotent. */
export const WRITE_EXTENSION = `MERGE (m:${MODEL_EXTENSION_LABEL} {${STORED.id}: $extension.id}) SET m = $extension`;

/** The last model built per base, with the records it was built from. */
const built = new WeakMap<Model, { key: string; model: Model }>();

/**
 * The base model extended by each stored extension, in id order. An extension that no longer fits
 * (the base changed under it) is reported by the ModelError extendModel throws, naming the dataset file.
 */
export async function storedModel(db: Database, base: Model = civicSpaceModel()): Promise<Model> {
  const { rows } = await db.read(`MATCH (m:${MODEL_EXTENSION_LABEL}) RETURN m.${STORED.id} AS id, m.file AS file, m.extension AS extension ORDER BY id`);
  // The catalog asks every few seconds; the same records give the same model object (and its derived
  // slices and OpenAPI document stay cached), instead of a rebuild of, say, FtM's hundred types each time.
  const key = JSON.stringify(rows);
  const known = built.get(base);
  if (known?.key === key) return known.model;
  let model = base;
  for (const row of rows) {
    const file = `${String(row.file)} (stored for dataset ${String(row.id)})`;
    const extension = parseModelExtension(JSON.parse(String(row.extension)), file);
    model = extendModel(model, extension, { file, path: 'model' });
  }
  built.set(base, { key, model });
  return model;
}

/**
 * What a model adds to the base (civic space), as an extension block with its levels made explicit:
 * a model file's own declarations and those of any model it extends. Stored flat like this, the
 * record never depends on finding a model file again.
 */
export function extensionBeyond(model: Model, base: Model = civicSpaceModel()): ModelExtension {
  return {
    labels: Object.fromEntries(model.labels.filter((l) => !base.label(l.label)).map(({ label, declaredIn: _, ...input }) => [label, input])),
    relations: Object.fromEntries(model.relations.filter((r) => !base.relation(r.type)).map(({ type, declaredIn: _, ...input }) => [type, input])),
  };
}

/** Stores one extension in a write of its own (the bulk importer's `--model`; a dataset's goes in its load transaction). */
export async function storeModelExtension(db: Database, record: StoredExtension): Promise<void> {
  await db.write(WRITE_EXTENSION, { extension: record });
}
