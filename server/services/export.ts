// Serialises an exported subgraph as JSON, CSV (nodes or edges, Gephi's spreadsheet columns), GraphML (Gephi, yEd)
// or FollowTheMoney NDJSON (Aleph, OpenSanctions; ingest/ftm/write.ts).
import type { Evidence, WireEdge, WireNode } from '../../db/mapping.ts';
import { FtmWriter, ftmLine, type FtmSourceIn } from '../../ingest/ftm/write.ts';
import type { FtmModel } from '../../ingest/ftm/model.ts';

export interface ExportNode extends WireNode {
  evidence: Evidence[];
  /** Display colour (#rrggbb) of the node's label. */
  color?: string;
}

export interface ExportEdge extends WireEdge {
  evidence: Evidence[];
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
export function nodesCsv(graph: ExportGraph): string {
  const keys = propertyKeys(graph.nodes);
  const reserved = new Set(['id', 'label', 'labels', 'evidence_sources', 'evidence_quotes']);
  const header = ['Id', 'Label', 'labels', ...keys.map((k) => propertyColumn(k, reserved)), 'evidence_sources', 'evidence_quotes'];
  const rows = graph.nodes.map((n) => [n.id, n.caption, n.labels.join(' | '), ...keys.map((k) => n.properties[k]), ...evidenceColumns(n.evidence)]);
  return csv(header, rows);
}

/** Edges table: Source, Target, Type (Gephi's directed/undirected), Id, Label (the relationship type), properties, evidence. */
export function edgesCsv(graph: ExportGraph): string {
  const keys = propertyKeys(graph.edges);
  const reserved = new Set(['source', 'target', 'type', 'id', 'label', 'relationship', 'evidence_sources', 'evidence_quotes']);
  const header = ['Source', 'Target', 'Type', 'Id', 'Label', 'relationship', ...keys.map((k) => propertyColumn(k, reserved)), 'evidence_sources', 'evidence_quotes'];
  const rows = graph.edges.map((e) => [e.source, e.target, 'Directed', e.id, e.type, e.type, ...keys.map((k) => e.properties[k]), ...evidenceColumns(e.evidence)]);
  return csv(header, rows);
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type GraphmlType = 'string' | 'double' | 'boolean' | 'int';

function graphmlType(values: unknown[]): GraphmlType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length && present.every((v) => typeof v === 'boolean')) return 'boolean';
  if (present.length && present.every((v) => typeof v === 'number')) return 'double';
  return 'string';
}

interface KeyDecl {
  id: string;
  for: 'node' | 'edge';
  name: string;
  type: GraphmlType;
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
export function graphml(graph: ExportGraph): string {
  const keys: KeyDecl[] = [
    { id: 'n_label', for: 'node', name: 'label', type: 'string' },
    { id: 'n_labels', for: 'node', name: 'labels', type: 'string' },
    { id: 'n_r', for: 'node', name: 'r', type: 'int' },
    { id: 'n_g', for: 'node', name: 'g', type: 'int' },
    { id: 'n_b', for: 'node', name: 'b', type: 'int' },
    { id: 'n_evidence_sources', for: 'node', name: 'evidence_sources', type: 'string' },
    { id: 'n_evidence_quotes', for: 'node', name: 'evidence_quotes', type: 'string' },
    { id: 'e_label', for: 'edge', name: 'label', type: 'string' },
    { id: 'e_evidence_sources', for: 'edge', name: 'evidence_sources', type: 'string' },
    { id: 'e_evidence_quotes', for: 'edge', name: 'evidence_quotes', type: 'string' },
  ];
  const fixedNames = { node: new Set(keys.filter((k) => k.for === 'node').map((k) => k.name)), edge: new Set(keys.filter((k) => k.for === 'edge').map((k) => k.name)) };
  const propertyKeyIds = { node: new Map<string, string>(), edge: new Map<string, string>() };
  const declare = (kind: 'node' | 'edge', items: { properties: Record<string, unknown> }[]) => {
    propertyKeys(items).forEach((key, i) => {
      const id = `${kind === 'node' ? 'np' : 'ep'}${i}`;
      propertyKeyIds[kind].set(key, id);
      const name = fixedNames[kind].has(key) ? `property_${key}` : key;
      keys.push({ id, for: kind, name, type: graphmlType(items.map((item) => item.properties[key])) });
    });
  };
  declare('node', graph.nodes);
  declare('edge', graph.edges);

  const data = (key: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return '';
    return `<data key="${key}">${xmlEscape(flatValue(value))}</data>`;
  };
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const key of keys) {
    lines.push(`  <key id="${key.id}" for="${key.for}" attr.name="${xmlEscape(key.name)}" attr.type="${key.type}"/>`);
  }
  lines.push('  <graph id="G" edgedefault="directed">');
  for (const node of graph.nodes) {
    const color = rgb(node.color);
    const parts = [
      data('n_label', node.caption),
      data('n_labels', node.labels.join(' | ')),
      ...(color ? [data('n_r', color[0]), data('n_g', color[1]), data('n_b', color[2])] : []),
      ...[...propertyKeyIds.node].map(([key, id]) => data(id, node.properties[key])),
      data('n_evidence_sources', node.evidence.map((e) => e.sourceId)),
      data('n_evidence_quotes', node.evidence.map((e) => e.quote)),
    ].filter(Boolean);
    lines.push(`    <node id="${xmlEscape(node.id)}">${parts.join('')}</node>`);
  }
  for (const edge of graph.edges) {
    const parts = [
      data('e_label', edge.type),
      ...[...propertyKeyIds.edge].map(([key, id]) => data(id, edge.properties[key])),
      data('e_evidence_sources', edge.evidence.map((e) => e.sourceId)),
      data('e_evidence_quotes', edge.evidence.map((e) => e.quote)),
    ].filter(Boolean);
    lines.push(`    <edge id="${xmlEscape(edge.id)}" source="${xmlEscape(edge.source)}" target="${xmlEscape(edge.target)}">${parts.join('')}</edge>`);
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** FollowTheMoney NDJSON: entities by the declared mapping, relationships as edge schemata, evidence as Documents and proof. */
export function ftmNdjson(graph: ExportGraph): string {
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

/** The file for a format: JSON, the CSV table of one part, GraphML, or FtM. */
export function exportFile(graph: ExportGraph, format: 'json' | 'csv' | 'graphml' | 'ftm', part: 'nodes' | 'edges'): ExportFile {
  const stem = 'civic-graph-export';
  if (format === 'ftm') return { contentType: 'application/x-ndjson; charset=utf-8', filename: `${stem}.ftm.json`, body: ftmNdjson(graph) };
  if (format === 'csv') {
    return { contentType: 'text/csv; charset=utf-8', filename: `${stem}-${part}.csv`, body: part === 'edges' ? edgesCsv(graph) : nodesCsv(graph) };
  }
  if (format === 'graphml') return { contentType: 'application/graphml+xml; charset=utf-8', filename: `${stem}.graphml`, body: graphml(graph) };
  const { nodes, edges, missing } = graph;
  const json = { nodes: nodes.map(({ color: _color, ...node }) => node), edges, missing };
  return { contentType: 'application/json; charset=utf-8', filename: `${stem}.json`, body: JSON.stringify(json, null, 2) + '\n' };
}
