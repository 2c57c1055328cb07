// The model as data: the civic-space declaration is readable and consistent, model files are checked
// with errors that name the place, extensions add without overriding, and the Cypher schema derives from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  civicSpaceModel,
  datasetModel,
  declaredDateProperties,
  loadModelFile,
  ModelError,
  NODE_SHAPES,
  parseModelExtension,
  RESERVED_PROPERTIES,
  renderSchema,
  schemaStatements,
  type ModelIssue,
} from '../../model/index.ts';
import { validateDatasetFile } from '../../ingest/dataset/loader.ts';

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

function issuesOf(fn: () => unknown): ModelIssue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return [...(error as ModelError).issues];
  }
  throw new Error('expected a ModelError');
}

const MODEL = civicSpaceModel();

describe('the civic-space model (model/civic-space.yaml)', () => {
  it('gives each label a distinct Cytoscape shape, a caption it declares or stores, and a colour readable on light and dark (3:1)', () => {
    expect(MODEL.labels.length).toBe(6);
    expect(new Set(MODEL.labels.map((l) => l.shape)).size).toBe(MODEL.labels.length);
    for (const label of MODEL.labels) {
      expect((NODE_SHAPES as readonly string[]).includes(label.shape), label.label).toBe(true);
      expect(label.caption === 'name' || label.caption in label.properties, label.label).toBe(true);
      for (const bg of BACKGROUNDS) expect(contrast(label.color, bg), `${label.label} on ${bg}`).toBeGreaterThanOrEqual(3);
      expect(label.evidence).toBe('quote');
      expect(label.declaredIn).toMatch(/civic-space\.yaml: labels\./);
    }
    expect(new Set(MODEL.labels.map((l) => l.color)).size).toBe(MODEL.labels.length);
  });

  it('declares relation types once, between declared labels, with readable colours', () => {
    expect(MODEL.relations.length).toBe(20);
    for (const relation of MODEL.relations) {
      for (const label of [...relation.from, ...relation.to]) expect(MODEL.label(label), `${relation.type}: ${label}`).toBeDefined();
      for (const bg of BACKGROUNDS) expect(contrast(relation.color, bg), `${relation.type} on ${bg}`).toBeGreaterThanOrEqual(3);
    }
    expect(MODEL.relation('DISSOLVED')).toMatchObject({ from: ['Authority'], to: ['Organization'] });
    expect(MODEL.relation('ACCUSED')!.properties.words).toMatchObject({ type: 'string', required: true });
    expect(MODEL.relation('LEADS')!.to).toEqual(['Organization', 'Authority', 'Institution']);
    expect(MODEL.label('Person')!.caption).toBe('name');
    expect(MODEL.label('Entity')).toBeUndefined();
    expect(MODEL.relation('NOPE')).toBeUndefined();
    expect([...MODEL.referenceProperties]).toEqual(['claimedBy']);
  });

  it('never declares a reserved property, and gives each property name one type across the model', () => {
    const types = new Map<string, string>();
    for (const decl of [...MODEL.labels, ...MODEL.relations]) {
      for (const [name, property] of Object.entries(decl.properties)) {
        expect(RESERVED_PROPERTIES.has(name), name).toBe(false);
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

describe('model files and extensions', () => {
  it('a model that extends civic space adds its labels and types and keeps the base', () => {
    const land = loadModelFile('tests/fixtures/models/land.yaml');
    expect(land.id).toBe('land');
    expect(land.labels.map((l) => l.label)).toEqual([...MODEL.labels.map((l) => l.label), 'Parcel']);
    expect(land.relation('CLAIMS')!.to).toEqual(['Parcel']);
    expect(land.relation('DISSOLVED')).toBe(MODEL.relation('DISSOLVED'));
    expect(declaredDateProperties(land.label('Parcel'))).toEqual(['allocatedOn']);
    // The base model is not changed by being extended.
    expect(civicSpaceModel().label('Parcel')).toBeUndefined();
  });

  it('names every mistake of a model file with its file and place, all at once', () => {
    const issues = issuesOf(() => loadModelFile('tests/fixtures/models/broken.yaml'));
    const at = (p: string) => issues.filter((i) => i.path === p).map((i) => i.message);
    expect(issues.every((i) => i.file.endsWith('broken.yaml'))).toBe(true);
    expect(at('labels.Company.color')).toEqual(['must be a colour written #rrggbb']);
    expect(at('labels.Company.shape')[0]).toMatch(/^must be a Cytoscape shape/);
    // Shape errors come first (zod); the whole-model rules run on a model that parsed.
    expect(issues).toHaveLength(2);
  });

  it('refuses a redeclared label or type, naming both places; an identical redeclaration is accepted', () => {
    const conflict = parseModelExtension({ labels: { Person: { description: 'Another person.', color: '#000000', shape: 'ellipse' } } }, 'data/x.yaml');
    const issues = issuesOf(() => datasetModel(conflict, 'data/x.yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'data/x.yaml', path: 'model.labels.Person' });
    expect(issues[0]!.message).toMatch(/conflicts with the label declared in model\/civic-space\.yaml: labels\.Person/);

    const person = MODEL.label('Person')!;
    const same = parseModelExtension({ labels: { Person: { description: person.description, caption: person.caption, color: person.color, shape: person.shape, properties: person.properties, evidence: 'quote' } } }, 'data/y.yaml');
    expect(datasetModel(same, 'data/y.yaml').labels).toHaveLength(MODEL.labels.length);
  });

  it('refuses unknown ends, reserved properties and captions that name nothing', () => {
    const extension = parseModelExtension(
      {
        labels: { Parcel: { description: 'Land.', caption: 'title', color: '#6b8e23', shape: 'ellipse', properties: { aliases: { type: 'string[]', description: 'Reserved.' } } } },
        relations: { OWNS: { description: 'Owns.', from: ['Company'], to: ['Parcel'], color: '#336699' } },
      },
      'data/z.yaml',
    );
    const issues = issuesOf(() => datasetModel(extension, 'data/z.yaml'));
    expect(issues.map((i) => i.path).sort()).toEqual(['model.labels.Parcel.caption', 'model.labels.Parcel.properties.aliases', 'model.relations.OWNS.from[0]']);
    expect(issues.find((i) => i.path === 'model.relations.OWNS.from[0]')!.message).toMatch(/names the label 'Company', which the model does not declare/);
  });

  it('checks the shape of a dataset extension with paths under model', () => {
    const issues = issuesOf(() => parseModelExtension({ labels: { parcel: { description: 'x' } }, colours: {} }, 'data/w.yaml'));
    expect(issues.map((i) => i.path)).toContain('model.labels.parcel');
    expect(issues.some((i) => i.path === 'model' && /colours/.test(i.message))).toBe(true);
  });
});

describe('the Cypher schema, derived from the model', () => {
  it('has only idempotent, named statements, with date, end-date and id indexes for every relation type', () => {
    const statements = schemaStatements(MODEL);
    expect(new Set(statements.map((s) => s.name)).size).toBe(statements.length);
    for (const s of statements) {
      expect(s.cypher).toMatch(/^CREATE .* IF NOT EXISTS /s);
      expect(s.cypher).toContain(s.name);
    }
    const text = renderSchema(MODEL);
    for (const relation of MODEL.relations) {
      for (const key of ['date', 'endDate', 'id']) expect(text).toContain(`FOR ()-[r:${relation.type}]-() ON (r.${key});`);
    }
    expect(text).toContain("`fulltext.analyzer`: 'standard-folding'");
    expect(statements.filter((s) => s.cypher.startsWith('CREATE CONSTRAINT'))).toHaveLength(3);
  });

  it('grows with an extension: its types get their indexes', () => {
    const land = loadModelFile('tests/fixtures/models/land.yaml');
    // Date, end date, id and fact status for its one relation type.
    expect(schemaStatements(land).length).toBe(schemaStatements(MODEL).length + 4);
    expect(renderSchema(land)).toContain('CREATE INDEX rel_claims_fact_status IF NOT EXISTS FOR ()-[r:CLAIMS]-() ON (r.factStatus);');
    expect(renderSchema(land)).toContain('CREATE INDEX rel_claims_date IF NOT EXISTS FOR ()-[r:CLAIMS]-() ON (r.date);');
  });
});
