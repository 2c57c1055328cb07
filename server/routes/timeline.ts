// GET /api/timeline: dated nodes and relationships in date order, with precision and the inferred flag.
import { Router } from 'express';
import { isPlainRelationship, type PlainValue } from '../../db/database.ts';
import { evidenceOf, publicId } from '../../db/mapping.ts';
import { captionResolverFor } from '../services/catalog.ts';
import { timeline } from '../services/graph-reads.ts';
import { SingleFlight } from '../services/single-flight.ts';
import { ENDPOINTS, parseQuery, TimelineQuery } from '../http/endpoints.ts';
import { define, type RouteContext } from './define.ts';
import type { Model } from '../../model/index.ts';

/** The first day of a partial date ('2024' -> '2024-01-01'). */
export function periodStart(date: string): string {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}`;
}

/** The last day of a partial date ('2024-02' -> '2024-02-29'). */
export function periodEnd(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number?, number?];
  if (d !== undefined && m !== undefined) return periodStart(date);
  const last = m === undefined ? new Date(Date.UTC(y, 11, 31)) : new Date(Date.UTC(y, m, 0));
  return last.toISOString().slice(0, 10);
}

/** 'DISSOLVED' -> 'dissolved', 'SPOKE_FOR' -> 'spoke for'. */
function verb(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}

const asString = (value: PlainValue | undefined) => (typeof value === 'string' ? value : null);

/**
 * The words a relationship carries, as its model declares them: its first required string
 * property (an accusation's `words`, a call's `demand`). Without them "X called for Y" loses
 * what was called for.
 */
function declaredWords(model: Model, type: string, properties: Record<string, PlainValue>): string | null {
  const decl = model.relation(type);
  const key = decl && Object.entries(decl.properties).find(([, p]) => p.required && p.type === 'string')?.[0];
  return key ? asString(properties[key]) : null;
}

export function timelineRoutes({ db, catalog }: RouteContext): Router {
  const router = Router();
  const sharedReads = new SingleFlight<Awaited<ReturnType<typeof timeline>>>();
  define(router, ENDPOINTS.timeline, async (req, res) => {
    const { from, to, types, limit } = parseQuery(TimelineQuery, req);
    const snapshot = await catalog.snapshot();
    const params = { from: from ? periodStart(from) : null, to: to ? periodEnd(to) : null, types: types && types.length ? types : null, limit };
    // Many clients opening the same window at once (a page load, a shared link) cost one read.
    const result = await sharedReads.run(JSON.stringify([params, snapshot.ours]), () => timeline(db, params, snapshot.ours ? snapshot.model : undefined));
    const caption = captionResolverFor(snapshot.captions);
    const events = result.events.map((event) => {
      const item = event.item;
      const participants = event.participants.map(({ node, role }) => ({
        id: publicId(node),
        caption: caption(node.labels, node.properties),
        labels: node.labels,
        role,
      }));
      const words = isPlainRelationship(item) ? declaredWords(snapshot.model, item.type, item.properties) : null;
      const text = isPlainRelationship(item)
        ? `${participants[0]?.caption ?? '?'} ${verb(item.type)} ${participants[1]?.caption ?? '?'}${words ? `: “${words.trim()}”` : ''}`
        : caption(item.labels, item.properties);
      const precision = event.precision === 'month' || event.precision === 'year' ? event.precision : 'day';
      return {
        id: publicId(item),
        kind: event.kind,
        date: String(item.properties.date),
        endDate: asString(item.properties.endDate),
        precision,
        inferred: item.properties.dateInferred === true,
        caption: text,
        type: event.type,
        participants,
        evidence: evidenceOf(item),
      };
    });
    res.json({ events, total: result.total, truncated: result.total > events.length });
  });
  return router;
}
