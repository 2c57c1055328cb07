// CSV headers in the convention of `neo4j-admin database import` (Neo4j 5.26 operations manual, "Import": CSV header
// format, ID spaces, skipping columns), read the way its own parser reads them: `name:type(group){options}`, the type
// after the last ':' (ID, LABEL, START_ID, END_ID and TYPE in any case, IGNORE in capitals only, property types in any
// case, `[]` for lists), an empty entry skipped. Two sets of rules apply on top: neo4j-admin's own, for a neo4j-admin
// folder (a bare `:ID` is not stored, several `:ID` columns make a composite id, a node needs no `:ID`), and the bulk
// format's stricter ones (exactly one `:ID` and one `:LABEL`: ingest/bulk/README.md). The messages say what
// neo4j-admin says for the headers it refuses (unknown property type, unexpected header type, duplicate header entries,
// missing header of type START_ID). Checked against Neo4j 5.26's own header parser (tests/unit/bulk-header.test.ts).

export type ScalarType = 'string' | 'int' | 'float' | 'boolean' | 'date';
export type ColumnRole = 'id' | 'label' | 'start' | 'end' | 'type' | 'property' | 'ignore';
/** Whose header rules: the bulk importer's own format, or neo4j-admin's for a neo4j-admin folder. */
export type HeaderRules = 'bulk' | 'neo4j-admin';

export interface CsvColumn {
  /**
   * The property the column fills. '' where it fills none: a bare `:ID` (neo4j-admin joins relationships on it
   * and stores nothing), `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, `:IGNORE`.
   */
  name: string;
  role: ColumnRole;
  type: ScalarType;
  array: boolean;
  /** The id space of an :ID, :START_ID or :END_ID column (`id:ID(Case)`), as neo4j-admin groups ids. */
  group?: string;
  /** The type as written, where it is read as another (neo4j-admin's datetime, point... are kept as text). */
  written?: string;
  /** What the header says in braces: `{id-type:long}` on an :ID, `{crs:WGS-84}` on a point, `{timezone:...}`. */
  options?: Record<string, string>;
}

export interface CsvLayout {
  kind: 'nodes' | 'relationships';
  columns: CsvColumn[];
  rules: HeaderRules;
}

const SCALARS: Record<string, ScalarType> = {
  string: 'string',
  char: 'string',
  int: 'int',
  long: 'int',
  short: 'int',
  byte: 'int',
  float: 'float',
  double: 'float',
  boolean: 'boolean',
  date: 'date',
};

/** neo4j-admin types our model has no type for: read and kept as their text. */
const AS_TEXT = new Set(['datetime', 'localdatetime', 'time', 'localtime', 'duration', 'point']);
const TYPES_LISTED = 'int, long, short, byte, float, double, boolean, char, string, date, datetime, localdatetime, time, localtime, duration, point, each also as a list with []';

/** neo4j-admin's header types other than property types, matched regardless of case (IGNORE only in capitals). */
const HEADER_TYPES = ['ID', 'LABEL', 'START_ID', 'END_ID', 'TYPE', 'IGNORE', 'PROPERTY'] as const;
const NODE_ROLES: Record<string, ColumnRole> = { ID: 'id', LABEL: 'label' };
const RELATIONSHIP_ROLES: Record<string, ColumnRole> = { START_ID: 'start', END_ID: 'end', TYPE: 'type' };

/** One header entry cut as neo4j-admin cuts it: options in braces, then the group in parentheses, then `name:type`. */
export interface HeaderEntry {
  name: string;
  type?: string;
  group?: string;
  options?: Record<string, string>;
  error?: string;
}

export function headerEntry(raw: string): HeaderEntry {
  let rest = raw.trim();
  let options: Record<string, string> | undefined;
  let group: string | undefined;
  const brace = rest.indexOf('{');
  if (brace >= 0) {
    const close = rest.lastIndexOf('}');
    if (close < brace) return { name: rest, error: "expected a closing '}'" };
    options = optionMap(rest.slice(brace + 1, close));
    rest = rest.slice(0, brace) + rest.slice(close + 1);
  }
  const paren = rest.indexOf('(');
  if (paren >= 0) {
    const close = rest.lastIndexOf(')');
    if (close < paren) return { name: rest, error: "expected a closing ')'" };
    group = rest.slice(paren + 1, close).trim();
    rest = rest.slice(0, paren) + rest.slice(close + 1);
  }
  const colon = rest.lastIndexOf(':');
  const name = (colon >= 0 ? rest.slice(0, colon) : rest).trim();
  const type = colon >= 0 ? rest.slice(colon + 1).trim() : undefined;
  return { name, ...(type !== undefined ? { type } : {}), ...(group !== undefined ? { group } : {}), ...(options ? { options } : {}) };
}

/** `{crs:WGS-84, height: 100}` -> { crs: 'WGS-84', height: '100' } (quotes around values dropped). */
function optionMap(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    out[part.slice(0, colon).trim()] = part.slice(colon + 1).trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Whether an :ID column's `{id-type:...}` asks for whole-number ids in its id space. */
export function integerIds(column: CsvColumn): boolean {
  return /^(int|long|short|byte|integer)$/i.test(column.options?.['id-type'] ?? '');
}

/**
 * Reads a header such as `id:ID,:LABEL,name,aliases:string[],date:date`. The file is a relationships file when it
 * has a :START_ID or :END_ID column, else a nodes file. Answers every problem, each naming its column.
 */
export function parseCsvHeader(fields: readonly string[], rules: HeaderRules = 'bulk'): CsvLayout | { errors: string[] } {
  const entries = fields.map(headerEntry);
  const roleOf = (e: HeaderEntry) => (e.type === undefined ? undefined : e.type.toUpperCase());
  const kind = entries.some((e) => roleOf(e) === 'START_ID' || roleOf(e) === 'END_ID') ? 'relationships' : 'nodes';
  const roles = kind === 'nodes' ? NODE_ROLES : RELATIONSHIP_ROLES;
  const errors: string[] = [];
  const columns = entries.map((entry, index): CsvColumn => {
    const at = `column ${index + 1} '${fields[index]}'`;
    const ignore: CsvColumn = { name: '', role: 'ignore', type: 'string', array: false };
    if (entry.error) {
      errors.push(`${at}: ${entry.error}`);
      return ignore;
    }
    // An empty entry, and IGNORE (neo4j-admin matches it in capitals only), skip the column.
    if (fields[index]!.trim() === '' || entry.type === 'IGNORE') return ignore;
    const written = entry.type ?? 'string';
    const upper = written.toUpperCase();
    const role = roles[upper];
    if (role) {
      const group = role === 'id' || role === 'start' || role === 'end' ? entry.group : undefined;
      const name = role === 'id' ? entry.name : '';
      return { name, role, type: 'string', array: false, ...(group !== undefined ? { group } : {}), ...(entry.options ? { options: entry.options } : {}) };
    }
    if ((HEADER_TYPES as readonly string[]).includes(upper)) {
      const expected = kind === 'nodes' ? ':ID, :LABEL, :IGNORE and properties' : ':START_ID, :END_ID, :TYPE, :IGNORE and properties';
      const capitals = upper === 'IGNORE' ? '; neo4j-admin reads IGNORE in capitals only' : '';
      errors.push(`${at}: unexpected ${kind === 'nodes' ? 'node' : 'relationship'} header type '${written}' (a ${kind} file has ${expected}${capitals})`);
      return ignore;
    }
    const array = written.endsWith('[]');
    const base = (array ? written.slice(0, -2) : written).toLowerCase();
    const scalar = SCALARS[base] ?? (AS_TEXT.has(base) ? 'string' : undefined);
    if (!scalar) errors.push(`${at}: type '${written}' is not supported: unknown property type (neo4j-admin's types: ${TYPES_LISTED})`);
    if (!entry.name) errors.push(`${at}: a property column needs a name`);
    return { name: entry.name, role: 'property', type: scalar ?? 'string', array, ...(AS_TEXT.has(base) ? { written: base } : {}), ...(entry.options ? { options: entry.options } : {}) };
  });
  errors.push(...duplicates(fields, columns), ...(rules === 'bulk' ? bulkRules(kind, columns) : adminRules(kind, columns)));
  if (errors.length) return { errors };
  return { kind, columns, rules };
}

/**
 * neo4j-admin's duplicate header entries: a property named twice (an :ID column's name counts as one), two :ID
 * columns of one name (a composite id is not stored as one property, only its parts), :START_ID, :END_ID or :TYPE twice.
 */
function duplicates(fields: readonly string[], columns: CsvColumn[]): string[] {
  const errors: string[] = [];
  const byName = new Map<string, number>();
  const single = new Map<ColumnRole, number>();
  columns.forEach((column, i) => {
    const entry = `'${fields[i]!.trim()}'`;
    if ((column.role === 'property' || column.role === 'id') && column.name) {
      const first = byName.get(column.name);
      if (first === undefined) byName.set(column.name, i);
      else {
        const composite = column.role === 'id' && columns[first]!.role === 'id' ? ' (a composite id is stored only as its parts, each under its own name)' : '';
        errors.push(`duplicate header entries: '${fields[first]!.trim()}' and ${entry} both name the property '${column.name}'${composite}`);
      }
    }
    if (column.role === 'start' || column.role === 'end' || column.role === 'type') {
      const first = single.get(column.role);
      if (first === undefined) single.set(column.role, i);
      else errors.push(`duplicate header entries: '${fields[first]!.trim()}' and ${entry} (a relationships file has one of each)`);
    }
  });
  return errors;
}

const count = (columns: CsvColumn[], role: ColumnRole) => columns.filter((c) => c.role === role).length;

/** neo4j-admin needs :START_ID and :END_ID; labels and types it may take from the command line, which a folder import has not. */
function adminRules(kind: CsvLayout['kind'], columns: CsvColumn[]): string[] {
  const errors: string[] = [];
  if (kind === 'relationships') {
    for (const [role, type] of [['start', 'START_ID'], ['end', 'END_ID']] as const) {
      if (!count(columns, role)) errors.push(`missing header of type ${type}: a relationships file needs :START_ID and :END_ID`);
    }
    if (!count(columns, 'type')) errors.push('has no :TYPE column: neo4j-admin would take the type from its command line (--relationships=TYPE=FILE), which a folder import has not; add a :TYPE column');
  } else if (!count(columns, 'label')) {
    errors.push('has no :LABEL column: neo4j-admin would take the labels from its command line (--nodes=Label=FILE), which a folder import has not; add a :LABEL column');
  }
  return errors;
}

/** The bulk format: a nodes file has one :ID (the dataset id) and one :LABEL; a relationships file one of each end and a type. */
function bulkRules(kind: CsvLayout['kind'], columns: CsvColumn[]): string[] {
  const errors: string[] = [];
  if (kind === 'relationships') {
    for (const [role, label] of [['start', ':START_ID'], ['end', ':END_ID'], ['type', ':TYPE']] as const) {
      if (count(columns, role) !== 1) errors.push(`a relationships file needs exactly one ${label} column`);
    }
  } else {
    if (count(columns, 'id') !== 1) errors.push('a nodes file needs exactly one :ID column (e.g. id:ID); a relationships file needs :START_ID, :END_ID and :TYPE');
    if (count(columns, 'label') !== 1) errors.push('a nodes file needs exactly one :LABEL column');
  }
  return errors;
}

/**
 * A delimiter option as neo4j-admin takes it (--delimiter, --array-delimiter): one character, `TAB` or `\t` for a
 * tab, `U+20AC` (four hex digits) or `\59` (a decimal character code) for any other.
 */
export function parseDelimiter(raw: string): { value: string } | { error: string } {
  if (raw === 'TAB' || raw === '\\t' || raw === '\t') return { value: '\t' };
  const unicode = /^U\+([0-9a-fA-F]{4})$/.exec(raw);
  if (unicode) return { value: String.fromCharCode(parseInt(unicode[1]!, 16)) };
  const decimal = /^\\(\d{1,5})$/.exec(raw);
  if (decimal && Number(decimal[1]) <= 0xffff) return { value: String.fromCharCode(Number(decimal[1])) };
  if ([...raw].length === 1) return { value: raw };
  return { error: `must be one character, TAB (or \\t), U+XXXX or \\NN (a character code), got '${raw}'` };
}
