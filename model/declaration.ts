// The one declaration of the graph's labels, relationship types, their properties and display metadata.

export type PropertyType = 'string' | 'string[]' | 'number' | 'boolean' | 'date';

export interface PropertyDecl {
  type: PropertyType;
  required?: boolean;
  description: string;
  /** The value names another entity by its dataset id (the loader checks that it exists). */
  references?: 'entity';
}

export interface LabelDecl {
  label: string;
  description: string;
  /** The property shown as the node's caption. */
  caption: string;
  /** Hex colour, readable on light and dark backgrounds (tests/unit/model.test.ts checks the contrast). */
  color: string;
  /** A Cytoscape node shape name, distinct per label. */
  shape: string;
  properties: Record<string, PropertyDecl>;
}

export interface RelationDecl {
  type: string;
  description: string;
  /** Labels allowed at the start of the relationship. */
  from: string[];
  /** Labels allowed at the end of the relationship. */
  to: string[];
  color: string;
  properties: Record<string, PropertyDecl>;
}

export interface Model {
  entityLabel: 'Entity';
  sourceLabel: 'Source';
  labels: readonly LabelDecl[];
  relations: readonly RelationDecl[];
}

const description: PropertyDecl = { type: 'string', description: 'A short description in the dataset author’s words.' };
const kind = (examples: string): PropertyDecl => ({ type: 'string', description: `What sort of thing it is, e.g. ${examples}.` });
const country: PropertyDecl = { type: 'string', description: 'The country it belongs to or acts in.' };

const ACTORS = ['Person', 'Organization', 'Authority', 'Institution'];
const BODIES = ['Organization', 'Authority', 'Institution'];

const LABELS: readonly LabelDecl[] = [
  {
    label: 'Person',
    description: 'A named individual.',
    caption: 'name',
    color: '#3f7fbf',
    shape: 'ellipse',
    properties: {
      rank: { type: 'string', description: 'Military rank or title as the source writes it, e.g. "Lt. Col.".' },
      description,
    },
  },
  {
    label: 'Organization',
    description: 'A non-state group: association, political organization, civil-society group, coalition, NGO.',
    caption: 'name',
    color: '#d9731a',
    shape: 'round-rectangle',
    properties: { kind: kind('"student association", "political organization"'), country, description },
  },
  {
    label: 'Authority',
    description: 'A state power or one of its organs: a government or junta, a ministry or office, a council, security forces.',
    caption: 'name',
    color: '#d23c3c',
    shape: 'diamond',
    properties: { kind: kind('"military government", "ministerial office", "security forces"'), country, description },
  },
  {
    label: 'Institution',
    description: 'A public or international body that monitors or speaks on rights without governing: a national human rights commission, a UN office.',
    caption: 'name',
    color: '#2e9a6b',
    shape: 'hexagon',
    properties: { kind: kind('"national human rights institution", "UN office"'), country, description },
  },
  {
    label: 'Event',
    description: 'Something that happened at a time: a coup, clashes, a parade, a suspension, elections called for.',
    caption: 'name',
    color: '#8a63c9',
    shape: 'round-triangle',
    properties: { kind: kind('"military coup", "armed clashes"'), place: { type: 'string', description: 'Where it happened.' }, description },
  },
  {
    label: 'Publication',
    description: 'A text someone issued: a book, a statement, a communiqué, a report.',
    caption: 'name',
    color: '#a88412',
    shape: 'tag',
    properties: {
      kind: kind('"book", "statement", "communiqué", "report"'),
      publisher: { type: 'string', description: 'Who published it.' },
      url: { type: 'string', description: 'Where it can be read.' },
      language: { type: 'string', description: 'Language code of the text, e.g. "en", "fr".' },
      description,
    },
  },
];

const RELATIONS: readonly RelationDecl[] = [
  // Structure: who leads, holds office in, belongs to or speaks for what.
  {
    type: 'LEADS',
    description: 'A person leads a body or a group.',
    from: ['Person'],
    to: BODIES,
    color: '#5b7083',
    properties: { role: { type: 'string', description: 'The role as the source names it, e.g. "leader".' }, description },
  },
  {
    type: 'CHAIRS',
    description: 'A person chairs (presides over) an organization or institution.',
    from: ['Person'],
    to: ['Organization', 'Institution'],
    color: '#4f7a94',
    properties: { role: { type: 'string', description: 'The title as the source names it, e.g. "chairman".' }, description },
  },
  {
    type: 'HOLDS_OFFICE_IN',
    description: 'A person holds an office in (or is) a state authority.',
    from: ['Person'],
    to: ['Authority'],
    color: '#6a6fa8',
    properties: { office: { type: 'string', description: 'The office held, in the source’s words.' }, description },
  },
  {
    type: 'MEMBER_OF',
    description: 'A person serves in or is a member of a body.',
    from: ['Person'],
    to: BODIES,
    color: '#7c8a96',
    properties: { role: { type: 'string', description: 'Rank or role within the body.' }, description },
  },
  {
    type: 'SPOKESPERSON_FOR',
    description: 'A person speaks officially for a body.',
    from: ['Person'],
    to: BODIES,
    color: '#3d8c9e',
    properties: { description },
  },
  {
    type: 'PART_OF',
    description: 'A body is part of a larger body.',
    from: BODIES,
    to: BODIES,
    color: '#8a8f98',
    properties: { description },
  },
  // Acts against civic space.
  {
    type: 'DISSOLVED',
    description: 'An authority dissolved an organization.',
    from: ['Authority'],
    to: ['Organization'],
    color: '#c9302c',
    properties: {
      instrument: { type: 'string', description: 'The legal act, e.g. "order of the minister", "council of ministers communiqué".' },
      statedReason: { type: 'string', description: 'The reason the authority gave, in the words the source quotes.' },
      description,
    },
  },
  {
    type: 'ACCUSED',
    description: 'An actor accused another: the edge belongs to the accuser and carries the accusation’s words.',
    from: ACTORS,
    to: ACTORS,
    color: '#e0672b',
    properties: {
      words: { type: 'string', required: true, description: 'The accusation, verbatim as the source quotes it.' },
      originalWords: { type: 'string', description: 'The accusation in its original language, where a source gives it.' },
      description,
    },
  },
  {
    type: 'ARRESTED',
    description: 'An authority arrested a person or members of a group.',
    from: ['Authority'],
    to: ['Person', 'Organization'],
    color: '#b5446e',
    properties: {
      whom: { type: 'string', description: 'Who exactly was arrested when the target is a group, e.g. "some of its members".' },
      claimedBy: { type: 'string', references: 'entity', description: 'The id of the party whose claim this is, when the source reports it as someone’s claim.' },
      description,
    },
  },
  {
    type: 'FORCIBLY_DISAPPEARED',
    description: 'An authority forcibly disappeared a person.',
    from: ['Authority'],
    to: ['Person'],
    color: '#b52a55',
    properties: { description },
  },
  // Texts: who wrote or issued what, and what it is about.
  {
    type: 'AUTHORED',
    description: 'A person or body wrote or signed a publication.',
    from: ACTORS,
    to: ['Publication'],
    color: '#9c7a1c',
    properties: { description },
  },
  {
    type: 'ISSUED',
    description: 'A body issued a publication in its name (a statement, a communiqué).',
    from: BODIES,
    to: ['Publication'],
    color: '#b08d2a',
    properties: { description },
  },
  {
    type: 'ABOUT',
    description: 'A publication is about an actor or an event.',
    from: ['Publication'],
    to: ['Person', 'Organization', 'Authority', 'Institution', 'Event'],
    color: '#a08b5a',
    properties: { description },
  },
  {
    type: 'CITED',
    description: 'A publication cited an event (as grounds for a decision).',
    from: ['Publication'],
    to: ['Event', 'Publication'],
    color: '#8d7440',
    properties: { description },
  },
  // Speech: concern, echo, demands.
  {
    type: 'EXPRESSED_CONCERN',
    description: 'An actor expressed concern about what another actor did.',
    from: [...ACTORS, 'Publication'],
    to: [...ACTORS, 'Event'],
    color: '#2f9e7a',
    properties: { words: { type: 'string', required: true, description: 'The concern, verbatim as the source quotes it.' }, description },
  },
  {
    type: 'ECHOED',
    description: 'An actor echoed a statement or another actor’s concerns.',
    from: ACTORS,
    to: [...ACTORS, 'Publication'],
    color: '#3aa39b',
    properties: { description },
  },
  {
    type: 'CALLED_FOR',
    description: 'An actor or publication called for something: on an authority to act, or for an event to happen.',
    from: [...ACTORS, 'Publication'],
    to: [...ACTORS, 'Event'],
    color: '#2d8fbd',
    properties: { demand: { type: 'string', required: true, description: 'What was called for, in the source’s words where it quotes them.' }, description },
  },
  // Events: who did them, who took part.
  {
    type: 'CARRIED_OUT',
    description: 'An actor carried out an event (a suspension, an operation).',
    from: ACTORS,
    to: ['Event'],
    color: '#7a55b8',
    properties: { description },
  },
  {
    type: 'CAME_TO_POWER_IN',
    description: 'An authority or person came to power through an event (a coup).',
    from: ['Authority', 'Person'],
    to: ['Event'],
    color: '#9a5fb0',
    properties: { description },
  },
  {
    type: 'ATTENDED',
    description: 'A person attended an event.',
    from: ['Person'],
    to: ['Event'],
    color: '#8f79c2',
    properties: { description },
  },
];

export const MODEL: Model = {
  entityLabel: 'Entity',
  sourceLabel: 'Source',
  labels: LABELS,
  relations: RELATIONS,
};

const labelsByName = new Map(LABELS.map((decl) => [decl.label, decl]));
const relationsByType = new Map(RELATIONS.map((decl) => [decl.type, decl]));

export function labelDecl(label: string): LabelDecl | undefined {
  return labelsByName.get(label);
}

export function relationDecl(type: string): RelationDecl | undefined {
  return relationsByType.get(type);
}

/**
 * Property names the storage contract gives a fixed meaning (names, dates, evidence); a declared
 * or dataset property may not use them.
 */
export const RESERVED_PROPERTIES: readonly string[] = [
  'id',
  'name',
  'aliases',
  'aliasLanguages',
  'searchText',
  'date',
  'datePrecision',
  'dateInferred',
  'dateSource',
  'endDate',
  'evidenceSources',
  'evidenceQuotes',
  'evidenceStarts',
  'evidenceEnds',
];
