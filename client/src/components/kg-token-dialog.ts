// <kg-token-dialog>: asks once for the server's access token (API_TOKEN) when the API answers 401; api.ts keeps it for the session.
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { setTokenPrompt } from '../api.ts';
import { dialogStyles } from '../lib/styles.ts';

/**
 * Not wired to the store: the token is a credential, not view state, and must never reach the
 * URL (which holds the shareable view). It lives in sessionStorage, for this tab only.
 */
@customElement('kg-token-dialog')
export class KgTokenDialog extends LitElement {
  static override styles = [dialogStyles, css`
    dialog { width: min(28rem, 92vw); }
    p { margin: 0 0 0.8rem; font-size: 0.92rem; }
    .error { color: var(--kg-danger, #b00020); }
    input { font: inherit; width: 100%; box-sizing: border-box; padding: 0.35rem 0.5rem; border: 1px solid var(--kg-border); border-radius: 5px; background: var(--kg-bg); color: inherit; }
    .actions { display: flex; gap: 0.5rem; justify-content: flex-end; margin-top: 0.8rem; }
  `];

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input') private input!: HTMLInputElement;
  @state() private rejected = false;
  private answer?: (token: string | undefined) => void;

  /** Opens the dialog and resolves with the token typed, or undefined when the person cancels. */
  async ask(rejected: boolean): Promise<string | undefined> {
    this.rejected = rejected;
    await this.updateComplete;
    this.input.value = '';
    if (!this.dialog.open) this.dialog.showModal();
    this.input.focus();
    return new Promise((resolve) => (this.answer = resolve));
  }

  private finish(token: string | undefined): void {
    const answer = this.answer;
    this.answer = undefined;
    if (this.dialog.open) this.dialog.close();
    answer?.(token);
  }

  private submit(event: Event): void {
    event.preventDefault();
    const token = this.input.value.trim();
    if (token) this.finish(token);
  }

  override render() {
    return html`<dialog aria-labelledby="token-title" @close=${() => this.finish(undefined)}>
      <form @submit=${this.submit}>
        <h2 id="token-title">Access token</h2>
        <p class=${this.rejected ? 'error' : ''}>
          ${this.rejected
            ? 'The server did not accept that token. Ask its operator for the current one.'
            : 'This server asks for an access token. It is kept for this browser tab only.'}
        </p>
        <input type="password" name="token" autocomplete="off" spellcheck="false" aria-label="Access token" required />
        <div class="actions">
          <button type="button" @click=${() => this.finish(undefined)}>Cancel</button>
          <button type="submit">Continue</button>
        </div>
      </form>
    </dialog>`;
  }
}

/** The one dialog of the page, added to the document the first time the server asks for a token. */
function dialog(): KgTokenDialog {
  let element = document.querySelector('kg-token-dialog');
  if (!element) {
    element = document.createElement('kg-token-dialog');
    document.body.append(element);
  }
  return element;
}

setTokenPrompt((rejected) => dialog().ask(rejected));

declare global {
  interface HTMLElementTagNameMap {
    'kg-token-dialog': KgTokenDialog;
  }
}
