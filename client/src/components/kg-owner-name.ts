// <kg-owner-name>: owner mode asks once, in a strip above the page, for the name the owner's changes are signed with (PUT /api/auth/owner); "Not now" is remembered.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';
import { DEFAULT_OWNER_NAME } from '../state/session.ts';
import { formStyles } from '../lib/styles.ts';

/**
 * Not a modal dialog, and it takes no focus: the explorer stays usable (and its keys its own) while the
 * question waits; the account menu's "Your name…" brings it back and focuses it.
 */
@customElement('kg-owner-name')
export class KgOwnerName extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; padding: 0.4rem 0.9rem; background: var(--kg-panel); border-bottom: 1px solid var(--kg-border); }
    label { display: flex; gap: 0.5rem; align-items: center; }
    input { width: 16rem; max-width: 60vw; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.session.askOwnerName, s.session.user]);
  @query('input') private input?: HTMLInputElement;

  /** The account menu asked: the field takes the focus. */
  focusInput(): void {
    this.input?.focus();
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.input?.value.trim();
    if (name) await this.ctl.actions.setOwnerName(name);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    // The strip's Escape: "not now", and not the page's (which would clear the selection).
    event.stopPropagation();
    this.ctl.actions.declineOwnerName();
  }

  override render() {
    if (!this.ctl.ready || !this.ctl.state.session.askOwnerName) return nothing;
    const name = this.ctl.state.session.user?.displayName ?? '';
    return html`<form role="region" aria-label="Your name" @submit=${this.save} @keydown=${this.onKey}>
      <label>Your name, for the record of what you change
        <input name="name" required maxlength="100" autocomplete="name" .value=${name === DEFAULT_OWNER_NAME ? '' : name} /></label>
      <button class="primary" type="submit">Save</button>
      <button type="button" @click=${() => this.ctl.actions.declineOwnerName()}>Not now</button>
      <span class="note">Every change made at this machine is signed with it.</span>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-owner-name': KgOwnerName;
  }
}
