// Shared by the API integration tests: HTTP helpers, a foreign (movies) graph, and a checksum of the whole database.
import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { applySchema } from '../../ingest/schema.ts';
import { civicSpaceModel } from '../../model/index.ts';
import { resetDatabase } from '../support/db.ts';
import { startServer } from '../support/server.ts';

/** The API tests' server is the one every test starts (tests/support/server.ts). */
export { startServer as startApiServer };

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function getJson<T = any>(url: string): Promise<JsonResponse<T>> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export async function postJson<T = any>(url: string, payload: unknown): Promise<JsonResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** '/api/nodes/' + the id with its slashes encoded. */
export function nodePath(id: string): string {
  return `/api/nodes/${encodeURIComponent(id)}`;
}

/**
 * A small graph in the shape of Neo4j's movies example, created with plain CREATE: other
 * labels, no `id` property, no index of ours; one accented name for folding both ways.
 */
export const MOVIES_CYPHER = `
CREATE (keanu:Person {name: 'Keanu Reeves', born: 1964}),
       (carrie:Person {name: 'Carrie-Anne Moss', born: 1967}),
       (laurence:Person {name: 'Laurence Fishburne', born: 1961}),
       (hugo:Person {name: 'Hugo Weaving', born: 1960}),
       (lana:Person {name: 'Lana Wachowski', born: 1965}),
       (lilly:Person {name: 'Lilly Wachowski', born: 1967}),
       (zoe:Person {name: 'Zoë Saldaña', born: 1978}),
       (matrix:Movie {title: 'The Matrix', released: 1999, tagline: 'Welcome to the Real World'}),
       (reloaded:Movie {title: 'The Matrix Reloaded', released: 2003}),
       (jm:Movie {title: 'Johnny Mnemonic', released: 1995}),
       (avatar:Movie {title: 'Avatar', released: 2009}),
       (review:Review {stars: 5}),
       (keanu)-[:ACTED_IN {roles: ['Neo']}]->(matrix),
       (carrie)-[:ACTED_IN {roles: ['Trinity']}]->(matrix),
       (laurence)-[:ACTED_IN {roles: ['Morpheus']}]->(matrix),
       (hugo)-[:ACTED_IN {roles: ['Agent Smith']}]->(matrix),
       (lana)-[:DIRECTED]->(matrix),
       (lilly)-[:DIRECTED]->(matrix),
       (keanu)-[:ACTED_IN {roles: ['Neo']}]->(reloaded),
       (lana)-[:DIRECTED]->(reloaded),
       (keanu)-[:ACTED_IN {roles: ['Johnny']}]->(jm),
       (zoe)-[:ACTED_IN {roles: ['Neytiri']}]->(avatar),
       (review)-[:REVIEWS]->(matrix)
`;

/** Drops what our loader creates, so the database looks like one we did not build. */
export async function dropCivicGraphSchema(db: Database): Promise<void> {
  const { rows } = await db.read('SHOW CONSTRAINTS YIELD name RETURN name');
  for (const row of rows) await db.write(`DROP CONSTRAINT \`${String(row.name)}\` IF EXISTS`);
  const indexes = await db.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name");
  for (const row of indexes.rows) await db.write(`DROP INDEX \`${String(row.name)}\` IF EXISTS`);
}

/** The afterAll of a file that serves its own data: the server stopped (when it started), the database emptied and closed. */
export async function stopAndEmpty(db: Database, server: { close(): Promise<unknown> } | undefined): Promise<void> {
  await server?.close();
  await resetDatabase(db);
  await db.close();
}

/**
 * After a foreign graph, for the test files that come later and expect our own loader's schema: the foreign search
 * index and the data gone, then whatever else `dropForeign` drops (its own constraints), then our schema back.
 */
export async function restoreCivicGraphSchema(db: Database, dropForeign?: () => Promise<void>): Promise<void> {
  await db.write('DROP INDEX entity_search IF EXISTS');
  await resetDatabase(db);
  await dropForeign?.();
  await applySchema(db, civicSpaceModel());
}

/**
 * Everything a write or an administration command could change: every node with its labels and
 * properties, every relationship, every index and constraint, every label and type token.
 */
export async function databaseChecksum(db: Database): Promise<string> {
  const nodes = await db.read(
    'MATCH (n) WITH n ORDER BY elementId(n) RETURN collect([elementId(n), labels(n), properties(n)]) AS everything',
  );
  const rels = await db.read(
    'MATCH (a)-[r]->(b) WITH a, r, b ORDER BY elementId(r) RETURN collect([elementId(r), type(r), elementId(a), elementId(b), properties(r)]) AS everything',
  );
  const indexes = await db.read('SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state RETURN collect([name, type, labelsOrTypes, properties]) AS everything');
  const constraints = await db.read('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS everything');
  const tokens = await db.read('CALL db.labels() YIELD label WITH collect(label) AS labels CALL db.relationshipTypes() YIELD relationshipType RETURN labels, collect(relationshipType) AS types');
  const payload = JSON.stringify([nodes.rows, rels.rows, indexes.rows, constraints.rows, tokens.rows]);
  return createHash('sha256').update(payload).digest('hex');
}

/**
 * A few nodes in Civic Graph's storage format (Entity + type label, id, evidence lists, dates),
 * for tests that need our shape but not the whole dataset.
 */
export const SMALL_FIXTURE_CYPHER = `
CREATE (src:Source {id: 'src/test', title: 'Test source', publisher: 'Tester', url: 'https://example.org/t', published: date('2024-03-15'), language: 'en',
                    text: 'The ministry dissolved the Students Association on March 6.'}),
       (gov:Authority:Entity {id: 'authority/ministry', name: 'Ministry', aliases: ['Ministère'], aliasLanguages: ['fr'], searchText: 'Ministry | Ministère',
                    evidenceSources: ['src/test'], evidenceQuotes: ['The ministry'], evidenceStarts: [0], evidenceEnds: [12]}),
       (aeem:Organization:Entity {id: 'org/students', name: 'Students Association', aliases: ['Association des Élèves'], aliasLanguages: ['fr'],
                    searchText: 'Students Association | Association des Élèves',
                    evidenceSources: ['src/test'], evidenceQuotes: ['the Students Association'], evidenceStarts: [23], evidenceEnds: [47]}),
       (gov)-[:DISSOLVED {id: 'rel/dissolved-students', date: date('2024-03-06'), datePrecision: 'day', dateInferred: true,
                    evidenceSources: ['src/test'], evidenceQuotes: ['The ministry dissolved the Students Association on March 6'], evidenceStarts: [0], evidenceEnds: [58]}]->(aeem)
`;

interface FixtureEntity {
  id: string;
  label: string;
  name: string;
  aliases?: [string, string][];
  quote: string;
  props?: Record<string, unknown>;
}

interface FixtureRelation {
  id: string;
  type: string;
  from: string;
  to: string;
  quote: string;
  props?: Record<string, unknown>;
}

/**
 * A stand-in for the Mali dataset in the storage format (used until the dataset loader is there):
 * names, aliases, dates and quotes with their offsets in the article text.
 */
export async function loadMaliFixture(db: Database, articleText: string): Promise<void> {
  const source = 'src/hrw-2024-03-15';
  const entities: FixtureEntity[] = [
    { id: 'authority/junta', label: 'Authority', name: 'Malian junta', aliases: [['military junta', 'en']], quote: 'The leader of Mali’s junta' },
    { id: 'person/assimi-goita', label: 'Person', name: 'Assimi Goita', aliases: [['Assimi Goïta', 'fr']], quote: 'Lt. Col. Assimi Goita' },
    { id: 'authority/minister-territorial-administration', label: 'Authority', name: 'Minister of Territorial Administration', quote: 'Mali’s minister of territorial administration' },
    {
      id: 'org/aeem', label: 'Organization', name: 'Association of Pupils and Students of Mali',
      aliases: [['AEEM', ''], ['L’Association des Elèves et Etudiants du Mali', 'fr']], quote: 'Association of Pupils and Students of Mali',
    },
    {
      id: 'org/cmas', label: 'Organization', name: 'Coordination of Movements, Associations, and Sympathizers of Imam Mahmoud Dicko',
      aliases: [['Coordination des Mouvements, Associations et Sympathisants de l’Imam Mahmoud Dicko', 'fr'], ['CMAS', '']], quote: 'Coordination of Movements, Associations, and Sympathizers of Imam Mahmoud Dicko',
    },
    { id: 'org/kaoural-renewal', label: 'Organization', name: 'Kaoural Renewal', aliases: [['Kaoural Renouveau', 'fr']], quote: 'Kaoural Renewal (Kaoural Renouveau)' },
    {
      id: 'org/observatory', label: 'Organization', name: 'Observatory for Elections and Good Governance',
      aliases: [['Observatoire pour les élections et la bonne gouvernance', 'fr']], quote: 'Observatory for Elections and Good Governance',
    },
    { id: 'person/alpha-yaya-sangare', label: 'Person', name: 'Alpha Yaya Sangaré', aliases: [['Alpha Yaya Sangare', '']], quote: 'gendarmerie Col. Alpha Yaya Sangaré' },
    { id: 'institution/cndh', label: 'Institution', name: 'National Human Rights Commission', quote: 'Mali’s National Human Rights Commission' },
    { id: 'person/seif-magango', label: 'Person', name: 'Seif Magango', quote: 'Seif Magango' },
    { id: 'event/coup-2021', label: 'Event', name: 'Military coup of 2021', quote: 'Since the military coup in 2021', props: { date: '2021-01-01', datePrecision: 'year', dateInferred: false } },
  ];
  const relations: FixtureRelation[] = [
    { id: 'rel/goita-leads-junta', type: 'LEADS', from: 'person/assimi-goita', to: 'authority/junta', quote: 'The leader of Mali’s junta, Lt. Col. Assimi Goita' },
    { id: 'rel/dissolved-observatory', type: 'DISSOLVED', from: 'authority/junta', to: 'org/observatory', quote: 'on December 20, authorities dissolved the Observatory for Elections and Good Governance', props: { date: '2023-12-20', datePrecision: 'day', dateInferred: true } },
    { id: 'rel/dissolved-kaoural', type: 'DISSOLVED', from: 'authority/junta', to: 'org/kaoural-renewal', quote: 'On February 28, authorities dissolved the political organization Kaoural Renewal', props: { date: '2024-02-28', datePrecision: 'day', dateInferred: true, statedReason: 'defamatory and subversive remarks' } },
    { id: 'rel/dissolved-cmas', type: 'DISSOLVED', from: 'authority/junta', to: 'org/cmas', quote: 'On March 6, authorities dissolved the Coordination of Movements', props: { date: '2024-03-06', datePrecision: 'day', dateInferred: true } },
    { id: 'rel/dissolved-aeem', type: 'DISSOLVED', from: 'authority/minister-territorial-administration', to: 'org/aeem', quote: 'order to dissolve a student association', props: { date: '2024-03', datePrecision: 'month', dateInferred: true } },
    { id: 'rel/accused-aeem', type: 'ACCUSED', from: 'authority/minister-territorial-administration', to: 'org/aeem', quote: 'was responsible for “violence and clashes in schools and universities,”', props: { words: 'violence and clashes in schools and universities' } },
    { id: 'rel/accused-kaoural', type: 'ACCUSED', from: 'authority/junta', to: 'org/kaoural-renewal', quote: 'citing “defamatory and subversive remarks” against the military junta', props: { words: 'defamatory and subversive remarks' } },
    { id: 'rel/disappeared-sangare', type: 'FORCIBLY_DISAPPEARED', from: 'authority/junta', to: 'person/alpha-yaya-sangare', quote: 'On March 4, authorities forcibly disappeared gendarmerie Col. Alpha Yaya Sangaré', props: { date: '2024-03-04', datePrecision: 'day', dateInferred: true } },
    { id: 'rel/magango-echoed-cndh', type: 'ECHOED', from: 'person/seif-magango', to: 'institution/cndh', quote: 'Seif Magango, echoed those concerns this week' },
  ];
  // The article has non-breaking spaces; a quote matches across any whitespace and is stored as the source writes it.
  const evidence = (quote: string) => {
    const pattern = new RegExp(quote.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
    const match = pattern.exec(articleText);
    if (!match) throw new Error(`fixture quote not in the article: ${quote}`);
    return { evidenceSources: [source], evidenceQuotes: [match[0]], evidenceStarts: [match.index], evidenceEnds: [match.index + match[0].length] };
  };
  await db.writeTransaction(async (tx) => {
    await tx.run(
      "CREATE (:Source {id: $id, title: 'Mali Deepens Crackdown on Civil Society', publisher: 'Human Rights Watch', url: 'https://www.hrw.org/news/2024/03/15/mali-deepens-crackdown-civil-society', published: date('2024-03-15'), language: 'en', text: $text})",
      { id: source, text: articleText },
    );
    await tx.run(
      "CREATE (:Source {id: 'src/maliactu-2023-12', title: 'Mali : l’Observatoire pour les élections et la bonne gouvernance dissous', publisher: 'Maliactu', url: 'https://maliactu.net/', published: date('2023-12-21'), language: 'fr'})",
    );
    for (const e of entities) {
      const aliases = e.aliases ?? [];
      const { date, ...rest } = e.props ?? {};
      await tx.run(
        'CREATE (n:Entity {id: $id}) SET n += $props, n.name = $name, n.aliases = $aliases, n.aliasLanguages = $languages, n.searchText = $searchText' +
          (date ? ', n.date = date($date)' : '') +
          ' SET n:$($label)',
        {
          id: e.id, label: e.label, name: e.name, date: date ?? null,
          aliases: aliases.map((a) => a[0]), languages: aliases.map((a) => a[1]),
          searchText: [e.name, ...aliases.map((a) => a[0])].join(' | '),
          props: { ...rest, ...evidence(e.quote) },
        },
      );
    }
    for (const r of relations) {
      const { date, ...rest } = r.props ?? {};
      await tx.run(
        'MATCH (a:Entity {id: $from}), (b:Entity {id: $to}) CREATE (a)-[r:$($type) {id: $id}]->(b) SET r += $props' + (date ? ', r.date = date($date)' : ''),
        { from: r.from, to: r.to, type: r.type, id: r.id, date: date ?? null, props: { ...rest, ...evidence(r.quote) } },
      );
    }
    // Corroborating evidence without the source text: offsets -1.
    await tx.run(
      "MATCH (:Entity)-[r {id: 'rel/dissolved-observatory'}]->() SET r.evidenceSources = r.evidenceSources + 'src/maliactu-2023-12', r.evidenceQuotes = r.evidenceQuotes + '« de nature à troubler l’ordre public »', r.evidenceStarts = r.evidenceStarts + (-1), r.evidenceEnds = r.evidenceEnds + (-1)",
    );
  });
}

