// Actions of recording (issue #25): what reads show (proposals, retired), sources in, facts from passages, corroboration, review, edits, retire and revert; after each write the store is invalidated and the canvas asks again.
import { fetchSubgraph, setShowFacts } from '../../api.ts';
import * as api from '../../api-record.ts';
import { showFactsValue, type FactVisibility } from '../record.ts';
import { withNodes } from './graph.ts';
import { ActionGroup, type Shared } from './group.ts';

/** Above this many nodes the canvas is not asked again whole after a write; only the fact's ends are. */
const REFRESH_LIMIT = 1000;

export class RecordActions extends ActionGroup {
  /** The dataset of each source this page added (the source's details do not say it). */
  readonly #sourceDatasets = new Map<string, string>();
  constructor(shared: Shared) {
    super(shared);
    // The header follows the state before any request goes out: the first load asks with it already.
    let sent: string | undefined;
    shared.store.subscribe((state) => {
      const value = state.session.status === 'signed-in' ? showFactsValue(state.session, state.facts) : undefined;
      if (value === sent) return;
      sent = value;
      setShowFacts(value);
      // Changed once the explorer shows something: what it fetched was another view of the facts (asked after this update ends).
      if (state.session.started) queueMicrotask(() => void this.#showAgain());
    });
  }

  /** Shows or hides proposed facts (null: back to the default for this user). */
  setShowProposals(on: boolean | null): void {
    this.#setVisibility({ ...this.state.facts, proposals: on });
  }

  setShowRetired(on: boolean): void {
    this.#setVisibility({ ...this.state.facts, retired: on });
  }

  #setVisibility(facts: FactVisibility): void {
    this.store.update({ facts });
  }

  /** Everything fetched is stale under the new header, and the canvas's elements are asked again. */
  async #showAgain(): Promise<void> {
    this.store.invalidate();
    await this.refreshCanvas();
  }

  /**
   * Asks the server again for what the canvas shows (and for `extra` ids): changed statuses and properties
   * replace the old ones, new relationships among them appear, and what is no longer shown goes.
   */
  async refreshCanvas(extra: readonly string[] = []): Promise<void> {
    const onCanvas = [...this.state.nodes.keys()];
    const ids = [...new Set([...(onCanvas.length > REFRESH_LIMIT ? [] : onCanvas), ...extra])];
    if (!ids.length) return;
    const found = await this.track(() => fetchSubgraph(ids));
    if (!found) return;
    const asked = new Set(ids);
    const gone = new Set(found.missing);
    const nodes = new Map([...this.state.nodes].filter(([id]) => !(asked.has(id) && gone.has(id))));
    // Relationships among the asked nodes that did not come back are not shown any more (retired, rejected, hidden).
    const edges = new Map([...this.state.edges].filter(([, e]) => nodes.has(e.source) && nodes.has(e.target) && !(asked.has(e.source) && asked.has(e.target))));
    const next = withNodes({ nodes, edges }, this.graph.captioned(found.nodes), found.edges.map(({ evidence: _e, ...edge }) => edge));
    const selection = this.state.selection;
    const kept = !selection || (selection.kind === 'node' ? next.nodes.has(selection.id) : next.edges.has(selection.id));
    this.store.update({ ...next, evidence: this.graph.evidenceWith(found), overview: null, ...(kept ? {} : { selection: null }) });
  }

  /** After a write: its toast (with Undo), the fetched data it changed forgotten, the canvas and the review count asked again. */
  async #written(fact: api.Fact, text: string, ids: readonly string[] = [], select = false): Promise<void> {
    this.store.invalidate({ ids: [fact.id, fact.from, fact.to, ...ids], sources: true });
    await Promise.all([this.refreshCanvas([fact.from, fact.to]), this.loadReviewTotal()]);
    // Said once the page shows it: the toast is the sign that the write is everywhere.
    this.store.update({ lastWrite: { factId: fact.id, revision: fact.revision, text }, ...(select ? { selection: { kind: 'edge' as const, id: fact.id } } : {}) });
  }

  /** Adds a source with its held text; a refusal is thrown for the form to show on its fields. */
  async addSource(dataset: string, source: api.NewSource): Promise<api.RecordedSource> {
    const added = await api.addSource(dataset, source);
    this.#sourceDatasets.set(added.source.id, dataset);
    this.store.invalidate({ sources: true });
    return added;
  }

  /** The dataset a source was added to from this page, if it was. */
  sourceDataset(id: string): string | undefined {
    return this.#sourceDatasets.get(id);
  }

  /** Records a fact from a passage; refusals (the rules' problems) are thrown for the form. */
  async recordFact(dataset: string, fact: api.NewFact): Promise<Awaited<ReturnType<typeof api.recordFact>>> {
    const recorded = await api.recordFact(dataset, fact);
    const names = recorded.created.map((c) => c.name).join(', ');
    await this.#written(recorded.fact, `Recorded ${recorded.fact.type} (${recorded.fact.status})${names ? `; new: ${names}` : ''}`, recorded.created.map((c) => c.id), true);
    return recorded;
  }

  async corroborate(factId: string, revision: number, evidence: api.EvidenceAnchor): Promise<api.Fact> {
    const { fact } = await api.corroborate(factId, revision, evidence);
    await this.#written(fact, `Evidence added to ${fact.type}`);
    return fact;
  }

  async reviewFact(factId: string, revision: number, decision: 'accept' | 'reject', comment: string): Promise<api.Fact> {
    const { fact } = await api.reviewFact(factId, revision, decision, comment);
    await this.#written(fact, `${decision === 'accept' ? 'Accepted' : 'Rejected'} ${fact.type}`);
    return fact;
  }

  async retireFact(factId: string, revision: number, reason: string): Promise<api.Fact> {
    const { fact } = await api.retireFact(factId, revision, reason);
    await this.#written(fact, `Retired ${fact.type}`);
    return fact;
  }

  async editFact(factId: string, revision: number, changes: api.FactChanges, reason?: string): Promise<api.Fact> {
    const { fact } = await api.editFact(factId, revision, changes, reason);
    await this.#written(fact, `Changed ${fact.type}`);
    return fact;
  }

  /** Undoes revision `target` of a fact, as a new revision based on `revision`. */
  async revertFact(factId: string, revision: number, target: number): Promise<api.Fact> {
    const { fact } = await api.revertFact(factId, revision, target);
    await this.#written(fact, `Reverted revision ${target} of ${fact.type}`);
    return fact;
  }

  async revertActor(actorId: string, target: number): Promise<void> {
    await api.revertActor(actorId, target);
    this.store.update({ lastWrite: null });
    this.store.invalidate({ ids: [actorId], sources: true });
    await this.refreshCanvas([actorId]);
  }

  /** The toast's Undo: reverts the last write (its revision), as a new revision; the banner says why when refused. */
  async undoLastWrite(): Promise<void> {
    const last = this.state.lastWrite;
    if (!last) return;
    await this.track(async () => {
      const { fact } = await api.revertFact(last.factId, last.revision, last.revision);
      this.store.invalidate({ ids: [fact.id, fact.from, fact.to], sources: true });
      this.store.update({ lastWrite: null, notice: `Undone: revision ${last.revision} of ${fact.type} reverted` });
      await Promise.all([this.refreshCanvas([fact.from, fact.to]), this.loadReviewTotal()]);
    });
  }

  dismissLastWrite(): void {
    this.store.update({ lastWrite: null });
  }

  /** How many proposed facts wait for this user's review (null for one who reviews nothing, or a server without the list). */
  async loadReviewTotal(): Promise<void> {
    try {
      const { total } = await api.fetchReview({ limit: 1 });
      if (total !== this.state.reviewTotal) this.store.update({ reviewTotal: total });
    } catch {
      if (this.state.reviewTotal !== null) this.store.update({ reviewTotal: null });
    }
  }
}
