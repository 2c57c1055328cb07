// The model declaration: display metadata readable on light and dark backgrounds, consistent types, and the schema file derived from it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelDecl, MODEL, relationDecl, RESERVED_PROPERTIES } from '../../model/index.ts';
import { validateDatasetFile } from '../../ingest/dataset/loader.ts';
import { renderSchema, SCHEMA_PATH, schemaStatements, statementName } from '../../ingest/schema.ts';
import { renderTimelineSlices, TIMELINE_SLICES_DIR } from '../../db/timeline-queries.ts';

const CYTOSCAPE_SHAPES = new Set([
  'ellipse', 'triangle', 'round-triangle', 'rectangle', 'round-rectangle', 'bottom-round-rectangle', 'cut-rectangle', 'barrel',
  'rhomboid', 'right-rhomboid', 'diamond', 'round-diamond', 'pentagon', 'round-pentagon', 'hexagon', 'round-hexagon',
  'concave-hexagon', 'heptagon', 'round-heptagon', 'octagon', 'round-octagon', 'star', 'tag', 'round-tag', 'vee',
]);

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

// The page uses the system colours Canvas: white in light mode, #121212 in Chromium's dark mode.
const BACKGROUNDS = ['#ffffff', '#121212'];

describe('model declaration', () => {
  it('gives each label a distinct Cytoscape shape, a caption it declares or stores, and a colour readable on light and dark (3:1)', () => {
    expect(new Set(MODEL.labels.map((l) => l.shape)).size).toBe(MODEL.labels.length);
    for (const label of MODEL.labels) {
      expect(CYTOSCAPE_SHAPES.has(label.shape), label.label).toBe(true);
      expect(label.caption === 'name' || label.caption in label.properties, label.label).toBe(true);
      expect(label.color).toMatch(/^#[0-9a-f]{6}$/);
      for (const bg of BACKGROUNDS) expect(contrast(label.color, bg), `${label.label} on ${bg}`).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(MODEL.labels.map((l) => l.color)).size).toBe(MODEL.labels.length);
  });

  it('declares relation types once, in UPPER_SNAKE_CASE, between declared labels, with readable colours', () => {
    const labels = new Set(MODEL.labels.map((l) => l.label));
    expect(new Set(MODEL.relations.map((r) => r.type)).size).toBe(MODEL.relations.length);
    for (const relation of MODEL.relations) {
      expect(relation.type).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(relation.from.length).toBeGreaterThan(0);
      expect(relation.to.length).toBeGreaterThan(0);
      for (const label of [...relation.from, ...relation.to]) expect(labels.has(label), `${relation.type}: ${label}`).toBe(true);
      for (const bg of BACKGROUNDS) expect(contrast(relation.color, bg), `${relation.type} on ${bg}`).toBeGreaterThanOrEqual(3);
    }
    expect(relationDecl('DISSOLVED')).toMatchObject({ from: ['Authority'], to: ['Organization'] });
    expect(relationDecl('ACCUSED')!.properties.words).toMatchObject({ type: 'string', required: true });
    expect(labelDecl('Person')!.caption).toBe('name');
    expect(labelDecl('Entity')).toBeUndefined();
    expect(relationDecl('NOPE')).toBeUndefined();
  });

  it('never declares a reserved property, and gives each property name one type across the model', () => {
    const types = new Map<string, string>();
    for (const decl of [...MODEL.labels, ...MODEL.relations]) {
      for (const [name, property] of Object.entries(decl.properties)) {
        expect(RESERVED_PROPERTIES, name).not.toContain(name);
        expect(property.description.length).toBeGreaterThan(5);
        const seen = types.get(name);
        if (seen) expect(property.type, name).toBe(seen);
        types.set(name, property.type);
      }
    }
  });

  it('is documented for researchers: seed/README.md lists every type and its properties', () => {
    const readme = readFileSync('seed/README.md', 'utf8');
    for (const decl of [...MODEL.labels.map((l) => ({ name: l.label, properties: l.properties })), ...MODEL.relations.map((r) => ({ name: r.type, properties: r.properties }))]) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${decl.name}\` |`));
      expect(row, decl.name).toBeDefined();
      for (const property of Object.keys(decl.properties)) expect(row, `${decl.name}.${property}`).toContain(`\`${property}\``);
    }
  });

  it('is used in full by the Mali dataset: every label and every relation type', () => {
    const { plan } = validateDatasetFile('seed/mali/dataset.yaml');
    expect(Object.keys(plan.counts.byLabel).sort()).toEqual(MODEL.labels.map((l) => l.label).sort());
    expect(Object.keys(plan.counts.byType).sort()).toEqual(MODEL.relations.map((r) => r.type).sort());
  });
});

describe('generated timeline queries', () => {
  it('cypher/queries/timeline/*.cypher are rendered from the declaration: the entities and one per relationship type', () => {
    const rendered = renderTimelineSlices();
    expect(readdirSync(TIMELINE_SLICES_DIR).sort()).toEqual([...rendered.keys()].map((f) => path.basename(f)).sort());
    for (const [file, text] of rendered) expect(readFileSync(file, 'utf8'), file).toBe(text);
    expect(rendered.size).toBe(MODEL.relations.length + 1);
    for (const relation of MODEL.relations) expect(rendered.get(path.join(TIMELINE_SLICES_DIR, `${relation.type.toLowerCase()}.cypher`))).toContain(`MATCH ()-[x:${relation.type}]->()`);
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toContain(`FOR (n:${MODEL.entityLabel}) ON (n.endDate)`);
  });
});

describe('cypher/schema.cypher', () => {
  const text = readFileSync(SCHEMA_PATH, 'utf8');

  it('is the schema rendered from the declaration (regenerate with `npx tsx ingest/seed-cli.ts --write-schema`)', () => {
    expect(text).toBe(renderSchema());
  });

  it('has only idempotent, named statements, with a date index for every relation type', () => {
    const statements = schemaStatements(text);
    for (const statement of statements) {
      expect(statement).toMatch(/^CREATE .* IF NOT EXISTS /s);
      expect(statementName(statement), statement).toBeDefined();
    }
    for (const relation of MODEL.relations) {
      expect(text).toContain(`FOR ()-[r:${relation.type}]-() ON (r.date)`);
      expect(text).toContain(`FOR ()-[r:${relation.type}]-() ON (r.endDate)`);
    }
    expect(text).toContain("`fulltext.analyzer`: 'standard-folding'");
    expect(statements.filter((s) => s.startsWith('CREATE CONSTRAINT'))).toHaveLength(2);
  });

  it('splits statements on ; and drops // comments', () => {
    expect(schemaStatements('// a comment\nCREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.p);\n\n  // another\nCREATE INDEX b IF NOT EXISTS\n  FOR (n:Y) ON (n.q);\n')).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.p)',
      'CREATE INDEX b IF NOT EXISTS\n  FOR (n:Y) ON (n.q)',
    ]);
  });
});
