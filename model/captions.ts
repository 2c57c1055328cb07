// The caption rule for a label nobody declared (a foreign database, an inferred model): which text properties name its nodes.

/** `name`, then `title`, then the text property most often filled; undefined when there is no text property. */
export function chooseCaption(textProperties: readonly { key: string; seen: number }[]): string | undefined {
  for (const preferred of ['name', 'title']) if (textProperties.some((p) => p.key === preferred)) return preferred;
  return [...textProperties].sort((a, b) => b.seen - a.seen)[0]?.key;
}

/** Neo4j's valueType() strings -> the model's property types (what the caption rule reads). */
export function propertyType(neo4jType: string): string {
  const t = neo4jType.replace(/ NOT NULL/g, '');
  if (t === 'STRING') return 'string';
  if (t === 'INTEGER' || t === 'FLOAT') return 'number';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t === 'LIST<STRING>') return 'string[]';
  if (/^LIST<(INTEGER|FLOAT)>$/.test(t)) return 'number[]';
  return t.toLowerCase();
}

/** A property seen on a sample of a label's nodes: its model type ('string', 'number', 'date', ...) and some values. */
export interface SampledProperty {
  key: string;
  type: string;
  seen: number;
  values?: readonly unknown[];
}

/**
 * The parts of a person's name, in reading order. Compared case-insensitively, with accents and
 * separators ('_', '-', ' ') ignored, so `first_name`, `FirstName` and `prénom` all count.
 */
const GIVEN = ['firstname', 'givenname', 'forename', 'first', 'given', 'prenom', 'vorname', 'nombre'];
const FAMILY = ['lastname', 'familyname', 'surname', 'last', 'family', 'nom', 'nachname', 'apellido', 'apellidos'];
/**
 * The parts that make a bare `name` the other half: `name` beside `surname` is a given name, `given_name`
 * beside `name` makes it the family name. Not the words that mean something else beside a name: a plant's
 * `family`, a `last` seen, `nom` and `nombre` (which are `name` itself), a bare `first` or `given`.
 */
const GIVEN_BESIDE_NAME = ['firstname', 'givenname', 'forename', 'prenom', 'vorname'];
const FAMILY_BESIDE_NAME = ['lastname', 'familyname', 'surname', 'nachname', 'apellido', 'apellidos'];
const NAME_PARTS = [...GIVEN, ...FAMILY];

/** The words of sampled text values, folded: for telling whether one property already holds another. */
const folded = (values: readonly unknown[] | undefined) =>
  (values ?? []).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => ` ${v.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()} `);

/** Whether the sample shows `whole` holding `part` already (a full name beside its surname): most part values are words of some whole value. */
function alreadyHolds(whole: SampledProperty, part: SampledProperty): boolean {
  const wholes = folded(whole.values);
  const parts = [...new Set(folded(part.values))];
  if (!wholes.length || !parts.length) return false;
  const held = parts.filter((p) => wholes.some((w) => w !== p && w.includes(p))).length;
  return held * 2 >= parts.length;
}

/**
 * A person's name in two properties, given name first: a given and a family name (`first_name` and `last_name`,
 * `forename` and `surname`, `prénom` and `nom`), or a bare `name` beside a family name (`name` and `surname`: the
 * Neo4j POLE dataset's people) or beside a given name (`given_name` and `name`). A `name` the sample shows already
 * holding the other part (`Ada Lovelace` beside `Lovelace`) is a full name, not a part. Undefined when there is none.
 */
export function personNameParts(properties: readonly SampledProperty[]): [given: string, family: string] | undefined {
  const byKey = new Map(properties.filter(isText).map((p) => [normalizeKey(p.key), p] as const));
  const find = (keys: readonly string[]) => keys.map((k) => byKey.get(k)).find(Boolean);
  const given = find(GIVEN);
  const family = find(FAMILY);
  if (given && family) return [given.key, family.key];
  const name = byKey.get('name');
  if (!name) return undefined;
  const surname = find(FAMILY_BESIDE_NAME);
  if (surname && !alreadyHolds(name, surname)) return [name.key, surname.key];
  const forename = find(GIVEN_BESIDE_NAME);
  if (forename && !alreadyHolds(name, forename)) return [forename.key, name.key];
  return undefined;
}

/** Keys that name a thing for people, before any sampling. */
const NAME_KEYS = ['name', 'fullname', 'title', 'displayname', 'label', 'caption', 'nom', 'nombre'];

/** Keys that are bookkeeping or machine identifiers, never a caption (unless nothing else is left). */
const MACHINE_KEY = /^(id|uid|uuid|guid|key|pk|searchtext|aliaslanguages|dateprecision|dateinferred|hash|checksum|md5|sha\d*|evidence\w*|\w*(_id|Id|ID|_uid|Uid|UID|hash|Hash))$/;

const normalizeKey = (key: string) => key.normalize('NFD').replace(/\p{M}/gu, '').replace(/[\s_-]/g, '').toLowerCase();

/** What a sampled text value looks like to a reader. */
export type TextKind = 'readable' | 'code' | 'time' | 'date' | 'number' | 'hash' | 'empty';

export function textKind(value: string): TextKind {
  const v = value.trim();
  if (!v) return 'empty';
  if (/^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s?[ap]\.?m\.?)?$/i.test(v)) return 'time';
  if (/^\d{4}-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?$/.test(v) || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(v)) return 'date';
  if (/^[+-]?[\d\s.,'()+-]+$/.test(v)) return 'number';
  if (/^(0x)?[0-9a-f]{16,}$/i.test(v) || (/^[A-Za-z0-9+/=_-]{20,}$/.test(v) && /\d/.test(v) && /[A-Za-z]/.test(v))) return 'hash';
  const letters = (v.match(/\p{L}/gu) ?? []).length;
  const alnum = (v.match(/[\p{L}\p{N}]/gu) ?? []).length;
  // 'person-12', 'TX1000012', 'VL12 4000 100012': identifiers rather than words.
  if (/^\p{L}{1,12}[-_:/#]?\d+$/u.test(v) || letters < 2 || letters / Math.max(alnum, 1) < 0.5 || !/\p{L}{2}/u.test(v)) return 'code';
  return 'readable';
}

/** How well a property's sampled values read as a caption: readable and varied text first. */
function captionScore(p: SampledProperty): number {
  const values = (p.values ?? []).filter((v): v is string => typeof v === 'string');
  if (values.length === 0) return 0.1;
  const weight: Record<TextKind, number> = { readable: 1, code: 0.4, hash: 0.05, number: 0.05, time: 0.02, date: 0.02, empty: 0 };
  const readability = values.reduce((sum, v) => sum + weight[textKind(v)], 0) / values.length;
  // One value for every node ('VLR') names none of them.
  const distinct = new Set(values).size / values.length;
  return readability * 2 + (values.length > 3 && distinct <= 1 / values.length ? -1.5 : distinct);
}

const isText = (p: SampledProperty) => p.type === 'string';

/**
 * The properties whose values, joined by a space in this order, caption a label's nodes: a person's name
 * parts (`firstName lastName`), else a name or title, else the most readable and varied text property
 * of the sample (so a topic beats a time of day, a title beats a hash); machine ids only when nothing
 * else is left. Empty when the label has no text property at all.
 */
export function chooseCaptionProperties(properties: readonly SampledProperty[]): string[] {
  const text = properties.filter(isText);
  const person = personNameParts(text);
  if (person) return person;
  const human = text.filter((p) => !MACHINE_KEY.test(p.key));
  for (const key of NAME_KEYS) {
    const named = human.find((p) => normalizeKey(p.key) === key);
    if (named && captionScore(named) >= 1) return [named.key];
  }
  const ranked = human.map((p) => ({ p, score: captionScore(p) })).sort((a, b) => b.score - a.score || b.p.seen - a.p.seen || a.p.key.localeCompare(b.p.key));
  if (ranked[0]) return [ranked[0].p.key];
  const machine = chooseCaption(text.filter((p) => !/^evidence/.test(p.key)));
  return machine ? [machine] : [];
}

/**
 * The name properties search should look in for a label: its caption parts and any other text property
 * whose key says it is a name (`name`, `alias`, `title`, a name part).
 */
export function nameProperties(properties: readonly SampledProperty[], captionParts: readonly string[]): string[] {
  const out = new Set(captionParts);
  const nameParts = new Set(NAME_PARTS);
  for (const p of properties.filter(isText)) {
    const k = normalizeKey(p.key);
    if (nameParts.has(k) || NAME_KEYS.includes(k) || /(name|alias)/.test(k)) out.add(p.key);
  }
  return [...out];
}
