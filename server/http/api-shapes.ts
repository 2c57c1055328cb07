// Zod schemas of the API's responses: the OpenAPI document's components, and what tests check bodies against.
import { z } from 'zod';

/** Named schemas become `#/components/schemas/<id>` in the OpenAPI document. */
export const componentRegistry = z.registry<{ id: string; description?: string }>();

function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  componentRegistry.add(schema, description ? { id, description } : { id });
  return schema;
}

const propertyMap = z.record(z.string(), z.unknown()).describe('Properties as stored, minus the id and evidence lists; dates are YYYY-MM-DD strings');

export const WireNodeSchema = named(
  'Node',
  z.object({
    id: z.string().describe("Dataset id such as 'org/aeem'; '~<elementId>' for nodes of a foreign database without an id property"),
    labels: z.array(z.string()),
    caption: z.string(),
    date: z.string().optional().describe("The node's date as YYYY-MM-DD (the first day of a year or month), read from its label's date property by its format; absent when undated"),
    properties: propertyMap,
  }),
);

export const WireEdgeSchema = named(
  'Edge',
  z.object({
    id: z.string(),
    type: z.string(),
    source: z.string().describe('Public id of the start node'),
    target: z.string().describe('Public id of the end node'),
    properties: propertyMap,
  }),
);

export const SubgraphSchema = named('Subgraph', z.object({ nodes: z.array(WireNodeSchema), edges: z.array(WireEdgeSchema) }));

export const EvidenceSchema = named(
  'Evidence',
  z.object({
    sourceId: z.string(),
    quote: z.string().optional().describe('Verbatim words of the source; absent when the evidence is the document as a whole'),
    start: z.number().int().optional().describe('Character offset of the quote in the source text, when the text is held'),
    end: z.number().int().optional(),
    level: z.enum(['quote', 'document']).describe('A quoted passage, or the source document as a whole (FollowTheMoney, registries)'),
  }),
);

// Loose: the health check's 503 adds its own `status` beside the error.
export const ErrorBodySchema = named(
  'Error',
  z.looseObject({
    error: z.object({
      code: z.string().describe("Stable machine-readable code, e.g. 'invalid_parameter', 'not_found', 'read_only', 'timeout', or Neo4j's own code"),
      message: z.string(),
      requestId: z.string().optional(),
      current: z.unknown().optional().describe('On a conflict (409): the state as it is now, so that a stale write can be shown and retried'),
      problems: z.array(z.string()).optional().describe('On a refusal by the ingest rules (400 invalid_fact): each problem as `<path>: <message>`, the path naming the field (fact.evidence[0].quote, from.new.name)'),
    }),
  }),
);

export const HealthSchema = named(
  'Health',
  z.object({
    status: z.enum(['ok', 'warming']).describe("'warming' while the server prepares its query plans after a start: it answers, more slowly"),
    reason: z.string().optional().describe('What it is warming up, while warming'),
    neo4j: z.object({ version: z.string(), edition: z.string() }),
  }),
);

export const OverviewSchema = named(
  'Overview',
  SubgraphSchema.extend({ total: z.number().int().describe('Nodes in the database (sources excluded)'), truncated: z.boolean() }),
);

const PropertyInfoSchema = z.object({
  name: z.string(),
  type: z.string(),
  description: z.string().optional(),
  required: z.boolean().optional(),
});

export const DateFormatSchema = z
  .enum(['temporal', 'year', 'iso', 'dd/MM/yyyy', 'MM/dd/yyyy'])
  .describe("How a date property's values read: a Neo4j date or date-time, an integer year, an ISO string (yyyy, yyyy-MM, yyyy-MM-dd), or a day/month/year string");

export const LabelInfoSchema = named(
  'LabelInfo',
  z.object({
    label: z.string(),
    count: z.number().int(),
    declared: z.boolean().describe("Declared in Civic Graph's model (false: discovered in the database)"),
    description: z.string().optional(),
    caption: z.string().describe('Property shown as the caption (the first of captionProperties)'),
    captionProperties: z.array(z.string()).describe("Properties whose values, joined by a space in this order, caption a node (e.g. ['firstName', 'lastName'])"),
    dateProperty: z
      .object({ name: z.string(), format: DateFormatSchema })
      .nullable()
      .describe("The property that dates the label's nodes and how its values read; null when none does"),
    dateCandidates: z
      .array(z.object({ name: z.string(), format: z.union([DateFormatSchema, z.literal('ambiguous')]) }))
      .describe("Every property that reads as a date; 'ambiguous' when its values fit both dd/MM/yyyy and MM/dd/yyyy (the user says which)"),
    color: z.string().describe('Distinct per label while the palette lasts (then the shape differs); the same for the same database every time'),
    shape: z.string().describe('Cytoscape node shape'),
    properties: z.array(PropertyInfoSchema),
  }),
);

export const RelationshipTypeInfoSchema = named(
  'RelationshipTypeInfo',
  z.object({
    type: z.string(),
    count: z.number().int(),
    declared: z.boolean(),
    description: z.string().optional(),
    color: z.string(),
    from: z.array(z.string()),
    to: z.array(z.string()),
    properties: z.array(PropertyInfoSchema),
  }),
);

export const SearchModeSchema = z.enum(['fulltext', 'scan']);

export const SchemaSchema = named(
  'Schema',
  z.object({
    labels: z.array(LabelInfoSchema),
    relationshipTypes: z.array(RelationshipTypeInfoSchema),
    search: z.object({
      mode: SearchModeSchema.describe("'fulltext' when the entity_search index is online, else 'scan'"),
      index: z.string(),
      createIndex: z.string().optional().describe('A Cypher command that creates a full-text index for this database (offered in scan mode)'),
      properties: z.array(z.string()).describe('The name properties search looks in'),
      command: z.string().describe("The operator's shell command that creates the full-text index over them (the server never creates it)"),
    }),
    evidence: z.boolean().describe('Whether the database keeps evidence (false for a database Civic Graph did not build)'),
    sourceCount: z.number().int().describe('Source records (not shown as graph nodes)'),
    datasets: z
      .array(z.object({ id: z.string(), title: z.string(), description: z.string().optional(), synthetic: z.boolean() }))
      .describe('The dataset files loaded into this database (empty for a database Civic Graph did not load)'),
    overviewMaxNodes: z
      .number()
      .int()
      .describe('Above this many nodes (the labels\' counts), the page opens on the schema view rather than an overview: the database is too large to draw whole (OVERVIEW_MAX_NODES)'),
  }),
);

export const SchemaGraphSchema = named(
  'SchemaGraph',
  z.object({
    labels: z.array(z.object({ label: z.string(), count: z.number().int(), color: z.string(), shape: z.string() })),
    relationships: z
      .array(z.object({ type: z.string(), from: z.string(), to: z.string(), count: z.number().int(), color: z.string() }))
      .describe("Each (start label)-[type]->(end label) pattern; count is the count store's, the lesser of the type's relationships leaving `from` and reaching `to`"),
  }),
);

export const SearchResponseSchema = named(
  'SearchResponse',
  z.object({
    results: z.array(z.object({ node: WireNodeSchema, score: z.number() })),
    mode: SearchModeSchema,
    createIndex: z.string().optional(),
  }),
);

export const SourceSummarySchema = named(
  'SourceSummary',
  z.object({
    id: z.string(),
    title: z.string(),
    publisher: z.string().nullable(),
    url: z.string().nullable(),
    published: z.string().nullable(),
    language: z.string().nullable(),
    hasText: z.boolean(),
  }),
);

export const NodeDetailsSchema = named(
  'NodeDetails',
  z.object({
    node: WireNodeSchema,
    evidence: z.array(EvidenceSchema),
    degree: z.number().int().describe('Relationships of the node (sources excluded)'),
    relationshipTypes: z.array(z.object({ type: z.string(), direction: z.enum(['out', 'in']), count: z.number().int() })),
    sources: z.array(SourceSummarySchema).describe('The sources its evidence cites'),
  }),
);

export const NeighborsSchema = named(
  'Neighbors',
  SubgraphSchema.extend({
    node: WireNodeSchema,
    total: z.number().int().describe('Matching relationships in all'),
    offset: z.number().int(),
    limit: z.number().int(),
    truncated: z.boolean().describe('More relationships exist beyond this page'),
    nextOffset: z.number().int().nullable().describe('Offset of the next page, null on the last one'),
  }),
);

export const PathsSchema = named(
  'Paths',
  z.object({
    paths: z.array(SubgraphSchema.extend({ length: z.number().int() })).describe('Shortest paths; each lists its nodes and edges in path order'),
    maxLength: z.number().int(),
  }),
);

export const TimelineEventSchema = named(
  'TimelineEvent',
  z.object({
    id: z.string(),
    kind: z.enum(['node', 'relationship']),
    date: z.string().describe('YYYY-MM-DD, the first day of the period'),
    endDate: z.string().nullable(),
    precision: z.enum(['day', 'month', 'year']),
    inferred: z.boolean(),
    caption: z.string(),
    type: z.string().describe('Label of a dated node, or type of a dated relationship'),
    participants: z.array(
      z.object({
        id: z.string(),
        caption: z.string(),
        labels: z.array(z.string()),
        role: z.string().describe("'from' or 'to' for a dated relationship; the relationship type linking a dated node to this participant"),
      }),
    ).describe('At most 25: an event that is a hub lists its first 25 neighbours here; GET /api/nodes/{id}/neighbors pages through all'),
    evidence: z.array(EvidenceSchema),
  }),
);

export const TimelineSchema = named(
  'Timeline',
  z.object({ events: z.array(TimelineEventSchema), total: z.number().int(), truncated: z.boolean() }),
);

export const HistogramSchema = named(
  'Histogram',
  z.object({
    total: z.number().int().describe('Dated items in all (an item spanning months is one item)'),
    months: z
      .array(
        z.object({
          month: z.string().describe('YYYY-MM'),
          stated: z.number().int().describe('Items with a stated date in this month'),
          inferred: z.number().int().describe('Items with an inferred date in this month'),
          byType: z.record(z.string(), z.number().int()).describe('Items per node label or relationship type'),
        }),
      )
      .describe('The months that have dated items, in order'),
    kinds: z.record(z.string(), z.enum(['node', 'relationship'])).describe('Whether each type is a node label or a relationship type'),
  }),
);

export const SourcesSchema = named(
  'Sources',
  z.object({ sources: z.array(SourceSummarySchema.extend({ statementCount: z.number().int().describe('Pieces of evidence that cite the source') })) }),
);

export const SourceStatementSchema = named(
  'SourceStatement',
  z.object({
    kind: z.enum(['node', 'relationship']),
    id: z.string(),
    caption: z.string().describe('Caption of the node, or "start —TYPE→ end" for a relationship'),
    type: z.string(),
    quote: z.string().optional().describe('The quoted words; absent when the statement rests on the document as a whole'),
    level: z.enum(['quote', 'document']),
    start: z.number().int().optional(),
    end: z.number().int().optional(),
  }),
);

export const SourceDetailsSchema = named(
  'SourceDetails',
  z.object({
    source: SourceSummarySchema.extend({ text: z.string().nullable() }),
    statements: z.array(SourceStatementSchema).describe('Everything the dataset takes from this source, in text order'),
  }),
);

export const CypherResponseSchema = named(
  'CypherResult',
  z.object({
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.unknown())).describe('Nodes and relationships inside rows appear as Node and Edge shapes; paths as Subgraph'),
    graph: SubgraphSchema,
    summary: z.object({
      queryType: z.string(),
      ms: z.number(),
      rowCount: z.number().int(),
      truncated: z.boolean().describe('More rows existed than the row cap allowed'),
    }),
  }),
);

export const NamedQueriesSchema = named(
  'NamedQueries',
  z.object({
    queries: z.array(
      z.object({
        name: z.string(),
        title: z.string(),
        description: z.string(),
        cypher: z.string(),
        params: z.record(z.string(), z.unknown()).describe('Example parameters'),
      }),
    ),
  }),
);

export const ExportJsonSchema = named(
  'Export',
  z.object({
    nodes: z.array(WireNodeSchema.extend({ evidence: z.array(EvidenceSchema) })),
    edges: z.array(WireEdgeSchema.extend({ evidence: z.array(EvidenceSchema) })),
    missing: z.array(z.string()).describe('Requested ids that were not found'),
  }),
);

export const SubgraphWithEvidenceSchema = named(
  'SubgraphWithEvidence',
  z.object({
    nodes: z.array(WireNodeSchema.extend({ evidence: z.array(EvidenceSchema), color: z.string().optional().describe("Display colour (#rrggbb) of the node's label") })),
    edges: z.array(WireEdgeSchema.extend({ evidence: z.array(EvidenceSchema), color: z.string().optional().describe('Display colour (#rrggbb) of the relationship type') })),
    missing: z.array(z.string()).describe('Requested ids that were not found'),
  }),
  'The nodes named by the ids asked for and every relationship among them, with evidence and colours',
);

export const OpenApiDocumentSchema = z.record(z.string(), z.unknown());
