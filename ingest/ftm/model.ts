// FollowTheMoney's published model (npm @opensanctions/followthemoney) as a model extension of ours, derived at
// run time: node schemata become labels, two-ended edge schemata and entity-typed properties become relationship types.
import { defaultModel, Model as FtmSchemaModel, type Property, type Schema } from '@opensanctions/followthemoney';
import {
  civicSpaceModel,
  colourAt,
  extendModel,
  NODE_SHAPES,
  PALETTE,
  RESERVED_PROPERTIES,
  type Model,
  type ModelExtension,
  type PropertyDecl,
} from '../../model/index.ts';

/** Where the declarations come from, as model/model.ts names a file in messages and `declaredIn`. */
export const FTM_MODEL_SOURCE = 'followthemoney (npm @opensanctions/followthemoney)';
/** The dataset id its stored (:ModelExtension) record carries. */
export const FTM_EXTENSION_ID = 'followthemoney';

/** FtM's own model, as its package ships it. */
export const ftm = new FtmSchemaModel(defaultModel);

/**
 * Properties with a fixed place in our storage contract rather than a declared property: names and
 * aliases, the dates of the temporal extent, and the provenance that becomes source records.
 */
export const CONTRACT_PROPERTIES: ReadonlySet<string> = new Set(['name', 'alias', 'date', 'endDate', 'proof', 'sourceUrl', 'publisher', 'retrievedAt']);

const LABEL_OK = /^[A-Z][A-Za-z0-9]*$/;
const PROPERTY_OK = /^[a-z][A-Za-z0-9]*$/;

/** `UnknownLink` -> `UNKNOWN_LINK`, `Sanction` + `entity` -> `SANCTION_ENTITY`. */
export function snakeUpper(...parts: string[]): string {
  return parts.map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
}

/** The entity-typed properties that name another entity (reverse stubs and `proof` left out). */
export function entityProperties(schema: Schema): Property[] {
  return [...schema.getProperties().values()].filter((p) => p.type.name === 'entity' && !p.stub && p.name !== 'proof');
}

/** An FtM edge schema with exactly two ends becomes a relationship; with more (Payment, ContractAward) it stays a node. */
export function isRelationshipSchema(schema: Schema): boolean {
  return !!schema.edge && entityProperties(schema).length === 2;
}

export interface EdgePlan {
  schema: Schema;
  type: string;
  source: Property;
  target: Property;
}

export interface ReferencePlan {
  type: string;
  property: Property;
}

/** The FtM model as ours, with the plan an importer and an exporter follow. */
export interface FtmModel {
  /** The base extended by the FtM labels and types. */
  model: Model;
  extension: ModelExtension;
  /** Our label for a node schema (undefined for abstract schemata and two-ended edges). */
  label(schema: string): string | undefined;
  /** The schema behind one of our FtM labels. */
  schemaOf(label: string): Schema | undefined;
  /** The relationship an edge schema becomes. */
  edge(schema: string): EdgePlan | undefined;
  /** The relationship type an entity-typed property of a node schema becomes. */
  reference(schema: string, property: string): ReferencePlan | undefined;
  /** A schema's ancestors as our labels (a Company is also an Organization and a LegalEntity). */
  ancestors(schema: string): string[];
  /** The declared (non-entity, non-contract) properties of a schema and how they are typed. */
  properties(schema: string): Map<string, PropertyDecl>;
}

/**
 * Distinct, stable colours: the one rule's hues beyond the palette (model/looks.ts colourAt: a golden angle
 * apart, two lightnesses alternating), in FtM's own schema order. FtM's many labels stay clear of the palette
 * the undeclared labels of foreign databases and neo4j-admin folders take, and an FtM extension stored by an
 * earlier import keeps matching (a changed colour would be a conflicting declaration).
 */
function colorAt(index: number): string {
  return colourAt(PALETTE.length + index);
}

function declFor(p: Property): PropertyDecl {
  const description = (p.description ?? p.label ?? p.name).trim() || p.name;
  return { type: p.type.name === 'date' ? 'date' : 'string[]', description: `${description} (FtM ${p.qname}, ${p.type.name})` };
}

/**
 * Builds the model. Labels keep FtM's schema names, except where the base already declares the name
 * (civic space's Person, Organization, Event, whose evidence must be quoted): those become FtmPerson,
 * FtmOrganization, FtmEvent, since an extension adds and never overrides.
 */
export function ftmModel(base: Model = civicSpaceModel()): FtmModel {
  const schemata = ftm.getSchemata().slice().sort((a, b) => a.name.localeCompare(b.name));
  const nodeSchemata = schemata.filter((s) => !s.abstract && !isRelationshipSchema(s) && LABEL_OK.test(s.name));
  const labelOf = new Map<string, string>();
  // A name the base declares for itself is taken; one FtM's stored extension declared is FtM's own (a second import).
  const ours = (declaredIn: string) => declaredIn.includes(FTM_EXTENSION_ID);
  const taken = (label: string) => {
    const decl = base.label(label);
    return !!decl && !ours(decl.declaredIn);
  };
  for (const s of nodeSchemata) labelOf.set(s.name, taken(s.name) ? `Ftm${s.name}` : s.name);
  const schemaOfLabel = new Map([...labelOf].map(([schema, label]) => [label, ftm.getSchema(schema)]));
  /** Our labels for a schema and everything that descends from it. */
  const descendants = (range: Schema) => nodeSchemata.filter((s) => s.isA(range)).map((s) => labelOf.get(s.name)!);
  const typeName = (wanted: string) => {
    const decl = base.relation(wanted);
    return decl && !ours(decl.declaredIn) ? `FTM_${wanted}` : wanted;
  };

  const propertyMaps = new Map<string, Map<string, PropertyDecl>>();
  const propertiesOf = (schema: Schema): Map<string, PropertyDecl> => {
    let map = propertyMaps.get(schema.name);
    if (map) return map;
    map = new Map();
    for (const p of [...schema.getProperties().values()].sort((a, b) => a.name.localeCompare(b.name))) {
      if (p.stub || p.hidden || p.type.name === 'entity' || CONTRACT_PROPERTIES.has(p.name)) continue;
      if (!PROPERTY_OK.test(p.name) || RESERVED_PROPERTIES.has(p.name)) continue;
      map.set(p.name, declFor(p));
    }
    propertyMaps.set(schema.name, map);
    return map;
  };

  const extension: ModelExtension = { labels: {}, relations: {} };
  nodeSchemata.forEach((s, i) => {
    const parents = s.getParents().filter((p) => labelOf.has(p.name)).map((p) => labelOf.get(p.name)!);
    extension.labels[labelOf.get(s.name)!] = {
      description: `${(s.description ?? s.label).trim()} (FollowTheMoney schema ${s.name}${parents.length ? `; also ${parents.join(', ')}` : ''}).`,
      caption: 'name',
      color: colorAt(i),
      shape: NODE_SHAPES[(i * 7) % NODE_SHAPES.length]!,
      properties: Object.fromEntries(propertiesOf(s)),
      evidence: 'document',
    };
  });

  const edges = new Map<string, EdgePlan>();
  const edgeSchemata = schemata.filter(isRelationshipSchema);
  edgeSchemata.forEach((s, i) => {
    const source = s.getProperty(s.edge!.source);
    const target = s.getProperty(s.edge!.target);
    const type = typeName(snakeUpper(s.name));
    const from = descendants(source.getRange());
    const to = descendants(target.getRange());
    if (!from.length || !to.length) return;
    edges.set(s.name, { schema: s, type, source, target });
    extension.relations[type] = {
      description: `${(s.description ?? s.label).trim()} (FollowTheMoney edge ${s.name}: ${source.name} -> ${target.name}).`,
      from,
      to,
      color: colorAt(i * 3 + 1),
      properties: Object.fromEntries(propertiesOf(s)),
      evidence: 'document',
    };
  });

  // Entity-typed properties of node schemata, declared once where FtM declares them (Thing:addressEntity, Sanction:entity).
  const references = new Map<string, ReferencePlan>();
  const declared = new Map<string, ReferencePlan>();
  let r = 0;
  for (const s of nodeSchemata) {
    for (const p of entityProperties(s)) {
      const [owner] = p.qname.split(':') as [string];
      let plan = declared.get(p.qname);
      if (!plan) {
        const from = descendants(ftm.getSchema(owner)).filter((label) => schemaOfLabel.get(label)!.hasProperty(p.name));
        const to = descendants(p.getRange());
        if (!from.length || !to.length) continue;
        plan = { type: typeName(snakeUpper(owner, p.name)), property: p };
        declared.set(p.qname, plan);
        extension.relations[plan.type] = {
          description: `${(p.description ?? p.label).trim()} (FollowTheMoney property ${p.qname}).`,
          from,
          to,
          color: colorAt(r++ * 5 + 2),
          properties: {},
          evidence: 'document',
        };
      }
      references.set(`${s.name}:${p.name}`, plan);
    }
  }

  const model = extendModel(base, { ...extension, evidence: 'document' }, { file: FTM_MODEL_SOURCE });
  return {
    model,
    extension,
    label: (schema) => labelOf.get(schema),
    schemaOf: (label) => schemaOfLabel.get(label),
    edge: (schema) => edges.get(schema),
    reference: (schema, property) => references.get(`${schema}:${property}`),
    ancestors: (schema) => ftm.getSchema(schema).schemata.filter((n) => n !== schema && labelOf.has(n)).map((n) => labelOf.get(n)!),
    properties: (schema) => propertiesOf(ftm.getSchema(schema)),
  };
}

let cached: { base: Model; value: FtmModel } | undefined;

/** ftmModel over civic space (or `base`), built once per base. */
export function ftmModelFor(base: Model = civicSpaceModel()): FtmModel {
  if (cached?.base !== base) cached = { base, value: ftmModel(base) };
  return cached.value;
}
