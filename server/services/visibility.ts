// What a caller sees, as a request asks it: the datasets they read and the fact statuses they show; and how that
// becomes every read's $statuses on the open database (null, no filter, where no fact was ever recorded).
import { FACT_STATUSES, FACT_STATUSES_SHOWN, type FactStatus } from '../../model/index.ts';
import type { Datasets, Statuses } from './reads/run.ts';

/** The fact statuses a request may ask to see besides those every read shows (X-Show-Facts). */
export const SHOWABLE_FACT_STATUSES = FACT_STATUSES.filter((s) => !FACT_STATUSES_SHOWN.includes(s));

/**
 * What one request sees: the datasets its caller reads (null: every one) and the fact statuses it shows
 * (FACT_STATUSES_SHOWN and what X-Show-Facts asks). The catalog turns it into the reads' parameters (Catalog.scope).
 */
export interface Visibility {
  datasets: Datasets;
  statuses: readonly FactStatus[];
}

/** What the owner's page sees by default (its "Show proposals" is on in owner mode): the warm-up reads as it does. */
export const OWNER_DEFAULT: Visibility = { datasets: null, statuses: [...FACT_STATUSES_SHOWN, 'proposed'] };

/** The statuses a request shows, in FACT_STATUSES order: those every read shows and those it asked for. */
export function shownStatuses(asked: readonly FactStatus[]): FactStatus[] {
  return FACT_STATUSES.filter((s) => FACT_STATUSES_SHOWN.includes(s) || asked.includes(s));
}

/**
 * Every read's $statuses: null (no filter, nothing to pay) when the database holds no recorded fact (no
 * element has a status then) or the request shows every status; else the list.
 */
export function statusesFilter(shown: readonly FactStatus[], factsRecorded: boolean): Statuses {
  if (!factsRecorded || FACT_STATUSES.every((s) => shown.includes(s))) return null;
  return shown;
}
