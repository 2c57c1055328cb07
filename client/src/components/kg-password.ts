// <kg-password>: changing one's own password: the current one, the new one twice; the server ends the user's other sessions.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { describeError } from '../state/actions/tracker.ts';
import { formStyles } from '../lib/styles.ts';

/** The server's minimum (server/accounts/passwords.ts); the form says it before the server has to. */
const MIN_LENGTH = 12;

@customElement('kg-password')
export class KgPassword extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; }
    input { width: 100%; box-sizing: border-box; }
    .done { color: var(--kg-fg); border-left: 3px solid var(--kg-focus); padding-left: 0.5rem; }
  `];

  private readonly ctl = new StoreController(this, () => []);
  @state() private error = '';
  @state() private done = false;
  @state() private busy = false;

  /** A fresh form each time the dialog opens. */
  reset(): void {
    this.error = '';
    this.done = false;
    this.renderRoot.querySelector('form')?.reset();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const current = String(data.get('current') ?? '');
    const next = String(data.get('next') ?? '');
    if (next !== String(data.get('repeat') ?? '')) {
      this.error = 'The new password and its repetition differ.';
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await this.ctl.actions.changePassword(current, next);
      form.reset();
      this.done = true;
    } catch (error) {
      this.error =
        error instanceof ApiError && error.code === 'wrong_password'
          ? 'The current password is wrong.'
          : error instanceof ApiError && error.code === 'no_password'
            ? 'This account signs in through single sign-on: its password is not kept here.'
            : `Could not change the password: ${describeError(error).message}`;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      ${this.done ? html`<p class="done" role="status">Password changed. Your other sessions have ended; this one goes on.</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form @submit=${this.submit}>
        <label>Current password <input name="current" type="password" autocomplete="current-password" required /></label>
        <label>New password <input name="next" type="password" autocomplete="new-password" minlength=${MIN_LENGTH} required aria-describedby="password-rule" /></label>
        <label>New password, again <input name="repeat" type="password" autocomplete="new-password" minlength=${MIN_LENGTH} required /></label>
        <p class="note" id="password-rule">At least ${MIN_LENGTH} characters. Signing in elsewhere will need the new one.</p>
        <div class="row"><button class="primary" type="submit" ?disabled=${this.busy}>Change password</button></div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-password': KgPassword;
  }
}
