// <kg-tokens>: one's own personal API tokens: the list, a new one (name and days) whose secret is shown once with a copy button, and revoking.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CreatedToken, TokenInfo } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { describeError } from '../state/actions/tracker.ts';
import { when } from '../lib/render.ts';
import { formStyles } from '../lib/styles.ts';

function status(token: TokenInfo): string {
  if (token.revoked) return 'revoked';
  return new Date(token.expiresAt).getTime() <= Date.now() ? 'expired' : 'live';
}

@customElement('kg-tokens')
export class KgTokens extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; }
    .create { margin: 0.6rem 0 0.9rem; }
    input[name='name'] { min-width: 14rem; }
    input[name='days'] { width: 5rem; }
    td.revoked, td.expired { color: var(--kg-muted); }
  `];

  private readonly ctl = new StoreController(this, () => []);
  @state() private rev = 0;
  @state() private created: CreatedToken | null = null;
  @state() private error = '';
  @state() private copied = false;
  @state() private busy = false;

  private readonly tokensTask = new Task(this, {
    task: ([, ready]: readonly [number, boolean]) => (ready ? this.ctl.actions.listTokens() : Promise.resolve(null)),
    args: () => [this.rev, this.ctl.ready] as const,
  });

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const days = Number(data.get('days'));
    if (!name) return;
    this.busy = true;
    this.error = '';
    try {
      this.created = await this.ctl.actions.createToken(name, days);
      this.copied = false;
      form.reset();
      this.rev++;
    } catch (error) {
      this.error = `Could not create the token: ${describeError(error).message}`;
    } finally {
      this.busy = false;
    }
  }

  private async revoke(token: TokenInfo): Promise<void> {
    this.error = '';
    try {
      await this.ctl.actions.revokeToken(token.id);
      if (this.created?.token.id === token.id) this.created = null;
      this.rev++;
    } catch (error) {
      this.error = `Could not revoke “${token.name}”: ${describeError(error).message}`;
    }
  }

  private async copy(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      this.copied = true;
    } catch {
      // Clipboard refused (no permission, not a secure context): the secret is selectable text.
      this.error = 'The browser did not let the page copy; select the token and copy it yourself.';
    }
  }

  /** Forgets the secret on screen (it is never shown again): the dialog calls this when it closes. */
  forgetSecret(): void {
    this.created = null;
    this.copied = false;
  }

  private renderSecret() {
    const created = this.created;
    if (!created) return nothing;
    return html`<div class="secret" role="status">
      <strong>Copy this token now: it is shown once and never again.</strong>
      <code class="once token-secret">${created.secret}</code>
      <div class="row">
        <button class="copy" @click=${() => this.copy(created.secret)}>${this.copied ? 'Copied' : 'Copy'}</button>
        <span class="note">Anyone who has it can use the API as you until it expires (${when(created.token.expiresAt)}) or is revoked. Send it as <code>Authorization: Bearer …</code>.</span>
      </div>
    </div>`;
  }

  private renderList() {
    const tokens = this.tokensTask.value;
    if (this.tokensTask.error) return html`<p class="error" role="alert">Could not list your tokens: ${describeError(this.tokensTask.error).message}</p>`;
    if (!tokens) return html`<p class="note" role="status">Loading your tokens…</p>`;
    if (!tokens.length) return html`<p class="empty">You have no API tokens yet. A token lets a script read the API as you.</p>`;
    return html`<table>
      <thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col">State</th><th scope="col"><span class="note">Action</span></th></tr></thead>
      <tbody>
        ${tokens.map((token) => {
          const state = status(token);
          return html`<tr>
            <th scope="row">${token.name}</th>
            <td>${when(token.createdAt)}</td>
            <td>${when(token.expiresAt)}</td>
            <td>${token.lastUsedAt ? when(token.lastUsedAt) : 'never'}</td>
            <td class=${state}>${state}</td>
            <td>${state === 'live' ? html`<button class="danger" aria-label="Revoke the token ${token.name}" @click=${() => this.revoke(token)}>Revoke</button>` : nothing}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }

  override render() {
    return html`
      ${this.renderSecret()}
      <form class="create row" @submit=${this.create} aria-label="New token">
        <label>What it is for <input name="name" required maxlength="100" placeholder="nightly export" autocomplete="off" /></label>
        <label>Days valid <input name="days" type="number" min="1" max="366" value="90" required /></label>
        <button class="primary" type="submit" ?disabled=${this.busy}>Create token</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderList()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-tokens': KgTokens;
  }
}
