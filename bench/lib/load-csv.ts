// Neo4j's own import path for the same bulk files: LOAD CSV with CALL {} IN TRANSACTIONS, writing the
// same properties our importer writes (labels, searchText, evidence lists, DATEs), for a like-for-like comparison.
import { closeSync, openSync, readSync } from 'node:fs';
import { civicSpaceModel } from '../../model/index.ts';

/** The civic-space model, whose labels and types the loaded rows use. */
const MODEL = civicSpaceModel();

const BATCH = 5000;

interface Column {
  header: string;
  name: string;
  type: string;
}

function columns(headerLine: string): Column[] {
  return headerLine.split(',').map((header) => {
    const [name = '', type = 'string'] = header.split(':');
    return { header, name, type: type.toLowerCase() };
  });
}

/** The first line of a file, read without loading the file. */
export function readHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytes).toString('utf8');
    return text.slice(0, text.indexOf('\n')).trim();
  } finally {
    closeSync(fd);
  }
}

/** `row.`col`` converted to its declared type; lists split on ';' (the files' array delimiter). */
function value(column: Column): string {
  const raw = `row.\`${column.header}\``;
  switch (column.type) {
    case 'string[]':
      return `CASE WHEN ${raw} IS NULL THEN null ELSE split(${raw}, ';') END`;
    case 'date':
      return `date(${raw})`;
    case 'boolean':
      return `toBoolean(${raw})`;
    case 'double':
    case 'float':
      return `toFloat(${raw})`;
    case 'int':
    case 'long':
      return `toInteger(${raw})`;
    default:
      return raw;
  }
}

const COMPUTED = new Set(['id', '', 'aliases', 'aliasLanguages', 'evidenceSources', 'evidenceQuotes', 'excerpt', 'title', 'published']);
const SOURCE_ONLY = new Set(['title', 'published', 'excerpt']);

/** The node statement: sources and entities from one file, in transactions of 5000 rows. */
export function nodesStatement(headerLine: string): string {
  const cols = columns(headerLine);
  const has = (name: string) => cols.some((c) => c.name === name);
  const entitySets = cols
    .filter((c) => !c.header.startsWith(':') && !COMPUTED.has(c.name) && !SOURCE_ONLY.has(c.name))
    .map((c) => `n.${c.name} = ${value(c)}`);
  const list = (name: string) => {
    const column = cols.find((c) => c.name === name);
    return column ? `coalesce(${value(column)}, [])` : '[]';
  };
  return `LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  FOREACH (_ IN CASE WHEN row.\`:LABEL\` = 'Source' THEN [1] ELSE [] END |
    MERGE (s:Source {id: row.\`id:ID\`})
    ON CREATE SET s.title = row.title, s.publisher = row.publisher, s.url = row.url, s.language = row.language,
      s.published = date(row.published), s.publishedPrecision = CASE WHEN row.published IS NULL THEN null ELSE 'day' END,
      s.excerpts = ${has('excerpt') ? "split(row.`excerpt:string[]`, ';')" : 'null'},
      // The generator's data is synthetic, and its sources say so as the importer marks them.
      s.notes = ${has('notes') ? 'row.notes' : 'null'}, s.synthetic = true, s.dataset = $dataset)
  FOREACH (_ IN CASE WHEN row.\`:LABEL\` <> 'Source' THEN [1] ELSE [] END |
    MERGE (n:Entity {id: row.\`id:ID\`})
    ON CREATE SET n:$(row.\`:LABEL\`), n.name = row.name,
      n.aliases = ${list('aliases')},
      // One alias of unknown language is an empty cell, which CSV cannot tell from no value.
      n.aliasLanguages = CASE WHEN ${list('aliasLanguages')} = [] THEN [x IN ${list('aliases')} | ''] ELSE ${list('aliasLanguages')} END,
      n.searchText = reduce(text = row.name, alias IN ${list('aliases')} | text + ' | ' + alias),
      ${entitySets.join(',\n      ')},
      n.evidenceSources = ${list('evidenceSources')}, n.evidenceQuotes = ${list('evidenceQuotes')},
      n.evidenceStarts = [x IN ${list('evidenceSources')} | -1], n.evidenceEnds = [x IN ${list('evidenceSources')} | -1], n.dataset = $dataset)
} IN TRANSACTIONS OF ${BATCH} ROWS`;
}

/**
 * The relationship statement: endpoints by id, MERGE on the relation id, one FOREACH per declared
 * type. A single MERGE with a dynamic type, (a)-[r:$(row.type) {id}]->(b), is planned as a scan of
 * every relationship per row once the plan is made on an empty database (measured: 6.6 s for 1000
 * rows against 0.35 s with a static type), so a static type per branch is how LOAD CSV is used well.
 */
export function relationshipsStatement(headerLine: string): string {
  const cols = columns(headerLine);
  const sets = cols
    .filter((c) => !c.header.startsWith(':') && !COMPUTED.has(c.name))
    .map((c) => `r.${c.name} = ${value(c)}`);
  const list = (name: string) => {
    const column = cols.find((c) => c.name === name);
    return column ? `coalesce(${value(column)}, [])` : '[]';
  };
  const onCreate = `ON CREATE SET ${sets.join(', ')},
        r.evidenceSources = ${list('evidenceSources')}, r.evidenceQuotes = ${list('evidenceQuotes')},
        r.evidenceStarts = [x IN ${list('evidenceSources')} | -1], r.evidenceEnds = [x IN ${list('evidenceSources')} | -1], r.dataset = $dataset`;
  const branches = MODEL.relations.map(
    (decl) => `  FOREACH (_ IN CASE WHEN row.\`:TYPE\` = '${decl.type}' THEN [1] ELSE [] END |
      MERGE (a)-[r:${decl.type} {id: row.id}]->(b)
      ${onCreate})`,
  );
  return `LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MATCH (a:Entity {id: row.\`:START_ID\`})
  MATCH (b:Entity {id: row.\`:END_ID\`})
${branches.join('\n')}
} IN TRANSACTIONS OF ${BATCH} ROWS`;
}
