// Export serialisers: CSV quoting and formula guard, GraphML well-formed with declared keys.
import { XMLValidator, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { csvCell, edgesCsv, graphml, nodesCsv, type ExportGraph } from '../../server/services/export.ts';

const graph: ExportGraph = {
  nodes: [
    { id: 'org/a', labels: ['Organization', 'Entity'], caption: 'A "quoted", name', properties: { name: 'A', aliases: ['Â', 'a&b <c>'], founded: 1990 }, evidence: [{ sourceId: 'src/x', quote: 'line\nbreak', level: 'quote' }], color: '#4e79a7' },
    { id: 'person/b', labels: ['Person', 'Entity'], caption: '=HYPERLINK("x")', properties: { name: '=HYPERLINK("x")' }, evidence: [] },
  ],
  edges: [{ id: 'rel/1', type: 'ACCUSED', source: 'org/a', target: 'person/b', properties: { words: 'said "so"', date: '2024-01-01' }, evidence: [{ sourceId: 'src/x', quote: 'q', level: 'quote' }] }],
  missing: [],
};

describe('CSV', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell(['x', 'y'])).toBe('x | y');
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
});
