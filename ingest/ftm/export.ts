// FtM out from a database: every entity (or those named), the relationships among them, and the sources
// their evidence cites, streamed as FtM NDJSON in pages so that a large graph is never held whole. Facts recorded
// in the page go out as every read shows them by default: accepted ones, never proposed, rejected or retired.
import type { Database, PlainNode, PlainRelationship } from '../../db/database.ts';
import { evidenceOf } from '../../db/mapping.ts';
import { ENTITY_LABEL, FACT_STATUSES_SHOWN, SOURCE_LABEL, STORED } from '../../model/index.ts';
import { storedModel } from '../model-store.ts';
import { ftm } from './model.ts';
import { ftmModel } from './model.ts';
import { FtmWriter, ftmLine, type FtmSourceIn } from './write.ts';

const PAGE = 2000;

function sourceOf(node: PlainNode): FtmSourceIn {
  const p = node.properties;
  const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : undefined);
  return { id: String(p.id), title: text('title'), publisher: text('publisher'), url: text('url'), language: text('language'), published: text('published'), publishedPrecision: text('publishedPrecision') };
}

/** Writes the graph (or the entities with `ids` and the relationships among them) as FtM lines; answers the counts. */
export async function exportFtm(db: Database, write: (line: string) => void | Promise<void>, options: { ids?: string[] } = {}): Promise<{ entities: number; relations: number; sources: number }> {
  const writer = new FtmWriter({ plan: ftmModel(await storedModel(db)) });
  const cited = new Set<string>();
  const schemaOf = new Map<string, string>();
  let entities = 0;
  let relations = 0;
  const filter = options.ids ? `AND n.${STORED.id} IN $ids` : '';
  // Imported elements carry no status: they count as accepted.
  const shown = (v: string) => `coalesce(${v}.${STORED.factStatus}, 'accepted') IN $statuses`;
  const statuses = FACT_STATUSES_SHOWN;
  for (let after = ''; ; ) {
    const { rows } = await db.read(`MATCH (n:${ENTITY_LABEL}) WHERE n.${STORED.id} > $after ${filter} AND ${shown('n')} RETURN n ORDER BY n.${STORED.id} LIMIT ${PAGE}`, { after, ids: options.ids ?? null, statuses });
    if (!rows.length) break;
    for (const row of rows) {
      const node = row.n as PlainNode;
      const evidence = evidenceOf(node);
      for (const e of evidence) cited.add(e.sourceId);
      const entity = writer.node({ id: String(node.properties.id), labels: node.labels, properties: node.properties, evidence });
      schemaOf.set(String(node.properties.id), entity.schema);
      await write(ftmLine(entity));
      entities++;
      after = String(node.properties.id);
    }
  }
  for (let after = ''; ; ) {
    const { rows } = await db.read(
      `MATCH (a:${ENTITY_LABEL})-[r]->(b:${ENTITY_LABEL}) WHERE r.${STORED.id} > $after ${filter.replace(/n\./g, 'a.')} ${options.ids ? `AND b.${STORED.id} IN $ids` : ''}
         AND ${shown('r')} AND ${shown('a')} AND ${shown('b')}
       RETURN r, a.${STORED.id} AS from, b.${STORED.id} AS to ORDER BY r.${STORED.id} LIMIT ${PAGE}`,
      { after, ids: options.ids ?? null, statuses },
    );
    if (!rows.length) break;
    for (const row of rows) {
      const rel = row.r as PlainRelationship;
      const from = String(row.from);
      const to = String(row.to);
      const evidence = evidenceOf(rel);
      for (const e of evidence) cited.add(e.sourceId);
      const ends: [ReturnType<typeof ftm.getSchema>, ReturnType<typeof ftm.getSchema>] = [ftm.getSchema(schemaOf.get(from) ?? 'LegalEntity'), ftm.getSchema(schemaOf.get(to) ?? 'LegalEntity')];
      await write(ftmLine(writer.edge({ id: String(rel.properties.id), type: rel.type, source: from, target: to, properties: rel.properties, evidence }, ends)));
      relations++;
      after = String(rel.properties.id);
    }
  }
  const { rows } = await db.read(`MATCH (s:${SOURCE_LABEL}) WHERE s.${STORED.id} IN $ids RETURN s ORDER BY s.${STORED.id}`, { ids: [...cited] });
  for (const row of rows) await write(ftmLine(writer.source(sourceOf(row.s as PlainNode))));
  return { entities, relations, sources: rows.length };
}
