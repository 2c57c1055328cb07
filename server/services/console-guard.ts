// Read-only checks for the Cypher console: a textual pre-check of the query, then a check of its EXPLAIN plan.
import type { PlanOperator, PlainValue } from '../../db/database.ts';

/** Why a query was refused; the console answers 403 `read_only` with this text. */
export interface Refusal {
  reason: string;
}

/**
 * Procedures the console may call: schema introspection, index queries, and APOC's read-only
 * path expanders. Anything else (including every dbms.* and every unknown plugin) is refused,
 * so a newly installed plugin cannot open a hole by default.
 */
export const ALLOWED_PROCEDURES: ReadonlySet<string> = new Set([
  'db.labels',
  'db.relationshiptypes',
  'db.propertykeys',
  'db.info',
  'db.ping',
  'db.schema.visualization',
  'db.schema.nodetypeproperties',
  'db.schema.reltypeproperties',
  'db.index.fulltext.querynodes',
  'db.index.fulltext.queryrelationships',
  'db.index.vector.querynodes',
  'db.index.vector.queryrelationships',
  'apoc.path.expand',
  'apoc.path.expandconfig',
  'apoc.path.subgraphnodes',
  'apoc.path.subgraphall',
  'apoc.path.spanningtree',
  'apoc.meta.schema',
  'apoc.meta.stats',
  'apoc.meta.data',
  'apoc.meta.graph',
  'apoc.neighbors.athop',
  'apoc.neighbors.byhop',
  'apoc.neighbors.tohop',
]);

/**
 * Namespaced functions the console may call, by prefix. Built-in temporal, spatial and vector
 * functions, plus APOC's pure value helpers; APOC's cypher.*, load.*, export.*, util.sleep and
 * the like are absent on purpose (dynamic Cypher, file and network access).
 */
export const ALLOWED_FUNCTION_PREFIXES: readonly string[] = [
  'date.',
  'datetime.',
  'localdatetime.',
  'localtime.',
  'time.',
  'duration.',
  'point.',
  'vector.',
  'db.nameFromElementId'.toLowerCase(),
  'apoc.coll.',
  'apoc.text.',
  'apoc.map.',
  'apoc.convert.',
  'apoc.math.',
  'apoc.number.',
  'apoc.date.',
  'apoc.temporal.',
  'apoc.agg.',
  'apoc.node.',
  'apoc.rel.',
  'apoc.any.',
  'apoc.label.',
  'apoc.meta.cypher.',
  'apoc.hashing.',
  'apoc.scoring.',
  'apoc.bitwise.',
];

/** Plan operators that never belong in a read-only query, whatever Neo4j's query type says. */
const FORBIDDEN_OPERATORS = /^(LoadCSV|TransactionForeach|TransactionApply|Create|Merge|Delete|DetachDelete|Set\w*|Remove\w*|Foreach|LockNodes)$/;

/**
 * Replaces string literals and comments by blanks, and unwraps `backticked` names, so that the
 * textual checks see only Cypher's own words: `RETURN 'LOAD CSV'` is harmless, while
 * `CALL \`apoc.cypher.run\`()` is the procedure it looks like.
 */
export function stripLiterals(query: string): string {
  let out = '';
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i]!;
    const next = query[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && query[i] !== '\n') i++;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = query.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"') {
      i++;
      while (i < n && query[i] !== c) i += query[i] === '\\' ? 2 : 1;
      i++;
      out += "''";
    } else if (c === '`') {
      let name = '';
      i++;
      while (i < n) {
        if (query[i] === '`' && query[i + 1] === '`') {
          name += '`';
          i += 2;
        } else if (query[i] === '`') {
          break;
        } else {
          name += query[i];
          i++;
        }
      }
      i++;
      // Spaces inside a quoted name must not form keywords such as `LOAD CSV`.
      out += name.replace(/\s+/g, '_');
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

interface TextRule {
  pattern: RegExp;
  reason: string;
}

const TEXT_RULES: readonly TextRule[] = [
  { pattern: /\bLOAD\s+CSV\b/i, reason: 'LOAD CSV reads files and URLs; the console only reads the graph' },
  { pattern: /(?<![.$\w])USE\b/i, reason: 'USE switches databases; the console queries only the configured database' },
  {
    pattern: /\bIN\s+(?:[\w$]+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS?\b/i,
    reason: 'CALL { ... } IN TRANSACTIONS commits batches of writes; the console is read-only',
  },
  { pattern: /\b(?:GRANT|DENY|REVOKE)\b/i, reason: 'privilege administration (GRANT, DENY, REVOKE) is not allowed in the console' },
  {
    pattern:
      /\b(?:CREATE|DROP|ALTER|RENAME)\s+(?:OR\s+REPLACE\s+)?(?:(?:COMPOSITE|STANDARD|LOCAL|REMOTE|HOME|DEFAULT|CURRENT)\s+)?(?:USERS?|ROLES?|DATABASES?|ALIAS(?:ES)?|SERVERS?|PRIVILEGES?)\b/i,
    reason: 'user, role, database and server administration is not allowed in the console',
  },
  {
    pattern: /\b(?:CREATE|DROP)\s+(?:OR\s+REPLACE\s+)?(?:(?:RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR|BTREE)\s+)?(?:INDEX|CONSTRAINT)\b/i,
    reason: 'creating or dropping indexes and constraints changes the schema; the console is read-only',
  },
  { pattern: /\b(?:START|STOP)\s+DATABASE\b/i, reason: 'starting and stopping databases is not allowed in the console' },
  { pattern: /\b(?:TERMINATE|KILL)\s+TRANSACTIONS?\b/i, reason: 'terminating transactions is not allowed in the console' },
  { pattern: /\b(?:ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)\s+(?:SERVER|DATABASES?)\b/i, reason: 'server administration is not allowed in the console' },
  {
    // SHOW INDEXES, CONSTRAINTS, FUNCTIONS and PROCEDURES describe the schema; other SHOW commands
    // reveal users, settings or other people's running queries.
    pattern:
      /\bSHOW\s+(?!(?:(?:ALL|RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR|BTREE|UNIQUE|UNIQUENESS|EXISTENCE|EXIST|KEY|NODE|RELATIONSHIP|REL|PROPERTY|BUILT\s+IN|USER\s+DEFINED)\s+)*(?:INDEX|INDEXES|CONSTRAINTS?|FUNCTIONS?|PROCEDURES?)\b)/i,
    reason: 'this SHOW command is administrative (users, roles, databases, settings, transactions); only SHOW INDEXES, CONSTRAINTS, FUNCTIONS and PROCEDURES are allowed',
  },
  { pattern: /\bALTER\b/i, reason: 'ALTER commands administer the server; the console is read-only' },
];

/** Leading pre-parser words such as `CYPHER 5 runtime=slotted`, which may precede the statement. */
const LEADING_EXPLAIN_PROFILE = /^\s*(?:CYPHER(?:\s+\d+)?(?:\s+[\w.]+\s*=\s*[\w.]+)*\s+)?(?:EXPLAIN|PROFILE)\b/i;

/** Does the query start with EXPLAIN or PROFILE (which the console adds itself)? */
export function hasExplainOrProfile(query: string): boolean {
  return LEADING_EXPLAIN_PROFILE.test(stripLiterals(query));
}

/** Finds `CALL name(` / `CALL name` procedure calls (outside of strings and comments). */
function procedureNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\bCALL\s+([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)*)/gi)) {
    names.push(match[1]!.replace(/\s+/g, ''));
  }
  return names;
}

/** Finds namespaced function calls such as `apoc.cypher.runFirstColumn(`, except after CALL. */
function namespacedFunctionNames(text: string): string[] {
  const names: string[] = [];
  const pattern = /(^|[^\w.$])([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)+)\s*\(/g;
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(0, match.index + match[1]!.length);
    if (/\bCALL\s*$/i.test(before)) continue;
    names.push(match[2]!.replace(/\s+/g, ''));
  }
  return names;
}

export function isAllowedProcedure(name: string): boolean {
  return ALLOWED_PROCEDURES.has(name.toLowerCase());
}

export function isAllowedFunction(name: string): boolean {
  const lower = name.toLowerCase();
  return ALLOWED_FUNCTION_PREFIXES.some((prefix) => (prefix.endsWith('.') ? lower.startsWith(prefix) : lower === prefix));
}

/** The first refusal found by reading the query text, or undefined when the text looks read-only. */
export function checkQueryText(query: string): Refusal | undefined {
  const text = stripLiterals(query);
  for (const rule of TEXT_RULES) if (rule.pattern.test(text)) return { reason: rule.reason };
  for (const name of procedureNames(text)) {
    if (/^dbms\./i.test(name)) return { reason: `procedure ${name} administers the server (dbms.* is not allowed)` };
    if (!isAllowedProcedure(name)) return { reason: `procedure ${name} is not on the console's allow-list of read-only procedures` };
  }
  for (const name of namespacedFunctionNames(text)) {
    if (!isAllowedFunction(name)) return { reason: `function ${name} is not on the console's allow-list (it may load, write or run dynamic Cypher)` };
  }
  return undefined;
}

function detailsOf(op: PlanOperator): string {
  const details: PlainValue | undefined = op.arguments.Details ?? op.arguments.details;
  return typeof details === 'string' ? details : '';
}

function* operators(plan: PlanOperator): Generator<PlanOperator> {
  yield plan;
  for (const child of plan.children) yield* operators(child);
}

/** Checks the query type Neo4j reports and every operator of the EXPLAIN plan. */
export function checkPlan(queryType: string, plan: PlanOperator | undefined): Refusal | undefined {
  if (queryType !== 'r') {
    const kind = queryType === 's' ? 'changes the schema' : queryType.includes('w') ? 'writes to the graph' : `is of type '${queryType}'`;
    return { reason: `Neo4j reports that the query ${kind} (query type '${queryType}'); the console runs read-only queries only` };
  }
  if (!plan) return undefined;
  for (const op of operators(plan)) {
    const type = op.operatorType.replace(/@.*$/, '');
    if (FORBIDDEN_OPERATORS.test(type)) return { reason: `the query plan contains ${type}, which the console does not run` };
    const details = stripLiterals(detailsOf(op));
    if (type === 'ProcedureCall') {
      const name = /^\s*([\w.]+)\s*\(/.exec(details)?.[1] ?? details;
      if (!isAllowedProcedure(name)) return { reason: `procedure ${name} is not on the console's allow-list of read-only procedures` };
    }
    for (const name of namespacedFunctionNames(details)) {
      if (!isAllowedFunction(name) && !isAllowedProcedure(name)) {
        return { reason: `function ${name} is not on the console's allow-list (it may load, write or run dynamic Cypher)` };
      }
    }
  }
  return undefined;
}
