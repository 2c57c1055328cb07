// The timeline (GET /api/timeline): a window's dated nodes and relationships in date order, as events with their participants, captions and evidence; many clients asking the same window share one read.
import { isPlainRelationship, type Database, type PlainValue } from '../../db/database.ts';
import { evidenceOf, publicId, type Evidence } from '../../db/mapping.ts';
import type { Model } from '../../model/index.ts';
import { BadRequestError } from '../http/errors.ts';
import type { Catalog, CatalogSnapshot } from './catalog.ts';
import { captionResolverFor } from './catalog-labels.ts';
import { NOTHING } from './datasets.ts';
import type { Visibility } from './visibility.ts';
import { DATE_FORMATS, inferDateFormat, type DateFormat } from './inferred-model.ts';
import { labelValues } from './reads/schema.ts';
import { timeline, timelineByDateProperties, type DatedLabel } from './reads/timeline.ts';
import { SingleFlight } from './single-flight.ts';

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

/**
 * The labels a foreign timeline reads and by which property: the inferred model's date properties, with
 * `dates` ('Label.property' or 'Label.property:format') overriding them. A label or property the
 * database does not report is refused; an override without a format takes the one its values show,
 * and an ambiguous one (dd/MM or MM/dd) must say which.
 */
export async function datedLabels(db: Database, snapshot: CatalogSnapshot, overrides: readonly string[] | undefined): Promise<DatedLabel[]> {
  const byLabel = new Map<string, DatedLabel>();
  for (const l of snapshot.labels) if (l.dateProperty && l.count > 0) byLabel.set(l.label, { label: l.label, property: l.dateProperty.name, format: l.dateProperty.format });
  for (const raw of overrides ?? []) {
    const match = /^([^.:]+)\.([^:]+)(?::(.+))?$/.exec(raw);
    if (!match) throw new BadRequestError(`dates: '${raw}' is not Label.property or Label.property:format`, 'invalid_parameter');
    const [, label, property, format] = match as unknown as [string, string, string, string | undefined];
    const info = snapshot.labels.find((l) => l.label === label && l.count > 0);
    if (!info) throw new BadRequestError(`dates: '${label}' is not a label of this database`, 'invalid_parameter');
    if (!info.properties.some((p) => p.name === property)) throw new BadRequestError(`dates: ${label} has no property '${property}'`, 'invalid_parameter');
    if (format !== undefined && !DATE_FORMATS.includes(format as DateFormat)) {
      throw new BadRequestError(`dates: format '${format}' is none of ${DATE_FORMATS.join(', ')}`, 'invalid_parameter');
    }
    let chosen = format as DateFormat | undefined;
    if (!chosen) {
      const known = info.dateCandidates.find((c) => c.name === property)?.format;
      const sampled = known ?? (await labelValues(db, label, 200, 40)).find((p) => p.key === property);
      const inferred = typeof sampled === 'string' ? sampled : sampled ? inferDateFormat(sampled.key, sampled.neo4jType, sampled.values ?? []) : undefined;
      if (inferred === 'ambiguous') throw new BadRequestError(`dates: ${label}.${property} reads as dd/MM/yyyy or MM/dd/yyyy; name the format ('${label}.${property}:dd/MM/yyyy')`, 'invalid_parameter');
      if (!inferred) throw new BadRequestError(`dates: ${label}.${property} does not read as a date`, 'invalid_parameter');
      chosen = inferred;
    }
    byLabel.set(label, { label, property, format: chosen });
  }
  return [...byLabel.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export interface TimelineWindow {
  from?: string;
  to?: string;
  types?: string[];
  limit: number;
  /** A foreign database's date property per label ('Label.property' or 'Label.property:format'). */
  dates?: string[];
}

export interface TimelineEvent {
  id: string;
  kind: 'node' | 'relationship';
  date: string;
  endDate: string | null;
  precision: 'day' | 'month' | 'year';
  inferred: boolean;
  caption: string;
  type: string;
  participants: { id: string; caption: string; labels: string[]; role: string }[];
  evidence: Evidence[];
}

/** Answers timeline windows for one app; identical windows asked at once (a page load, a shared link) cost one read. */
export class TimelineService {
  private readonly sharedReads = new SingleFlight<Awaited<ReturnType<typeof timeline>>>();

  constructor(
    private readonly db: Database,
    private readonly catalog: Catalog,
  ) {}

  /**
   * The window as the caller (`asked`) sees it: the events, the total and so the truncation flag (and the
   * page's histogram, drawn from the events) of what they see only (their datasets, the fact statuses shown), each counted inside its query.
   */
  async window({ from, to, types, limit, dates }: TimelineWindow, asked: Visibility): Promise<{ events: TimelineEvent[]; total: number; truncated: boolean }> {
    const { db } = this;
    const { snapshot, datasets, statuses } = await this.catalog.scope(asked);
    if (datasets === NOTHING) return { events: [], total: 0, truncated: false };
    const params = { from: from ? periodStart(from) : null, to: to ? periodEnd(to) : null, types: types?.length ? types : null, limit, datasets, statuses };
    // A foreign database is dated by each label's date property (inferred, or as `dates` says), read by its format.
    const dated = snapshot.ours ? undefined : await datedLabels(db, snapshot, dates);
    // Callers share a read only when they see the same datasets and statuses (they are part of the key).
    const result = await this.sharedReads.run(JSON.stringify([params, snapshot.ours, dated]), () =>
      dated ? timelineByDateProperties(db, dated, params) : timeline(db, params, snapshot.ours ? snapshot.model : undefined),
    );
    const caption = captionResolverFor(snapshot.captions, snapshot.dates);
    const events = result.events.map((event): TimelineEvent => {
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
        // A relationship's dataset id holds only between two nodes of ours (db/mapping.ts publicId).
        id: isPlainRelationship(item) ? publicId(item, [participants[0]?.id ?? '~', participants[1]?.id ?? '~']) : publicId(item),
        kind: event.kind,
        date: event.date ?? String(item.properties.date),
        endDate: asString(item.properties.endDate),
        precision,
        inferred: item.properties.dateInferred === true,
        caption: text,
        type: event.type,
        participants,
        evidence: evidenceOf(item, event.sources),
      };
    });
    return { events, total: result.total, truncated: result.total > events.length };
  }
}
