// Export serialisers: CSV quoting and formula guard, GraphML and GEXF 1.3 well-formed with declared keys, spells and colours.
import { XMLValidator, XMLParser } from 'fast-xml-parser';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { csvCell, edgesCsv, exportFile, gexf, graphml, nodesCsv, periodEnd, spellOf, type ExportGraph } from '../../server/services/export.ts';

const graph: ExportGraph = {
  nodes: [
    { id: 'org/a', labels: ['Organization', 'Entity'], caption: 'A "quoted", name', properties: { name: 'A', aliases: ['Â', 'a&b <c>'], founded: 1990 }, evidence: [{ sourceId: 'src/x', quote: 'line\nbreak', level: 'quote' }], color: '#4e79a7' },
    { id: 'person/b', labels: ['Person', 'Entity'], caption: '=HYPERLINK("x")', properties: { name: '=HYPERLINK("x")' }, evidence: [] },
  ],
  edges: [{ id: 'rel/1', type: 'ACCUSED', source: 'org/a', target: 'person/b', properties: { words: 'said "so"', date: '2024-01-01' }, evidence: [{ sourceId: 'src/x', quote: 'q', level: 'quote' }] }],
  missing: [],
};

/** A dated graph: an event of month precision, a span of year precision, an undated actor, document-level evidence. */
const dated: ExportGraph = {
  nodes: [
    { id: 'event/strike', labels: ['Event', 'Entity'], caption: 'Strike \u0001<b>', properties: { name: 'Strike', date: '2024-02-01', datePrecision: 'month', dateInferred: false, attendance: 1200, label: 'shadowed' }, evidence: [{ sourceId: 'src/r', level: 'document' }], color: '#8a63c9' },
    { id: 'org/union', labels: ['Organization', 'Entity'], caption: 'Union & Co', properties: { name: 'Union & Co' }, evidence: [{ sourceId: 'src/r', quote: 'the union', level: 'quote' }], color: '#d9731a' },
  ],
  edges: [
    { id: 'rel/led', type: 'LED', source: 'org/union', target: 'event/strike', properties: { date: '2021-01-01', endDate: '2023-01-01', datePrecision: 'year', role: 'organiser' }, evidence: [{ sourceId: 'src/r', quote: 'led it', level: 'quote' }], color: '#3f7fbf' },
    { id: 'rel/undated', type: 'SUPPORTED', source: 'event/strike', target: 'org/union', properties: {}, evidence: [{ sourceId: 'src/r', level: 'document' }] },
  ],
  missing: [],
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ['node', 'edge', 'attribute', 'attvalue', 'spell', 'attributes', 'key', 'data'].includes(name) });

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=1+1', "'=1+1"],
    ['-5', '-5'],
    [['x', 'y'], 'x | y'],
  ])('quotes per RFC 4180 and defuses formulas: %j -> %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes Gephi headers for nodes and edges', () => {
    const nodes = nodesCsv(graph).split('\r\n');
    expect(nodes[0]).toBe('Id,Label,labels,aliases,founded,name,evidence_sources,evidence_quotes');
    expect(nodes[1]).toBe('org/a,"A ""quoted"", name",Organization | Entity,Â | a&b <c>,1990,A,src/x,"line\nbreak"');
    expect(nodes[2]).toBe(`person/b,"'=HYPERLINK(""x"")",Person | Entity,,,"'=HYPERLINK(""x"")",,`);
    const edges = edgesCsv(graph).split('\r\n');
    expect(edges[0]).toBe('Source,Target,Type,Id,Label,relationship,date,words,evidence_sources,evidence_quotes');
    expect(edges[1]).toBe('org/a,person/b,Directed,rel/1,ACCUSED,ACCUSED,2024-01-01,"said ""so""",src/x,q');
  });
});

describe('GraphML', () => {
  it('is well-formed, declares every key it uses and escapes text', () => {
    const xml = graphml(graph);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const keys = new Set((doc.graphml.key as { id: string }[]).map((k) => k.id));
    const used = [...xml.matchAll(/<data key="([^"]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(5);
    for (const key of used) expect(keys.has(key!)).toBe(true);
    expect(xml).toContain('a&amp;b &lt;c&gt;');
    expect(xml).toContain('<data key="n_r">78</data>');
    expect(doc.graphml.graph.edge.source).toBe('org/a');
  });

  it('writes edge colours and types, and leaves absent values out', () => {
    const doc = parser.parse(graphml(dated));
    const keys = new Map((doc.graphml.key as { id: string; 'attr.name': string; for: string }[]).map((k) => [k.id, k]));
    const edge = (doc.graphml.graph[0] ?? doc.graphml.graph).edge.find((e: { id: string }) => e.id === 'rel/led');
    const byName = Object.fromEntries((edge.data as { key: string; '#text': unknown }[]).map((d) => [keys.get(d.key)!['attr.name'], d['#text']]));
    expect(byName).toMatchObject({ label: 'LED', r: 63, g: 127, b: 191, role: 'organiser', evidence_levels: 'quote' });
    const undated = (doc.graphml.graph[0] ?? doc.graphml.graph).edge.find((e: { id: string }) => e.id === 'rel/undated');
    expect((undated.data as { key: string }[]).map((d) => keys.get(d.key)!['attr.name']).sort()).toEqual(['evidence_levels', 'evidence_sources', 'label']);
  });
});

describe('GEXF 1.3', () => {
  it('spells cover the period the date and its precision name', () => {
    expect(periodEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(periodEnd('2023-02-01', 'month')).toBe('2023-02-28');
    expect(periodEnd('2021-01-01', 'year')).toBe('2021-12-31');
    expect(periodEnd('2021-03-04', 'day')).toBe('2021-03-04');
    expect(spellOf({ date: '2021-01-01', endDate: '2023-01-01', datePrecision: 'year' })).toEqual({ start: '2021-01-01', end: '2023-12-31' });
    expect(spellOf({ date: '2024-03-06' })).toEqual({ start: '2024-03-06', end: '2024-03-06' });
    expect(spellOf({ name: 'undated' })).toBeUndefined();
  });

  it('is a well-formed dynamic graph with spells, viz colours, captions and declared attributes', () => {
    const file = exportFile(dated, 'gexf', 'nodes');
    expect(file.contentType).toMatch(/^application\/gexf\+xml/);
    expect(file.filename).toBe('civic-graph-export.gexf');
    const xml = file.body;
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml);
    expect(doc.gexf).toMatchObject({ xmlns: 'http://gexf.net/1.3', 'xmlns:viz': 'http://gexf.net/1.3/viz', version: '1.3' });
    const g = doc.gexf.graph;
    expect(g).toMatchObject({ mode: 'dynamic', timeformat: 'date', defaultedgetype: 'directed' });

    // Every attvalue names a declared attribute of its class, with a value of the declared type.
    const declared = new Map<string, Map<string, { title: string; type: string }>>();
    for (const block of g.attributes) declared.set(block.class, new Map(block.attribute.map((a: { id: string; title: string; type: string }) => [a.id, a])));
    const values = (kind: 'node' | 'edge', item: { attvalues?: { attvalue: { for: string; value: string }[] } }) =>
      Object.fromEntries((item.attvalues?.attvalue ?? []).map((v) => {
        const decl = declared.get(kind)!.get(v.for);
        expect(decl, `${kind} attribute ${v.for}`).toBeDefined();
        if (decl!.type === 'double') expect(Number.isFinite(Number(v.value))).toBe(true);
        if (decl!.type === 'boolean') expect(['true', 'false']).toContain(String(v.value));
        return [decl!.title, v.value];
      }));

    const strike = g.nodes.node.find((n: { id: string }) => n.id === 'event/strike');
    expect(strike.label).toBe('Strike <b>');
    expect(strike.spells.spell).toEqual([{ start: '2024-02-01', end: '2024-02-29' }]);
    expect(strike['viz:color']).toEqual({ r: '138', g: '99', b: '201' });
    expect(values('node', strike)).toMatchObject({ labels: 'Event | Entity', type: 'Event', name: 'Strike', datePrecision: 'month', dateInferred: 'false', attendance: '1200', property_label: 'shadowed', evidence_levels: 'document' });
    const union = g.nodes.node.find((n: { id: string }) => n.id === 'org/union');
    expect(union.spells).toBeUndefined();
    expect(union.label).toBe('Union & Co');

    const led = g.edges.edge.find((e: { id: string }) => e.id === 'rel/led');
    expect(led).toMatchObject({ source: 'org/union', target: 'event/strike', label: 'LED' });
    expect(led.spells.spell).toEqual([{ start: '2021-01-01', end: '2023-12-31' }]);
    expect(led['viz:color']).toEqual({ r: '63', g: '127', b: '191' });
    expect(values('edge', led)).toMatchObject({ type: 'LED', role: 'organiser', evidence_quotes: 'led it' });
    const undated = g.edges.edge.find((e: { id: string }) => e.id === 'rel/undated');
    expect(undated.spells).toBeUndefined();
    expect(undated['viz:color']).toBeUndefined();
  });

  it('reads back in graphology-gexf (another GEXF reader) with labels, colours and attributes', () => {
    const read = parseGexf(Graph, gexf(dated));
    expect(read.order).toBe(2);
    expect(read.size).toBe(2);
    expect(read.getNodeAttributes('event/strike')).toMatchObject({ label: 'Strike <b>', color: 'rgb(138,99,201)', type: 'Event', attendance: 1200 });
    expect(read.getEdgeAttributes('rel/led')).toMatchObject({ label: 'LED', role: 'organiser' });
  });
});
