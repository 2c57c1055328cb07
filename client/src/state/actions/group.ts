// What every action group shares (the store, the one tracker, the canvas edits) and the base class that reaches them.
import type { Store, ViewState } from '../store.ts';
import type { GraphEdits } from './graph.ts';
import type { Tracker } from './tracker.ts';

export interface Shared {
  store: Store;
  tracker: Tracker;
  graph: GraphEdits;
}

/**
 * A group of actions over one concern. Its public methods become the explorer's actions (index.ts
 * binds them onto one object), so helpers a group keeps to itself are `#private`: a TypeScript
 * `private` method would be bound too, and a name two groups both use is refused.
 */
export abstract class ActionGroup {
  constructor(protected readonly shared: Shared) {}

  protected get store(): Store {
    return this.shared.store;
  }

  protected get state(): ViewState {
    return this.shared.store.state;
  }

  protected get graph(): GraphEdits {
    return this.shared.graph;
  }

  /** Counts the request as busy and turns its failure into the error banner (undefined then). */
  protected track<T>(work: () => Promise<T>): Promise<T | undefined> {
    return this.shared.tracker.track(work);
  }
}
