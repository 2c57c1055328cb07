// The Mali dataset loaded into the real Neo4j: schema, evidence offsets, diacritic-folded search, idempotence, and a researcher's questions in Cypher.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../db/database.ts';
import { civicSpaceModel, schemaStatements } from '../../model/index.ts';
import { DEFAULT_DATASET, loadDatasetFile, validateDatasetFile, type LoadResult } from '../../ingest/dataset/loader.ts';
import { foldQuote } from '../../ingest/quotes.ts';
import { expectAllInDataset, resetDatabase, testDatabase } from '../support/db.ts';
import { databaseChecksum, entity, expectRefused, MALI_TEXT_FILE, maliDataset, relation, writeDataset } from './seed-support.ts';

describe('the Mali dataset in Neo4j', () => {
  const db = testDatabase();
  let loaded: LoadResult;

  beforeAll(async () => {
    await resetDatabase(db);
    loaded = await loadDatasetFile(db);
  });

  afterAll(async () => {
    await db.close();
  });

  describe('schema', () => {
    it('creates the constraints and every index of the model\'s schema, online', async () => {
      const constraints = (await db.read('SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties')).rows;
      expect(constraints).toEqual(
        expect.arrayContaining([
          { name: 'entity_id_unique', labelsOrTypes: ['Entity'], properties: ['id'] },
          { name: 'source_id_unique', labelsOrTypes: ['Source'], properties: ['id'] },
        ]),
      );
      const indexes = (await db.read('SHOW INDEXES YIELD name, state RETURN name, state')).rows;
      const model = civicSpaceModel();
      const named = schemaStatements(model)
        .filter((s) => /^CREATE (?:FULLTEXT )?INDEX/.test(s.cypher))
        .map((s) => s.name);
      expect(named.length).toBeGreaterThan(2 * model.relations.length);
      for (const name of named) expect(indexes.find((i) => i.name === name), name).toMatchObject({ state: 'ONLINE' });
      const fulltext = (await db.read("SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options WHERE name = 'entity_search' RETURN *")).rows[0] as any;
      expect(fulltext).toMatchObject({ labelsOrTypes: ['Entity'], properties: ['name', 'searchText'] });
      expect(fulltext.options.indexConfig['fulltext.analyzer']).toBe('standard-folding');
    });

    it('folds diacritics in search both ways: "Eleves" finds Elèves, "Goïta" finds Goita', async () => {
      const search = async (q: string) =>
        (await db.read("CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node, score RETURN node.id AS id ORDER BY score DESC", { q })).rows.map((r) => r.id);
      expect((await search('Eleves'))[0]).toBe('org/aeem');
      expect((await search('Goïta'))[0]).toBe('person/assimi-goita');
      expect((await search('Goita'))[0]).toBe('person/assimi-goita');
      expect((await search('Maiga'))[0]).toBe('person/abdoulaye-maiga');
      expect((await search('Sangare'))[0]).toBe('person/alpha-yaya-sangare');
      expect((await search('elections bonne gouvernance'))[0]).toBe('org/observatory');
      expect((await search('CNDH'))[0]).toBe('institution/cndh');
      expect((await search('OHCHR'))[0]).toBe('institution/ohchr');
      expect(await search('Kaoural Renouveau')).toContain('org/kaoural-renewal');
    });
  });

  describe('what was loaded', () => {
    it('holds every entity with Entity and exactly one declared type label, and every relation, as planned', async () => {
      const labels = (await db.read('MATCH (n:Entity) UNWIND labels(n) AS label WITH label WHERE label <> "Entity" RETURN label, count(*) AS count')).rows;
      expect(Object.fromEntries(labels.map((r) => [r.label, r.count]))).toEqual(loaded.counts.byLabel);
      const perNode = (await db.read('MATCH (n:Entity) RETURN size(labels(n)) AS n, count(*) AS count')).rows;
      expect(perNode).toEqual([{ n: 2, count: loaded.counts.entities }]);
      const types = (await db.read('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count')).rows;
      expect(Object.fromEntries(types.map((r) => [r.type, r.count]))).toEqual(loaded.counts.byType);
      const sources = (await db.read('MATCH (s:Source) RETURN count(s) AS count, count(s.text) AS withText')).rows[0];
      expect(sources).toEqual({ count: 6, withText: 1 });
      expect(loaded.counts.entities).toBeGreaterThanOrEqual(25);
      expect(loaded.counts.relations).toBeGreaterThanOrEqual(35);
    });

    it('keeps the source text byte for byte (non-breaking spaces and "dissentpolitical" included)', async () => {
      const { rows } = await db.read("MATCH (s:Source {id: 'src/hrw-2024-03-15'}) RETURN s.text AS text, s.published AS published, s.language AS language");
      const file = readFileSync(MALI_TEXT_FILE, 'utf8');
      expect(rows[0]!.text).toBe(file);
      expect(String(rows[0]!.text)).toContain('peaceful dissentpolitical');
      expect(String(rows[0]!.text)).toContain('\u00a0');
      expect(rows[0]).toMatchObject({ published: '2024-03-15', language: 'en' });
    });

    it('gives every node and relationship evidence, and finds every quote in its source at its offsets', async () => {
      const sources = new Map(
        (await db.read('MATCH (s:Source) RETURN s.id AS id, s.text AS text, s.excerpts AS excerpts')).rows.map((r) => [String(r.id), r]),
      );
      const items: Row[] = [
        ...(await db.read('MATCH (n:Entity) RETURN n.id AS id, properties(n) AS p')).rows,
        ...(await db.read('MATCH ()-[r]->() RETURN r.id AS id, properties(r) AS p')).rows,
      ];
      expect(items).toHaveLength(loaded.counts.entities + loaded.counts.relations);
      let checked = 0;
      for (const item of items) {
        const p = item.p as Record<string, unknown[]>;
        const n = p.evidenceSources?.length ?? 0;
        expect(n, String(item.id)).toBeGreaterThan(0);
        for (const key of ['evidenceQuotes', 'evidenceStarts', 'evidenceEnds']) expect(p[key], `${item.id} ${key}`).toHaveLength(n);
        for (let i = 0; i < n; i++) {
          const source = sources.get(String(p.evidenceSources![i]));
          expect(source, `${item.id}: source ${p.evidenceSources![i]}`).toBeDefined();
          const quote = String(p.evidenceQuotes![i]);
          const start = Number(p.evidenceStarts![i]);
          const end = Number(p.evidenceEnds![i]);
          if (typeof source!.text === 'string') {
            expect(source!.text.slice(start, end), `${item.id} evidence ${i}`).toBe(quote);
            expect(quote.length).toBeGreaterThan(0);
          } else {
            expect([start, end]).toEqual([-1, -1]);
            expect((source!.excerpts as string[]).some((e) => foldQuote(e).includes(foldQuote(quote))), `${item.id}: ${quote}`).toBe(true);
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(items.length);
    });

    it('stores names, aliases with languages, the search text, and dates with precision and the inferred flag', async () => {
      const { rows } = await db.read("MATCH (n:Entity {id: 'org/aeem'}) RETURN n.name AS name, n.aliases AS aliases, n.aliasLanguages AS languages, n.searchText AS searchText");
      expect(rows[0]).toEqual({
        name: 'Association of Pupils and Students of Mali',
        aliases: ['AEEM', 'Association des Elèves et Etudiants du Mali'],
        languages: ['fr', 'fr'],
        searchText: 'Association of Pupils and Students of Mali | AEEM | Association des Elèves et Etudiants du Mali',
      });
      const dates = (
        await db.read(
          "MATCH ()-[r]->() WHERE r.id IN ['rel/dissolved-cmas', 'rel/dissolved-observatory', 'rel/arrested-aeem-members'] RETURN r.id AS id, r.date AS date, r.datePrecision AS precision, r.dateInferred AS inferred, r.endDate AS endDate, r.dateSource AS source ORDER BY id",
        )
      ).rows;
      expect(dates).toEqual([
        { id: 'rel/arrested-aeem-members', date: '2017-01-01', precision: 'year', inferred: false, endDate: '2018-01-01', source: 'src/hrw-2024-03-15' },
        { id: 'rel/dissolved-cmas', date: '2024-03-06', precision: 'day', inferred: true, endDate: null, source: 'src/hrw-2024-03-15' },
        { id: 'rel/dissolved-observatory', date: '2023-12-20', precision: 'day', inferred: false, endDate: null, source: 'src/maliactu-2023-12' },
      ]);
      // Dates are real Neo4j DATEs, so date arithmetic and range filters work.
      const typed = (await db.read("MATCH ()-[r {id: 'rel/dissolved-cmas'}]->() RETURN valueType(r.date) AS t, r.date > date('2024-03-01') AS after")).rows[0];
      expect(typed).toEqual({ t: 'DATE NOT NULL', after: true });
    });
  });

  describe('a researcher’s questions in Cypher', () => {
    it('which organizations were dissolved, in which order, by whom, with what stated reason', async () => {
      const { rows } = await db.read(`
        MATCH (authority)-[d:DISSOLVED]->(org:Organization)
        OPTIONAL MATCH (authority)-[a:ACCUSED]->(accused)
        WHERE accused = org OR (accused)-[:CHAIRS]->(org)
        WITH org, authority, d, collect(a.words) AS accusations
        RETURN org.name AS organization, authority.name AS by, d.date AS date, d.dateInferred AS inferred,
               d.statedReason AS reason, accusations
        ORDER BY d.date`);
      expect(rows.map((r) => [r.organization, r.by, r.date, r.inferred])).toEqual([
        ['Observatory for Elections and Good Governance', 'Malian junta', '2023-12-20', false],
        ['Kaoural Renewal', 'Malian junta', '2024-02-28', true],
        ['Coordination of Movements, Associations, and Sympathizers of Imam Mahmoud Dicko', 'Malian junta', '2024-03-06', true],
        ['Association of Pupils and Students of Mali', 'Minister of Territorial Administration', '2024-03-13', false],
      ]);
      expect(rows.map((r) => r.reason)).toEqual([
        'statements likely to disturb public order',
        'defamatory and subversive remarks',
        'destabilization and threat to public security',
        'violence and clashes in schools and universities',
      ]);
      expect(rows[0]!.accusations).toEqual(['statements likely to disturb public order']);
      expect([...(rows[3]!.accusations as string[])].sort()).toEqual(['lethal weapons, narcotics and large sums of unjustified money', 'violence and clashes in schools and universities']);
    });

    it('who the accusation against the Observatory targeted, and where the dissolution orders came from', async () => {
      const chair = (await db.read("MATCH (:Authority)-[a:ACCUSED]->(p:Person)-[:CHAIRS]->(o:Organization {id: 'org/observatory'}) RETURN p.name AS name, a.originalWords AS original")).rows;
      expect(chair).toEqual([{ name: 'Ibrahima Sangho', original: "de nature à troubler l'ordre public" }]);
      const communiques = (
        await db.read(`MATCH (c:Authority)-[:ISSUED]->(p:Publication)-[:ABOUT]->(o:Organization)
                       OPTIONAL MATCH (p)-[:CITED]->(e:Event)
                       RETURN c.name AS by, p.date AS date, o.id AS about, e.name AS cited ORDER BY date`)
      ).rows;
      expect(communiques).toEqual([
        { by: 'Council of Ministers', date: '2023-12-20', about: 'org/observatory', cited: null },
        { by: 'Council of Ministers', date: '2024-03-13', about: 'org/aeem', cited: 'Armed clashes of 28 February 2024' },
      ]);
      const minister = (await db.read("MATCH (p:Person)-[h:HOLDS_OFFICE_IN]->(:Authority {id: 'authority/minister-territorial-administration'}) RETURN p.name AS name")).rows;
      expect(minister).toEqual([{ name: 'Abdoulaye Maïga' }]);
    });

    it('what happened between the first dissolution and the report, with stated and inferred dates', async () => {
      const { rows } = await db.read(`
        MATCH (a)-[r]->(b) WHERE r.date >= date('2023-12-01') AND r.date <= date('2024-03-15') AND type(r) IN ['DISSOLVED', 'FORCIBLY_DISAPPEARED']
        RETURN r.date AS date, type(r) AS what, b.name AS whom, r.dateInferred AS inferred ORDER BY date`);
      expect(rows.map((r) => `${r.date} ${r.what} ${r.inferred ? 'inferred' : 'stated'}`)).toEqual([
        '2023-12-20 DISSOLVED stated',
        '2024-02-28 DISSOLVED inferred',
        '2024-03-04 FORCIBLY_DISAPPEARED inferred',
        '2024-03-06 DISSOLVED inferred',
        '2024-03-13 DISSOLVED stated',
      ]);
      const concern = (await db.read("MATCH (p:Person)-[e:ECHOED]->(:Publication)<-[:ISSUED]-(i:Institution) RETURN p.name AS who, i.id AS echoed, e.date AS date")).rows;
      expect(concern).toEqual([{ who: 'Seif Magango', echoed: 'institution/cndh', date: '2024-03-13' }]);
    });
  });

  describe('datasets', () => {
    it('gives every entity, source and relationship the dataset of the file, and records the dataset for the catalog', async () => {
      await expectAllInDataset(db, 'mali-2023-2024');
      const records = (await db.read('MATCH (d:Dataset) RETURN d.id AS id, d.title AS title')).rows;
      expect(records).toEqual([{ id: 'mali-2023-2024', title: "Mali's crackdown on civic space, 2023-2024" }]);
    });

    it('refuses a second dataset that reuses an id of the first, naming both datasets, and writes nothing', async () => {
      const other = maliDataset();
      other.metadata = { id: 'mali-copy', title: 'A copy under another id' };
      const error = await expectRefused(db, () => loadDatasetFile(db, writeDataset(other)));
      // Every id is the Mali dataset's (relations too: the database holds another dataset, so they are looked up): each is named, where it sits in the file, once.
      expect(error.issues).toHaveLength(other.sources.length + other.entities.length + other.relations.length);
      expect(error.issues).toContainEqual({
        file: expect.stringMatching(/\.yaml$/),
        path: 'entities[0].id',
        id: other.entities[0].id,
        field: 'id',
        message: `'${other.entities[0].id}' is already an entity of the dataset 'mali-2023-2024', and this import writes the dataset 'mali-copy': an id is one element in one dataset (give it another id, or import it into 'mali-2023-2024')`,
      });
      expect(error.issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/^'src\/hrw-2024-03-15' is already a source of the dataset 'mali-2023-2024'/));
    });

    it('refuses a relationship id another dataset holds, even between new entities, and writes nothing', async () => {
      const other = maliDataset();
      const kept = relation(other, 'rel/dissolved-cmas');
      const from = entity(other, kept.from);
      const to = entity(other, kept.to);
      other.metadata = { id: 'mali-relation-copy', title: 'One relation again' };
      other.entities = [{ ...from, id: 'authority/copy-from' }, { ...to, id: 'org/copy-to' }];
      other.relations = [{ ...kept, from: 'authority/copy-from', to: 'org/copy-to' }];
      other.sources = other.sources.map((s: any) => ({ ...s, id: `${s.id}-copy` }));
      for (const item of [...other.entities, ...other.relations]) {
        item.evidence = item.evidence.map((e: any) => ({ ...e, source: `${e.source}-copy` }));
        if (item.date?.source) item.date.source = `${item.date.source}-copy`;
      }
      const error = await expectRefused(db, () => loadDatasetFile(db, writeDataset(other)));
      expect(error.issues).toEqual([expect.objectContaining({ path: 'relations[0].id', id: 'rel/dissolved-cmas', message: expect.stringMatching(/^'rel\/dissolved-cmas' is already a relation of the dataset 'mali-2023-2024'/) })]);
    });
  });

  describe('idempotence', () => {
    it('loading the same file twice leaves identical nodes, relationships and properties', async () => {
      const before = await databaseChecksum(db);
      await loadDatasetFile(db);
      expect(await databaseChecksum(db)).toBe(before);
    });

    it('accepts the same dataset written as JSON and loads it to the same graph', async () => {
      const before = await databaseChecksum(db);
      await loadDatasetFile(db, writeDataset(maliDataset(), 'json'));
      expect(await databaseChecksum(db)).toBe(before);
    });

    it('an edited file leaves no stale property, label or relationship behind, and the original restores the graph', async () => {
      const original = await databaseChecksum(db, { elementIds: false });
      const edited = maliDataset();
      delete entity(edited, 'org/aeem').properties.kind;
      entity(edited, 'institution/ohchr').type = 'Organization';
      relation(edited, 'rel/magango-echoed-cndh').to = 'institution/cndh';
      relation(edited, 'rel/goita-leads-junta').type = 'CHAIRS';
      relation(edited, 'rel/goita-leads-junta').to = 'org/observatory';
      await loadDatasetFile(db, writeDataset(edited));
      const aeem = (await db.read("MATCH (n {id: 'org/aeem'}) RETURN n.kind AS kind")).rows[0];
      expect(aeem).toEqual({ kind: null });
      const ohchr = (await db.read("MATCH (n {id: 'institution/ohchr'}) RETURN labels(n) AS labels")).rows[0];
      expect([...(ohchr!.labels as string[])].sort()).toEqual(['Entity', 'Organization']);
      const moved = (await db.read("MATCH (a)-[r]->(b) WHERE r.id IN ['rel/magango-echoed-cndh', 'rel/goita-leads-junta'] RETURN r.id AS id, type(r) AS type, b.id AS to ORDER BY id")).rows;
      expect(moved).toEqual([
        { id: 'rel/goita-leads-junta', type: 'CHAIRS', to: 'org/observatory' },
        { id: 'rel/magango-echoed-cndh', type: 'ECHOED', to: 'institution/cndh' },
      ]);
      await loadDatasetFile(db, DEFAULT_DATASET);
      expect(await databaseChecksum(db, { elementIds: false })).toBe(original);
    });
  });

  it('plans the same counts that the file declares (validation alone, no database)', () => {
    const { plan } = validateDatasetFile(DEFAULT_DATASET);
    expect(plan.counts).toEqual(loaded.counts);
  });
});
