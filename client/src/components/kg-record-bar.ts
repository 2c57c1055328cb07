// <kg-record-bar>: the toolbar's part for recording: what the reads show (proposals, retired facts), "Add source" for editors, "To review (N)" for reviewers and editors.
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';
import { editableDatasets, holdsSomewhere, showsProposals } from '../state/record.ts';
import { ariaKeys } from '../state/shortcuts.ts';

@customElement('kg-record-bar')
export class KgRecordBar extends LitElement {
  static override styles = css`
    :host { display: contents; }
    button { font: inherit; font-size: 0.9rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.15rem 0.45rem; cursor: pointer; }
    button[aria-pressed='true'] { background: var(--kg-focus); color: var(--kg-on-focus); border-color: var(--kg-focus); }
    button:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    .sep { width: 1px; align-self: stretch; background: var(--kg-border); margin: 0 0.1rem; }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.session, s.facts, s.schema, s.reviewTotal]);
  private asked = false;

  override updated(): void {
    // The count, once per signed-in page: a reviewer sees at once that something waits.
    if (!this.asked && this.ctl.ready && this.ctl.state.session.started && holdsSomewhere(this.ctl.state.session, 'editor')) {
      this.asked = true;
      void this.ctl.actions.loadReviewTotal();
    }
  }

  override render() {
    if (!this.ctl.ready) return nothing;
    const { state, actions } = this.ctl;
    const proposals = showsProposals(state.session, state.facts);
    const editable = editableDatasets(state.session, state.schema).length > 0;
    const reviews = holdsSomewhere(state.session, 'editor') && state.reviewTotal !== null;
    const keys = ariaKeys('add-source');
    return html`<span class="sep"></span>
      <button class="show-proposals" aria-pressed=${proposals ? 'true' : 'false'} title="Show facts recorded but not yet reviewed (drawn dashed)"
        @click=${() => actions.setShowProposals(!proposals)}>Show proposals</button>
      <button class="show-retired" aria-pressed=${state.facts.retired ? 'true' : 'false'} title="Show retired and rejected facts (greyed)"
        @click=${() => actions.setShowRetired(!state.facts.retired)}>Show retired</button>
      ${editable
        ? html`<button class="add-source" aria-keyshortcuts=${keys} title="Add a source with its text (${keys})" @click=${() => actions.setPanel('addSource', true)}>Add source</button>`
        : nothing}
      ${reviews ? html`<button class="to-review" title="Proposed facts waiting for review" @click=${() => actions.setPanel('review', true)}>To review (${state.reviewTotal})</button>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-record-bar': KgRecordBar;
  }
}
