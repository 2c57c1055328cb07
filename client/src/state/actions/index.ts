// The explorer's actions: each group of concern in its own file, all sharing one tracker, put together as the one object components get from context.
import type { Store } from '../store.ts';
import { AdminActions } from './admin.ts';
import { CanvasActions } from './canvas.ts';
import { ConsoleActions } from './console.ts';
import { GraphEdits } from './graph.ts';
import type { Shared } from './group.ts';
import { MetricsActions } from './metrics.ts';
import { PathActions } from './paths.ts';
import { RecordActions } from './record.ts';
import { SchemaActions } from './schema.ts';
import { browserEnvironment, SessionActions, type SessionEnvironment } from './session.ts';
import { StartActions } from './start.ts';
import { TimelineActions } from './timeline.ts';
import { Tracker } from './tracker.ts';
import { ViewActions } from './view.ts';

export { DEFAULT_OVERVIEW, EXPAND_PAGE } from './canvas.ts';

/** A group's public methods and getters: what it offers (its helpers are #private, its wiring protected). */
type Surface<T> = { [K in keyof T]: T[K] };

/**
 * Every action a component may take, whichever group holds it: `actions.expand(id)`, `actions.findPaths()`.
 * A new concern (the writes of the next issue, say) is a new group file added here.
 */
export type Actions = Surface<StartActions> &
  Surface<ViewActions> &
  Surface<CanvasActions> &
  Surface<SchemaActions> &
  Surface<MetricsActions> &
  Surface<PathActions> &
  Surface<TimelineActions> &
  Surface<ConsoleActions> &
  Surface<SessionActions> &
  Surface<AdminActions> &
  Surface<RecordActions>;

/** Binds each group's public methods (and getters) onto one object; the same name in two groups is a mistake, refused here. */
function combine(groups: readonly object[]): Record<string, unknown> {
  const actions: Record<string, unknown> = {};
  for (const group of groups) {
    const prototype = Object.getPrototypeOf(group) as object;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor') continue;
      if (Object.hasOwn(actions, name)) throw new Error(`two action groups both define ${name}`);
      const member = Object.getOwnPropertyDescriptor(prototype, name)!;
      if (member.get) Object.defineProperty(actions, name, { get: member.get.bind(group), enumerable: true });
      else if (typeof member.value === 'function') actions[name] = (member.value as (...args: unknown[]) => unknown).bind(group);
    }
  }
  return actions;
}

/**
 * The actions over this store, with one tracker of requests in flight, errors and the server's health.
 * `environment`: how the session leaves the page and remembers the owner's "not now" (tests give their own).
 */
export function createActions(store: Store, environment: SessionEnvironment = browserEnvironment): Actions {
  const tracker = new Tracker(store);
  const shared: Shared = { store, tracker, graph: new GraphEdits(store, tracker) };
  const view = new ViewActions(shared);
  const canvas = new CanvasActions(shared, view);
  const start = new StartActions(shared);
  return combine([
    start,
    view,
    canvas,
    new SchemaActions(shared, view),
    new MetricsActions(shared),
    new PathActions(shared, view),
    new TimelineActions(shared, canvas, view),
    new ConsoleActions(shared),
    new SessionActions(shared, start, view, environment),
    new AdminActions(shared),
    new RecordActions(shared),
  ]) as Actions;
}
