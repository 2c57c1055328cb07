// <kg-owner-name>: owner mode asks once for the name the owner's changes are signed with (PUT /api/auth/owner); "Not now" is remembered.
import { LitElement, css, html } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';
import { DEFAULT_OWNER_NAME } from '../state/session.ts';
import { dialogStyles, formStyles } from '../lib/styles.ts';

@customElement('kg-owner-name')
export class KgOwnerName extends LitElement {
  static override styles = [dialogStyles, formStyles, css`
    dialog { width: min(28rem, 92vw); }
    input { width: 100%; box-sizing: border-box; }
    .actions { display: flex; gap: 0.5rem; justify-content: flex-end; margin-top: 0.4rem; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.session.askOwnerName]);
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input') private input!: HTMLInputElement;
  /** Closed by saving: the dialog's close event is then no "Not now". */
  private saving = false;

  override updated(): void {
    const open = this.ctl.ready && this.ctl.state.session.askOwnerName;
    if (open && !this.dialog.open) {
      const name = this.ctl.state.session.user?.displayName ?? '';
      this.input.value = name === DEFAULT_OWNER_NAME ? '' : name;
      this.dialog.showModal();
      this.input.focus();
    }
    if (!open && this.dialog.open) this.dialog.close();
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const name = this.input.value.trim();
    if (!name) return;
    this.saving = true;
    try {
      await this.ctl.actions.setOwnerName(name);
    } finally {
      this.saving = false;
    }
  }

  /** Escape or "Not now": asked no more in this browser (the account menu still offers it). */
  private closed(): void {
    if (!this.saving && this.ctl.state.session.askOwnerName) this.ctl.actions.declineOwnerName();
  }

  override render() {
    return html`<dialog aria-labelledby="owner-title" aria-describedby="owner-why" @close=${this.closed}>
      <form @submit=${this.save}>
        <h2 id="owner-title">Your name</h2>
        <p class="note" id="owner-why">Your name, for the record of what you change. Every change made at this machine is signed with it.</p>
        <label>Name <input name="name" required maxlength="100" autocomplete="name" /></label>
        <div class="actions">
          <button type="button" @click=${() => this.dialog.close()}>Not now</button>
          <button class="primary" type="submit">Save</button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-owner-name': KgOwnerName;
  }
}
