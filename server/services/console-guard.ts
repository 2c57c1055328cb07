// Read-only checks for the Cypher console: Neo4j's own EXPLAIN plan and query type against allow-lists (console-operators.ts); the text only refuses early.
import type { PlanOperator, PlainValue } from '../../db/database.ts';
import { ALLOWED_FUNCTION_PREFIXES, ALLOWED_PROCEDURES, READ_OPERATOR_FAMILIES, READ_OPERATORS } from './console-operators.ts';

/** Why a query was refused; the console answers 403 `read_only` with this text. */
export interface Refusal {
  reason: string;
}

/** The only query type the console runs: 'r'. Neo4j says 'w', 'rw' or 's' otherwise; anything else is unknown and refused. */
export const READ_QUERY_TYPE = 'r';

/** An operator's name without the runtime's '@database' suffix. */
export function operatorName(operatorType: string): string {
  const at = operatorType.lastIndexOf('@');
  return at > 0 ? operatorType.slice(0, at) : operatorType;
}

/** Is this operator (a plan's operatorType, with or without its '@database' suffix) one that only reads? */
export function isReadOperator(operatorType: string): boolean {
  const name = operatorName(operatorType);
  if (READ_OPERATORS.has(name)) return true;
  const variant = /^([A-Za-z]+)\(([A-Za-z]+(?:,[A-Za-z]+)*)\)$/.exec(name);
  return variant !== null && READ_OPERATOR_FAMILIES.has(variant[1]!);
}

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
      while (i < n && query[i] !== '\n' && query[i] !== '\r') i++;
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
      // biome-ignore lint/suspicious/noControlCharactersInRegex: Cypher's (Java) lexer counts \u001c-\u001f as whitespace, and JS \s does not.
      out += name.replace(/[\s\u001c-\u001f]+/g, '_');
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Every character Cypher's lexer skips as whitespace (checked against Neo4j 5.26: tab, LF, VT, FF,
 * CR, the information separators U+001C..U+001F, space, U+00A0, U+1680, U+2000..U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000). JavaScript's \s misses the four separators, which is how
 * `SHOW\u001cTRANSACTIONS` once passed a text check; the text rules read these as spaces first.
 */
export const CYPHER_WHITESPACE_CHARACTERS = '\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

const CYPHER_WHITESPACE = new RegExp(`[${CYPHER_WHITESPACE_CHARACTERS}]`, 'g');

/** The query as the text rules read it: literals and comments blanked, names unwrapped, whitespace normalised. */
function normalise(query: string): string {
  return stripLiterals(query).replace(CYPHER_WHITESPACE, ' ');
}

interface TextRule {
  pattern: RegExp;
  reason: string;
}

/**
 * Early refusals with a clearer message than the plan check gives. They are never the reason a
 * query is allowed: a query they miss still has to pass checkPlan.
 */
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

/**
 * Does the query start with EXPLAIN or PROFILE (which the console adds itself)? A disguised one
 * that this misses is harmless: `EXPLAIN EXPLAIN ...` does not plan, so Neo4j refuses it.
 */
export function hasExplainOrProfile(query: string): boolean {
  return LEADING_EXPLAIN_PROFILE.test(normalise(query));
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

/** The first refusal found by reading the query text, or undefined when the text finds nothing (which allows nothing by itself). */
export function checkQueryText(query: string): Refusal | undefined {
  const text = normalise(query);
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

/** A procedure call's name from its operator's details, e.g. `db.labels() :: (label :: STRING)`. */
function procedureOf(details: string): string {
  return /^\s*([\w.]+)\s*\(/.exec(details)?.[1] ?? details.trim();
}

/**
 * Neo4j's verdict, checked against allow-lists: the query type must be read ('r'; a missing or
 * unknown type is refused), every operator must be a read operator (or a call of an allowed
 * procedure), and every namespaced function in any operator's details must be allowed. A missing
 * plan is refused too: there is nothing to vouch for the query.
 */
export function checkPlan(queryType: string | undefined, plan: PlanOperator | undefined): Refusal | undefined {
  if (queryType !== READ_QUERY_TYPE) {
    const kind =
      queryType === 's'
        ? 'changes the schema or administers the server'
        : queryType === 'w' || queryType === 'rw'
          ? 'writes to the graph'
          : `is of a type the console does not know ('${queryType ?? 'none'}')`;
    return { reason: `Neo4j reports that the query ${kind} (query type '${queryType ?? 'none'}'); the console runs read-only queries only` };
  }
  if (!plan) return { reason: 'Neo4j gave no plan for the query, so the console cannot tell that it only reads' };
  for (const op of operators(plan)) {
    const name = operatorName(op.operatorType);
    const details = stripLiterals(detailsOf(op));
    if (name === 'ProcedureCall') {
      const procedure = procedureOf(details);
      if (!isAllowedProcedure(procedure)) return { reason: `procedure ${procedure} is not on the console's allow-list of read-only procedures` };
    } else if (!isReadOperator(name)) {
      return { reason: `the query plan contains ${name}, which is not on the console's list of read operators` };
    }
    for (const fn of namespacedFunctionNames(details)) {
      if (!isAllowedFunction(fn) && !isAllowedProcedure(fn)) {
        return { reason: `function ${fn} is not on the console's allow-list (it may load, write or run dynamic Cypher)` };
      }
    }
  }
  return undefined;
}
