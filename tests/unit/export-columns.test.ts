// Exports say only what a user stored: the columns of every format (CSV, GraphML, GEXF, JSON, FtM) are the stored
// properties less those the storage contract says we compute (model/storage.ts, COMPUTED_PROPERTIES: searchText...),
// beside each format's fixed columns; a foreign database's properties are all its own and all exported.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { COMPUTED_PROPERTIES } from '../../model/index.ts';
import { exportFile, type ExportGraph } from '../../server/services/export.ts';

/** As the route builds it: the wire properties of our nodes still carry what the importer computed (searchText). */
const graph: ExportGraph = {
  nodes: [
    { id: 'org/a', labels: ['Organization', 'Entity'], caption: 'Alpha', properties: { name: 'Alpha', aliases: ['A'], aliasLanguages: [''], searchText: 'Alpha | A', founded: 1990 }, evidence: [{ sourceId: 'src/x', level: 'document' }] },
    { id: 'person/b', labels: ['Person', 'Entity'], caption: 'Bea', properties: { name: 'Bea', searchText: 'Bea', date: '2020-01-01', datePrecision: 'day', dateInferred: false, importRun: 'run-1' }, evidence: [] },
  ],
  edges: [{ id: 'rel/1', type: 'MEMBER_OF', source: 'person/b', target: 'org/a', properties: { role: 'chair', searchText: 'x', importRun: 'run-1' }, evidence: [] }],
  missing: [],
};

/** The properties stored by users: every key of the graph's properties that the storage contract does not compute. */
const storedKeys = (items: { properties: Record<string, unknown> }[]) => [...new Set(items.flatMap((i) => Object.keys(i.properties)))].filter((k) => !COMPUTED_PROPERTIES.has(k)).sort();
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['key', 'attribute', 'attributes'].includes(name) }).parse(xml);

describe('export columns are the stored properties, computed storage left out', () => {
  const nodeKeys = storedKeys(graph.nodes);
  const edgeKeys = storedKeys(graph.edges);

  it('knows what it compares: searchText and the import run are computed, the rest stored', () => {
    expect(nodeKeys).toEqual(['aliasLanguages', 'aliases', 'date', 'dateInferred', 'datePrecision', 'founded', 'name']);
    expect(edgeKeys).toEqual(['role']);
  });

  it('CSV', () => {
    const header = (part: 'nodes' | 'edges') => exportFile(graph, 'csv', part).body.split('\r\n')[0]!.split(',');
    expect(header('nodes')).toEqual(['Id', 'Label', 'labels', ...nodeKeys, 'evidence_sources', 'evidence_quotes']);
    expect(header('edges')).toEqual(['Source', 'Target', 'Type', 'Id', 'Label', 'relationship', ...edgeKeys, 'evidence_sources', 'evidence_quotes']);
  });

  it('GraphML', () => {
    const keys = parse(exportFile(graph, 'graphml', 'nodes').body).graphml.key as { for: string; 'attr.name': string }[];
    const fixed = ['label', 'labels', 'r', 'g', 'b', 'evidence_sources', 'evidence_quotes', 'evidence_levels'];
    const names = (kind: string) => keys.filter((k) => k.for === kind && !fixed.includes(k['attr.name'])).map((k) => k['attr.name']).sort();
    expect(names('node')).toEqual(nodeKeys);
    expect(names('edge')).toEqual(edgeKeys);
  });

  it('GEXF', () => {
    const classes = parse(exportFile(graph, 'gexf', 'nodes').body).gexf.graph.attributes as { class: string; attribute: { title: string }[] }[];
    const fixed = ['labels', 'type', 'evidence_sources', 'evidence_quotes', 'evidence_levels'];
    const titles = (kind: string) => classes.find((c) => c.class === kind)!.attribute.map((a) => a.title).filter((t) => !fixed.includes(t)).sort();
    expect(titles('node')).toEqual(nodeKeys);
    expect(titles('edge')).toEqual(edgeKeys);
  });

  it('JSON', () => {
    const json = JSON.parse(exportFile(graph, 'json', 'nodes').body) as ExportGraph;
    expect(storedKeys(json.nodes)).toEqual(nodeKeys);
    expect([...new Set(json.nodes.flatMap((n) => Object.keys(n.properties)))].sort()).toEqual(nodeKeys);
    expect([...new Set(json.edges.flatMap((e) => Object.keys(e.properties)))].sort()).toEqual(edgeKeys);
  });

  it('FtM', () => {
    const body = exportFile(graph, 'ftm', 'nodes').body;
    for (const key of COMPUTED_PROPERTIES) expect(body).not.toContain(key);
  });

  it("keeps a foreign database's own properties, whatever their names", () => {
    const foreign: ExportGraph = { nodes: [{ id: '~4:abc:1', labels: ['Doc'], caption: 'x', properties: { title: 'x', searchText: 'their own' }, evidence: [] }], edges: [], missing: [] };
    expect(exportFile(foreign, 'csv', 'nodes').body.split('\r\n')[0]).toBe('Id,Label,labels,searchText,title,evidence_sources,evidence_quotes');
  });
});
