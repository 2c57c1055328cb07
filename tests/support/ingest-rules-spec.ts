// The ingest rules' specification, as data: one valid dataset, one broken copy of it per rule, and what every way
// in (ways-in.ts: dataset YAML and JSON, bulk NDJSON and CSV, a neo4j-admin folder; FtM in its own model) says of
// it. tests/unit checks every cell without a database; tests/integration a few through the writers.
import { fixtureDataset } from './fixture-dataset.ts';

/** A valid dataset touching every rule; each rule breaks a copy of it. Relation ids have no `/`, so a neo4j-admin folder keeps them. */
export function base() {
  return fixtureDataset('test/ingest-rules', 'Ingest rules', {
    entities: [
      { id: 'org/aeem', type: 'Organization', name: 'Association des Élèves', aliases: ['AEEM'], properties: { kind: 'student association' }, evidence: [{ source: 'src/text', quote: 'Association des Élèves' }] },
      { id: 'authority/mat', type: 'Authority', name: 'Ministère', evidence: [{ source: 'src/excerpt', quote: 'The ministry' }] },
      { id: 'person/leader', type: 'Person', name: 'Moussa Exemple', evidence: [{ source: 'src/excerpt', quote: 'Its leader' }] },
      { id: 'event/coup', type: 'Event', name: 'Coup', date: { on: '2021-05-24', inferred: false, source: 'src/text' }, evidence: [{ source: 'src/text', quote: 'Le 24 mai 2021' }] },
    ] as any[],
    relations: [
      { id: 'rel-dissolved', type: 'DISSOLVED', from: 'authority/mat', to: 'org/aeem', date: { on: '2024-03', inferred: true }, evidence: [{ source: 'src/excerpt', quote: 'The ministry dissolved the association.' }] },
      { id: 'rel-accused', type: 'ACCUSED', from: 'authority/mat', to: 'org/aeem', properties: { words: 'troubler l’ordre public' }, evidence: [{ source: 'src/text', quote: 'troubler l’ordre public' }] },
      { id: 'rel-arrested', type: 'ARRESTED', from: 'authority/mat', to: 'person/leader', properties: { claimedBy: 'authority/mat' }, evidence: [{ source: 'src/excerpt', quote: 'Its leader was arrested.' }] },
    ] as any[],
  });
}

export type Dataset = ReturnType<typeof base>;

/** An FtM entity line. */
export interface FtmLine {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/**
 * The same facts in FollowTheMoney (ids as our FtM export writes ours: `org--aeem` is `org/aeem`). FtM evidence
 * is document-level (proof documents), and its types are FtM's own, so only some rules can be broken alike.
 */
export function ftmBase(): FtmLine[] {
  const doc = (id: string, title: string, publisher: string, url: string): FtmLine => ({ id, schema: 'Document', properties: { title: [title], publisher: [publisher], sourceUrl: [url] } });
  const thing = (id: string, schema: string, proof: string, properties: Record<string, string[]>): FtmLine => ({ id, schema, properties: { ...properties, proof: [proof] } });
  return [
    doc('src--text', 'Held text', 'Journal', 'https://example.org/t'),
    doc('src--excerpt', 'Excerpt only', 'Radio', 'https://example.org/e'),
    thing('org--aeem', 'Organization', 'src--text', { name: ['Association des Élèves'], alias: ['AEEM'] }),
    thing('authority--mat', 'PublicBody', 'src--excerpt', { name: ['Ministère'] }),
    thing('person--leader', 'Person', 'src--excerpt', { name: ['Moussa Exemple'] }),
    thing('event--coup', 'Event', 'src--text', { name: ['Coup'], date: ['2021-05-24'] }),
    thing('rel-dissolved', 'Membership', 'src--excerpt', { member: ['authority--mat'], organization: ['org--aeem'], startDate: ['2024-03'] }),
    thing('rel-accused', 'UnknownLink', 'src--text', { subject: ['authority--mat'], object: ['org--aeem'] }),
  ];
}

const byId = (items: { id: string }[], id: string): any => {
  const found = items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

/** What a way in must report: an issue with this id (a pattern for ids made from a temporary file's name), field and message. */
export interface Expected {
  id: string | RegExp;
  field?: string;
  message: RegExp;
}

/**
 * How a way in meets a rule when not exactly as the dataset file does: it reports the same input in its
 * own words (`says`), or the input means something valid there (`accepts`), each with the reason.
 */
export type Otherwise = { says: Expected; why: string } | { accepts: string };

/** FtM's column: the same mistake written in FtM, reported as `says` (default: the row's own), or why FtM cannot hold it. */
export type FtmCell = { break: (lines: FtmLine[]) => void; says?: Expected; why?: string } | { na: string };

export interface RuleRow {
  rule: string;
  break: (d: Dataset) => void;
  says: Expected;
  /** Ways in that do not say exactly what the dataset file says; every other one does (the same issues, ids, fields, messages). */
  otherwise?: Partial<Record<'csv' | 'admin', Otherwise>>;
  ftm: FtmCell;
}

const QUOTES_NA = { na: 'FtM holds no quoted passage: its evidence is document-level' } as const;
const CSV_DATES = 'a CSV date is a full date with a precision, so the reader finds the mismatch first';
const COLUMNS = 'in CSV every column that is not the storage contract is a property';

/** One row per rule: the bad input written once, what every way in says about it, and where a way in differs. */
export const RULES: RuleRow[] = [
  {
    rule: 'a quote not in the held text',
    break: (d) => (byId(d.entities, 'org/aeem').evidence[0].quote = 'Association des Parents'),
    says: { id: 'org/aeem', field: 'evidence[0].quote', message: /^quote not found in source 'src\/text' \(even after folding whitespace\); closest passage/ },
    ftm: QUOTES_NA,
  },
  {
    rule: 'a quote retyped with straight apostrophes',
    break: (d) => (byId(d.relations, 'rel-accused').evidence[0].quote = "troubler l'ordre public"),
    says: { id: 'rel-accused', field: 'evidence[0].quote', message: /different quotation marks, apostrophes, dashes or case/ },
    ftm: QUOTES_NA,
  },
  {
    rule: 'a quote not in the excerpt',
    break: (d) => (byId(d.entities, 'person/leader').evidence[0].quote = 'Its chairman'),
    says: { id: 'person/leader', field: 'evidence[0].quote', message: /^quote not found in the excerpt of source 'src\/excerpt'/ },
    ftm: QUOTES_NA,
  },
  {
    rule: 'a quote missing where the model wants quotes',
    break: (d) => delete byId(d.entities, 'person/leader').evidence[0].quote,
    says: { id: 'person/leader', field: 'evidence[0].quote', message: /^is required: type Person needs a verbatim quote/ },
    ftm: { na: "FtM's labels want document-level evidence only" },
  },
  {
    rule: 'evidence citing an unknown source',
    break: (d) => (byId(d.entities, 'person/leader').evidence[0].source = 'src/nowhere'),
    says: { id: 'person/leader', field: 'evidence[0].source', message: /^unknown source 'src\/nowhere' \(sources: src\/excerpt, src\/text\)$/ },
    ftm: { break: (l) => (byId(l, 'person--leader').properties.proof = ['src--nowhere']) },
  },
  {
    rule: 'evidence citing an entity as its source',
    break: (d) => (byId(d.relations, 'rel-accused').evidence[0].source = 'org/aeem'),
    says: { id: 'rel-accused', field: 'evidence[0].source', message: /^'org\/aeem' is not a source \(it is an entity\)/ },
    ftm: {
      break: (l) => (byId(l, 'rel-accused').properties.proof = ['org--aeem']),
      says: { id: 'org/aeem', field: 'schema', message: /^'org--aeem' is named as proof but is a Organization, not a Document$/ },
      why: 'FtM proof names documents: the reader refuses a proof that is not one',
    },
  },
  {
    rule: 'an entity without evidence',
    break: (d) => (byId(d.entities, 'authority/mat').evidence = []),
    says: { id: 'authority/mat', field: 'evidence', message: /needs at least one piece of evidence/ },
    ftm: {
      break: (l) => delete byId(l, 'authority--mat').properties.proof,
      says: { id: /^ftm-file\//, field: 'proof', message: /^1 FtM entity names no proof and no sourceUrl, .* --source-url URL/ },
      why: 'FtM evidence is a proof or a sourceUrl: the entities with neither get one problem, on the file, that names the fix (--source-url)',
    },
  },
  {
    rule: 'an unknown entity type',
    break: (d) => (byId(d.entities, 'person/leader').type = 'Wizard'),
    says: { id: 'person/leader', field: 'type', message: /^unknown entity type 'Wizard' \(declared types: Person, Organization/ },
    otherwise: {
      admin: {
        says: { id: 'rel-arrested', field: 'to', message: /^ARRESTED cannot end at 'person\/leader' \(a Wizard\); it goes from Authority to Person\|Organization$/ },
        why: 'a neo4j-admin folder declares the labels it uses: Wizard is inferred, and only its use where a Person is wanted is refused',
      },
    },
    ftm: {
      break: (l) => (byId(l, 'person--leader').schema = 'Wizard'),
      says: { id: 'person/leader', field: 'schema', message: /^unknown FtM schema 'Wizard'/ },
      why: "FtM's types are its schemata",
    },
  },
  {
    rule: 'an unknown relation type',
    break: (d) => (byId(d.relations, 'rel-dissolved').type = 'DISOLVED'),
    says: { id: 'rel-dissolved', field: 'type', message: /^unknown relation type 'DISOLVED'/ },
    otherwise: { admin: { accepts: 'a neo4j-admin folder declares the types it uses: DISOLVED is inferred' } },
    ftm: { na: "FtM's relationship types come from its edge schemata (an unknown one is an unknown schema)" },
  },
  {
    rule: 'an end whose label the type does not allow',
    break: (d) => (byId(d.relations, 'rel-dissolved').from = 'person/leader'),
    says: { id: 'rel-dissolved', field: 'from', message: /^DISSOLVED cannot start at 'person\/leader' \(a Person\); it goes from Authority to Organization$/ },
    ftm: {
      break: (l) => (byId(l, 'rel-dissolved').properties.member = ['event--coup']),
      says: { id: 'rel-dissolved', field: 'from', message: /^MEMBERSHIP cannot start at 'event\/coup' \(a FtmEvent\); it goes from / },
      why: 'the same rule over FtM’s own types',
    },
  },
  {
    rule: 'a dangling end',
    break: (d) => (byId(d.relations, 'rel-dissolved').to = 'org/ghost'),
    says: { id: 'rel-dissolved', field: 'to', message: /^'org\/ghost' is not an entity of the dataset \(dangling end\)$/ },
    ftm: { break: (l) => (byId(l, 'rel-dissolved').properties.organization = ['org--ghost']) },
  },
  {
    rule: 'a relation to a source',
    break: (d) => (byId(d.relations, 'rel-accused').to = 'src/text'),
    says: { id: 'rel-accused', field: 'to', message: /^'src\/text' is a source, not an entity/ },
    ftm: { break: (l) => (byId(l, 'rel-accused').properties.object = ['src--text']) },
  },
  {
    rule: 'a relation from an entity to itself',
    break: (d) => Object.assign(byId(d.relations, 'rel-accused'), { from: 'org/aeem', to: 'org/aeem' }),
    says: { id: 'rel-accused', field: 'to', message: /^a relation from 'org\/aeem' to itself$/ },
    ftm: { break: (l) => (byId(l, 'rel-accused').properties.subject = ['org--aeem']) },
  },
  {
    rule: 'an undeclared property',
    break: (d) => (byId(d.entities, 'org/aeem').properties.founded = '1990'),
    says: { id: 'org/aeem', field: 'properties.founded', message: /^'founded' is not a property of type Organization \(allowed: / },
    ftm: {
      break: (l) => (byId(l, 'org--aeem').properties.founded = ['1990']),
      says: { id: 'org/aeem', field: 'properties.founded', message: /^is not a property of FtM schema Organization$/ },
      why: "FtM's properties are its schema's: the reader names the schema",
    },
  },
  {
    rule: 'a property of the wrong type',
    break: (d) => (byId(d.entities, 'org/aeem').properties.kind = 3),
    says: { id: 'org/aeem', field: 'properties.kind', message: /^must be of type string, got number 3$/ },
    ftm: { na: 'FtM values are all lists of text' },
  },
  {
    rule: 'a reserved property name',
    break: (d) => (byId(d.entities, 'org/aeem').properties.synthetic = 'x'),
    says: { id: 'org/aeem', field: 'properties.synthetic', message: /^'synthetic' is reserved/ },
    otherwise: {
      admin: {
        says: { id: 'org/aeem', field: 'properties.syntheticValue', message: /^'syntheticValue' is not a property of type Organization/ },
        why: "a neo4j-admin folder's columns are named by anyone: a reserved name is kept as <name>Value (as an id column is idValue), which the model then checks",
      },
    },
    ftm: { na: "FtM's property names are its schema's, and the FtM model leaves out those our storage reserves" },
  },
  {
    rule: 'a required property missing',
    break: (d) => delete byId(d.relations, 'rel-accused').properties.words,
    says: { id: 'rel-accused', field: 'properties.words', message: /^is required for relation type ACCUSED/ },
    ftm: { na: 'the FtM model requires no property' },
  },
  {
    rule: 'a reference naming no entity',
    break: (d) => (byId(d.relations, 'rel-arrested').properties.claimedBy = 'authority/nobody'),
    says: { id: 'rel-arrested', field: 'properties.claimedBy', message: /^names 'authority\/nobody', which is not an entity of the dataset$/ },
    ftm: { na: "FtM's entity-typed properties become relationships: a reference to nothing is a dangling end" },
  },
  {
    rule: 'an alias repeating the name',
    break: (d) => byId(d.entities, 'org/aeem').aliases.push('association des élèves'),
    says: { id: 'org/aeem', field: 'aliases[1]', message: /repeats the name or another alias/ },
    ftm: { na: 'FtM lists names and aliases together, repeats allowed: the reader keeps each once' },
  },
  {
    rule: 'a date that does not exist',
    break: (d) => (byId(d.entities, 'event/coup').date.on = '2021-02-30'),
    says: { id: 'event/coup', field: 'date.on', message: /^'2021-02-30' does not exist \(2021-02 has 28 days\)$/ },
    ftm: {
      break: (l) => (byId(l, 'event--coup').properties.date = ['2021-02-30']),
      says: { id: 'event/coup', field: 'properties.date', message: /^'2021-02-30' does not exist \(2021-02 has 28 days\)$/ },
      why: 'the same date rule (model/dates.ts), on the FtM property that holds the date',
    },
  },
  {
    rule: 'a span that ends before it starts',
    break: (d) => (byId(d.relations, 'rel-dissolved').date.until = '2023-01'),
    says: { id: 'rel-dissolved', field: 'date.until', message: /^'2023-01' is before date\.on '2024-03'$/ },
    ftm: { break: (l) => (byId(l, 'rel-dissolved').properties.endDate = ['2023-01']) },
  },
  {
    rule: 'a precision that contradicts the date',
    break: (d) => (byId(d.entities, 'event/coup').date.precision = 'year'),
    says: { id: 'event/coup', field: 'date.precision', message: /^says 'year' but date\.on '2021-05-24' is written with day precision$/ },
    otherwise: {
      csv: { says: { id: 'event/coup', field: 'date', message: /^'2021-05-24' is not the first day of its year \(datePrecision year\)$/ }, why: CSV_DATES },
      admin: { says: { id: 'event/coup', field: 'date', message: /^'2021-05-24' is not the first day of its year \(datePrecision year\)$/ }, why: CSV_DATES },
    },
    ftm: { na: "an FtM date's precision is its length" },
  },
  {
    rule: 'a date credited to a source the item does not cite',
    break: (d) => (byId(d.entities, 'event/coup').date.source = 'src/excerpt'),
    says: { id: 'event/coup', field: 'date.source', message: /^'src\/excerpt' must be one of this item's evidence sources \(src\/text\)$/ },
    ftm: { na: 'FtM dates name no source' },
  },
  {
    rule: 'a duplicate id',
    break: (d) => d.entities.push({ ...byId(d.entities, 'person/leader'), name: 'Another' }),
    says: { id: 'person/leader', field: 'id', message: /^duplicate id: 'person\/leader' is already used / },
    ftm: { break: (l) => l.push({ ...byId(l, 'person--leader'), properties: { name: ['Another'], proof: ['src--text'] } }) },
  },
  {
    rule: 'an id that is not a slug',
    break: (d) => d.entities.push({ ...byId(d.entities, 'person/leader'), id: 'Person/Other' }),
    says: { id: 'Person/Other', field: 'id', message: /must be a lowercase slug/ },
    otherwise: { admin: { accepts: "a neo4j-admin folder's ids are anyone's: they are made into slugs (person/other)" } },
    ftm: {
      break: (l) => l.push({ ...byId(l, 'person--leader'), id: 'Person Other' }),
      says: { id: 'Person Other', field: 'id', message: /^FtM id 'Person Other' cannot be a dataset id/ },
      why: 'FtM ids are mapped to ours (lower-cased, -- for /): only one that cannot be mapped is refused',
    },
  },
  {
    rule: 'a misspelt field',
    break: (d) => (byId(d.entities, 'org/aeem').nmae = 'Association'),
    says: { id: 'org/aeem', message: /^unknown field 'nmae'$/ },
    otherwise: {
      csv: { says: { id: 'org/aeem', field: 'properties.nmae', message: /^'nmae' is not a property of type Organization/ }, why: COLUMNS },
      admin: { says: { id: 'org/aeem', field: 'properties.nmae', message: /^'nmae' is not a property of type Organization/ }, why: COLUMNS },
    },
    ftm: { na: 'an FtM line is read by its id, schema and properties, as FtM tools read it' },
  },
];

/** The row's bad input: a copy of the valid dataset, broken. */
export function broken(row: RuleRow): Dataset {
  const d = base();
  row.break(d);
  return d;
}

/** The FtM column's bad input: a copy of the valid FtM lines, broken. */
export function brokenFtm(cell: Extract<FtmCell, { break: unknown }>): FtmLine[] {
  const lines = ftmBase();
  cell.break(lines);
  return lines;
}
