// Reactive controller: gives a component the explorer from context and re-renders it when the parts it reads change.
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Actions } from './actions/index.ts';
import { explorerContext, type Explorer } from './context.ts';
import type { Store, ViewState } from './store.ts';

type Host = ReactiveControllerHost & HTMLElement;

/** Picks the values a component renders from; it re-renders only when one of them changes identity. */
export type Selector = (state: ViewState) => readonly unknown[];

export class StoreController implements ReactiveController {
  private explorer?: Explorer;
  private unsubscribe?: () => void;
  private picked: readonly unknown[] = [];

  /** `own` is for the element that provides the context itself (a provider does not answer its own host). */
  constructor(
    private readonly host: Host,
    private readonly selector?: Selector,
    own?: Explorer,
  ) {
    host.addController(this);
    if (own) this.explorer = own;
    else new ContextConsumer(host, { context: explorerContext, callback: (explorer) => this.attach(explorer) });
  }

  get ready(): boolean {
    return this.explorer !== undefined;
  }

  get store(): Store {
    if (!this.explorer) throw new Error('no explorer store provided above this element');
    return this.explorer.store;
  }

  get actions(): Actions {
    if (!this.explorer) throw new Error('no explorer store provided above this element');
    return this.explorer.actions;
  }

  get explorerRef(): Explorer | undefined {
    return this.explorer;
  }

  get state(): ViewState {
    return this.store.state;
  }

  private attach(explorer: Explorer): void {
    this.unsubscribe?.();
    this.explorer = explorer;
    this.picked = this.selector ? this.selector(explorer.store.state) : [];
    this.unsubscribe = explorer.store.subscribe((state) => this.changed(state));
    this.host.requestUpdate();
  }

  private changed(state: ViewState): void {
    if (this.selector) {
      const next = this.selector(state);
      if (next.length === this.picked.length && next.every((value, i) => Object.is(value, this.picked[i]))) return;
      this.picked = next;
    }
    this.host.requestUpdate();
  }

  hostConnected(): void {
    if (this.explorer && !this.unsubscribe) this.attach(this.explorer);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
