// Serialises an exported subgraph as JSON, CSV (nodes or edges, Gephi's spreadsheet columns), GraphML (Gephi, yEd),
// GEXF 1.3 (Gephi, with spells for its timeline; both XML formats through fast-xml-parser's builder) or FollowTheMoney
// NDJSON (Aleph, OpenSanctions; ingest/ftm/write.ts).
import { XMLBuilder } from 'fast-xml-parser';
import { parsePublicId, type Evidence, type WireEdge, type WireNode } from '../../db/mapping.ts';
import { COMPUTED_PROPERTIES, ENTITY_LABEL, STORED } from '../../model/index.ts';
import { FtmWriter, ftmLine, type FtmSourceIn } from '../../ingest/ftm/write.ts';
import type { FtmModel } from '../../ingest/ftm/model.ts';

export interface ExportNode extends WireNode {
  evidence: Evidence[];
  /** Display colour (#rrggbb) of the node's label. */
  color?: string;
}

export interface ExportEdge extends WireEdge {
  evidence: Evidence[];
  /** Display colour (#rrggbb) of the relationship type. */
  color?: string;
}

export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
  missing: string[];
  /** The sources the evidence cites (format ftm writes them as Document entities). */
  sources?: FtmSourceIn[];
  /** FtM's model over the database's (format ftm: labels that came from FtM go back to their schema). */
  ftm?: FtmModel;
}

export interface ExportFile {
  contentType: string;
  filename: string;
  body: string;
}

/**
 * What a user stored, and nothing we compute for ourselves: our elements lose the properties the storage contract
 * says the importer computes (model/storage.ts, COMPUTED_PROPERTIES: searchText, evidence offsets, the import run).
 * A foreign database's elements (public id `~...`) keep every property: all of them are its own.
 */
export function ownProperties<T extends { id: string; properties: Record<string, unknown> }>(item: T): T {
  if ('elementId' in parsePublicId(item.id) || !Object.keys(item.properties).some((key) => COMPUTED_PROPERTIES.has(key))) return item;
  return { ...item, properties: Object.fromEntries(Object.entries(item.properties).filter(([key]) => !COMPUTED_PROPERTIES.has(key))) };
}

/** The graph as every export writes it: what users stored (ownProperties). */
function stored(graph: ExportGraph): ExportGraph {
  return { ...graph, nodes: graph.nodes.map(ownProperties), edges: graph.edges.map(ownProperties) };
}

/** Lists join with ' | ' (as searchText does); maps become JSON. */
function flatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(flatValue).join(' | ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * RFC 4180 quoting, plus a leading apostrophe for text that a spreadsheet would run as a
 * formula (=, +, -, @ at the start), which is how exported data could attack its reader.
 */
export function csvCell(value: unknown): string {
  let text = flatValue(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function propertyKeys(items: { properties: Record<string, unknown> }[]): string[] {
  const keys = new Set<string>();
  for (const item of items) for (const key of Object.keys(item.properties)) keys.add(key);
  return [...keys].sort();
}

/** Names reserved by the fixed columns get a prefix so a property never shadows them. */
function propertyColumn(key: string, reserved: Set<string>): string {
  return reserved.has(key.toLowerCase()) ? `property_${key}` : key;
}

function evidenceColumns(evidence: Evidence[]): string[] {
  return [evidence.map((e) => e.sourceId).join(' | '), evidence.map((e) => e.quote).join(' | ')];
}

/** Nodes table: Id and Label as Gephi's spreadsheet import expects, then labels, properties and evidence. */
export function nodesCsv(exported: ExportGraph): string {
  const graph = stored(exported);
  const keys = propertyKeys(graph.nodes);
  const reserved = new Set(['id', 'label', 'labels', 'evidence_sources', 'evidence_quotes']);
  const header = ['Id', 'Label', 'labels', ...keys.map((k) => propertyColumn(k, reserved)), 'evidence_sources', 'evidence_quotes'];
  const rows = graph.nodes.map((n) => [n.id, n.caption, n.labels.join(' | '), ...keys.map((k) => n.properties[k]), ...evidenceColumns(n.evidence)]);
  return csv(header, rows);
}

/** Edges table: Source, Target, Type (Gephi's directed/undirected), Id, Label (the relationship type), properties, evidence. */
export function edgesCsv(exported: ExportGraph): string {
  const graph = stored(exported);
  const keys = propertyKeys(graph.edges);
  const reserved = new Set(['source', 'target', 'type', 'id', 'label', 'relationship', 'evidence_sources', 'evidence_quotes']);
  const header = ['Source', 'Target', 'Type', 'Id', 'Label', 'relationship', ...keys.map((k) => propertyColumn(k, reserved)), 'evidence_sources', 'evidence_quotes'];
  const rows = graph.edges.map((e) => [e.source, e.target, 'Directed', e.id, e.type, e.type, ...keys.map((k) => e.properties[k]), ...evidenceColumns(e.evidence)]);
  return csv(header, rows);
}

/** Drops the characters XML 1.0 forbids (the builder escapes the rest). */
function xmlSafe(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML 1.0 forbids is the point.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** fast-xml-parser's builder: attributes are the keys starting '@_', text is '#text'; it escapes &, <, >, " and '. */
const xml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: true, suppressEmptyNode: true, suppressBooleanAttributes: false });
const XML_DECLARATION = { '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' } };

type ValueType = 'string' | 'double' | 'boolean';

function valueType(values: unknown[]): ValueType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length && present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.length && present.every((v) => typeof v === 'number')) return 'double';
  return 'string';
}

/** A property or fixed column, declared once per kind (GraphML <key>, GEXF <attribute>) with its type. */
interface Column {
  id: string;
  name: string;
  type: ValueType | 'int';
  value: (item: ExportNode | ExportEdge) => unknown;
}

/**
 * The fixed columns first, then every property key of the items (renamed property_KEY where it would
 * shadow a fixed column or a `reserved` name); ids are `${prefix}p0`..., or the names themselves with `idIsName`.
 */
function columns(prefix: string, fixed: Column[], items: { properties: Record<string, unknown> }[], options: { reserved?: string[]; idIsName?: boolean } = {}): Column[] {
  const taken = new Set([...fixed.map((c) => c.name), ...(options.reserved ?? [])]);
  const props = propertyKeys(items).map((key, i): Column => ({
    id: options.idIsName ? (taken.has(key) ? `property_${key}` : key) : `${prefix}p${i}`,
    name: taken.has(key) ? `property_${key}` : key,
    type: valueType(items.map((item) => item.properties[key])),
    value: (item) => item.properties[key],
  }));
  return [...fixed, ...props];
}

const evidenceFixed = (prefix: string): Column[] => [
  { id: `${prefix}_evidence_sources`, name: 'evidence_sources', type: 'string', value: (i) => i.evidence.map((e) => e.sourceId) },
  { id: `${prefix}_evidence_quotes`, name: 'evidence_quotes', type: 'string', value: (i) => i.evidence.map((e) => e.quote ?? '') },
  { id: `${prefix}_evidence_levels`, name: 'evidence_levels', type: 'string', value: (i) => i.evidence.map((e) => e.level) },
];

/** A cell's text, or undefined for an absent value (written as no data at all). */
function cellText(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value) && value.every((v) => v === '' || v === null || v === undefined)) return undefined;
  return xmlSafe(flatValue(value));
}

function rgb(color: string | undefined): [number, number, number] | undefined {
  const match = color ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color) : null;
  return match ? [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)] : undefined;
}

/**
 * GraphML with every <key> declared before use. Gephi reads the keys named label, r, g and b
 * as the node's label and colour; yEd imports all data as properties (map 'label' to the node
 * label with its Properties Mapper).
 */
export function graphml(exported: ExportGraph): string {
  const graph = stored(exported);
  const colour = (i: number) => (item: ExportNode | ExportEdge) => rgb(item.color)?.[i];
  const nodeColumns = columns('n', [
    { id: 'n_label', name: 'label', type: 'string', value: (n) => (n as ExportNode).caption },
    { id: 'n_labels', name: 'labels', type: 'string', value: (n) => (n as ExportNode).labels.join(' | ') },
    { id: 'n_r', name: 'r', type: 'int', value: colour(0) },
    { id: 'n_g', name: 'g', type: 'int', value: colour(1) },
    { id: 'n_b', name: 'b', type: 'int', value: colour(2) },
    ...evidenceFixed('n'),
  ], graph.nodes);
  const edgeColumns = columns('e', [
    { id: 'e_label', name: 'label', type: 'string', value: (e) => (e as ExportEdge).type },
    { id: 'e_r', name: 'r', type: 'int', value: colour(0) },
    { id: 'e_g', name: 'g', type: 'int', value: colour(1) },
    { id: 'e_b', name: 'b', type: 'int', value: colour(2) },
    ...evidenceFixed('e'),
  ], graph.edges);
  const keys = (kind: 'node' | 'edge', cols: Column[]) => cols.map((c) => ({ '@_id': c.id, '@_for': kind, '@_attr.name': xmlSafe(c.name), '@_attr.type': c.type }));
  const data = (cols: Column[], item: ExportNode | ExportEdge) =>
    cols.flatMap((c) => {
      const text = cellText(c.value(item));
      return text === undefined ? [] : [{ '@_key': c.id, '#text': text }];
    });
  const doc = {
    ...XML_DECLARATION,
    graphml: {
      '@_xmlns': 'http://graphml.graphdrawing.org/xmlns',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation': 'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
      key: [...keys('node', nodeColumns), ...keys('edge', edgeColumns)],
      graph: {
        '@_id': 'G',
        '@_edgedefault': 'directed',
        node: graph.nodes.map((n) => ({ '@_id': xmlSafe(n.id), data: data(nodeColumns, n) })),
        edge: graph.edges.map((e) => ({ '@_id': xmlSafe(e.id), '@_source': xmlSafe(e.source), '@_target': xmlSafe(e.target), data: data(edgeColumns, e) })),
      },
    },
  };
  return xml.build(doc);
}

const FULL_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The last day of the period that starts on `day` with this precision ('2024-02-01', month -> '2024-02-29'). */
export function periodEnd(day: string, precision: unknown): string {
  const m = FULL_DAY.exec(day);
  if (!m) return day;
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (precision === 'year') return `${m[1]}-12-31`;
  if (precision === 'month') return `${m[1]}-${m[2]}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * When an element holds, as a GEXF spell: from its date to the end of the period its precision
 * names (a month-precision date covers the month), or to the end of its endDate's period for a
 * span. Undated elements have no spell: Gephi shows them at every time.
 */
export function spellOf(properties: Record<string, unknown>): { start: string; end: string } | undefined {
  const date = properties[STORED.date];
  const start = typeof date === 'string' ? FULL_DAY.exec(date)?.[0] : undefined;
  if (!start) return undefined;
  const until = properties[STORED.endDate];
  const last = typeof until === 'string' ? FULL_DAY.exec(until)?.[0] : undefined;
  const end = periodEnd(last && last >= start ? last : start, properties[STORED.datePrecision]);
  return { start, end };
}

/**
 * GEXF 1.3 for Gephi: a dynamic graph (timeformat date) whose dated nodes and edges carry spells, so
 * Gephi's timeline plays them; node labels are captions, viz:color the model's colour of the label or
 * type, and labels, type, properties and evidence are declared attributes.
 */
export function gexf(exported: ExportGraph): string {
  const graph = stored(exported);
  const gexfType = (c: Column) => (c.type === 'int' ? 'integer' : c.type);
  // Attribute ids are the column names (unique per class): Gephi shows titles, other readers (graphology, networkx) ids.
  const named = (cols: Column[]) => cols.map((c) => ({ ...c, id: c.name }));
  const options = { reserved: ['id', 'label'], idIsName: true };
  const nodeColumns = columns('n', named([
    { id: 'labels', name: 'labels', type: 'string', value: (n) => (n as ExportNode).labels.join(' | ') },
    { id: 'type', name: 'type', type: 'string', value: (n) => (n as ExportNode).labels.find((l) => l !== ENTITY_LABEL) ?? (n as ExportNode).labels[0] },
    ...evidenceFixed('n'),
  ]), graph.nodes, options);
  const edgeColumns = columns('e', named([{ id: 'type', name: 'type', type: 'string', value: (e) => (e as ExportEdge).type }, ...evidenceFixed('e')]), graph.edges, options);
  const declare = (kind: 'node' | 'edge', cols: Column[]) => ({ '@_class': kind, '@_mode': 'static', attribute: cols.map((c) => ({ '@_id': c.id, '@_title': xmlSafe(c.name), '@_type': gexfType(c) })) });
  const attvalues = (cols: Column[], item: ExportNode | ExportEdge) => ({
    attvalue: cols.flatMap((c) => {
      const text = cellText(c.value(item));
      return text === undefined ? [] : [{ '@_for': c.id, '@_value': text }];
    }),
  });
  const extras = (item: ExportNode | ExportEdge) => {
    const spell = spellOf(item.properties);
    const color = rgb(item.color);
    return {
      ...(spell ? { spells: { spell: [{ '@_start': spell.start, '@_end': spell.end }] } } : {}),
      ...(color ? { 'viz:color': { '@_r': String(color[0]), '@_g': String(color[1]), '@_b': String(color[2]) } } : {}),
    };
  };
  const doc = {
    ...XML_DECLARATION,
    gexf: {
      '@_xmlns': 'http://gexf.net/1.3',
      '@_xmlns:viz': 'http://gexf.net/1.3/viz',
      '@_xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      '@_xsi:schemaLocation': 'http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd',
      '@_version': '1.3',
      meta: { creator: 'Civic Graph', description: 'Exported subgraph: labels and relationship types as attributes, dated elements as spells, evidence as attributes' },
      graph: {
        '@_defaultedgetype': 'directed',
        '@_mode': 'dynamic',
        '@_timeformat': 'date',
        attributes: [declare('node', nodeColumns), declare('edge', edgeColumns)],
        nodes: { node: graph.nodes.map((n) => ({ '@_id': xmlSafe(n.id), '@_label': xmlSafe(n.caption), attvalues: attvalues(nodeColumns, n), ...extras(n) })) },
        edges: {
          edge: graph.edges.map((e) => ({ '@_id': xmlSafe(e.id), '@_source': xmlSafe(e.source), '@_target': xmlSafe(e.target), '@_label': xmlSafe(e.type), attvalues: attvalues(edgeColumns, e), ...extras(e) })),
        },
      },
    },
  };
  return xml.build(doc);
}

/** FollowTheMoney NDJSON: entities by the declared mapping, relationships as edge schemata, evidence as Documents and proof. */
export function ftmNdjson(exported: ExportGraph): string {
  const graph = stored(exported);
  const writer = new FtmWriter(graph.ftm ? { plan: graph.ftm } : {});
  const schemaOf = new Map<string, ReturnType<FtmWriter['schemaOfLabels']>>();
  const lines: string[] = [];
  for (const node of graph.nodes) {
    const entity = writer.node({ id: node.id, labels: node.labels, properties: { ...node.properties, name: node.properties.name ?? node.caption }, evidence: node.evidence });
    schemaOf.set(node.id, writer.schemaOfLabels(node.labels));
    lines.push(ftmLine(entity));
  }
  for (const edge of graph.edges) {
    const ends = [schemaOf.get(edge.source), schemaOf.get(edge.target)] as const;
    if (!ends[0] || !ends[1]) continue;
    lines.push(ftmLine(writer.edge(edge, [ends[0], ends[1]])));
  }
  for (const source of graph.sources ?? []) lines.push(ftmLine(writer.source(source)));
  return lines.join('');
}

export type ExportFormat = 'json' | 'csv' | 'graphml' | 'gexf' | 'ftm';

/** The file for a format: JSON, the CSV table of one part, GraphML, GEXF, or FtM. */
export function exportFile(graph: ExportGraph, format: ExportFormat, part: 'nodes' | 'edges'): ExportFile {
  const stem = 'civic-graph-export';
  if (format === 'ftm') return { contentType: 'application/x-ndjson; charset=utf-8', filename: `${stem}.ftm.json`, body: ftmNdjson(graph) };
  if (format === 'csv') {
    return { contentType: 'text/csv; charset=utf-8', filename: `${stem}-${part}.csv`, body: part === 'edges' ? edgesCsv(graph) : nodesCsv(graph) };
  }
  if (format === 'graphml') return { contentType: 'application/graphml+xml; charset=utf-8', filename: `${stem}.graphml`, body: graphml(graph) };
  if (format === 'gexf') return { contentType: 'application/gexf+xml; charset=utf-8', filename: `${stem}.gexf`, body: gexf(graph) };
  const { nodes, edges, missing } = stored(graph);
  const json = { nodes: nodes.map(({ color: _color, ...node }) => node), edges: edges.map(({ color: _color, ...edge }) => edge), missing };
  return { contentType: 'application/json; charset=utf-8', filename: `${stem}.json`, body: JSON.stringify(json, null, 2) + '\n' };
}
