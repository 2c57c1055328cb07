// <kg-toast>: the last write, said in a line with its Undo (a revert of that revision, as a new revision); one instance on the page and one inside the source dialog, which makes the page behind it inert.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';

@customElement('kg-toast')
export class KgToast extends LitElement {
  static override styles = css`
    :host { position: fixed; right: 1rem; bottom: 1rem; z-index: 20; }
    :host([in-dialog]) { position: sticky; display: block; right: auto; bottom: 0; }
    .toast { display: flex; gap: 0.6rem; align-items: center; background: var(--kg-fg); color: var(--kg-bg); border-radius: 8px; padding: 0.5rem 0.8rem; box-shadow: 0 6px 24px #0005; font-size: 0.9rem; max-width: 36rem; }
    button { font: inherit; color: inherit; background: none; border: 1px solid currentColor; border-radius: 5px; padding: 0.1rem 0.5rem; cursor: pointer; }
    button:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
  `;

  /** The instance inside the source dialog; the page's own stays quiet while that dialog is open. */
  @property({ type: Boolean, attribute: 'in-dialog', reflect: true }) inDialog = false;
  private readonly ctl = new StoreController(this, (s) => [s.lastWrite, s.sourceView]);

  override render() {
    if (!this.ctl.ready) return nothing;
    const { lastWrite, sourceView } = this.ctl.state;
    if (!lastWrite || Boolean(sourceView) !== this.inDialog) return nothing;
    return html`<div class="toast" role="status">
      <span class="what">${lastWrite.text}</span>
      <button class="undo" @click=${() => this.ctl.actions.undoLastWrite()}>Undo</button>
      <button class="dismiss" aria-label="Close this message" @click=${() => this.ctl.actions.dismissLastWrite()}>✕</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-toast': KgToast;
  }
}
