// <kg-admin-sessions>: the administration's sessions tab: who is signed in now, from where and until when, and ending a session.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { fetchLiveSessions, fetchUsers, type LiveSession } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { describeError } from '../state/actions/tracker.ts';
import { when } from '../lib/render.ts';
import { formStyles } from '../lib/styles.ts';

@customElement('kg-admin-sessions')
export class KgAdminSessions extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; }
    code { font-size: 0.85rem; }
  `];

  private readonly ctl = new StoreController(this, () => []);
  @state() private rev = 0;
  @state() private error = '';

  private readonly dataTask = new Task(this, {
    task: async (_args: readonly [number], { signal }) => {
      const [sessions, users] = await Promise.all([fetchLiveSessions(signal), fetchUsers(signal)]);
      return { sessions, names: new Map(users.map((u) => [u.id, u.username])) };
    },
    args: () => [this.rev] as const,
  });

  private async end(session: LiveSession, name: string): Promise<void> {
    this.error = '';
    try {
      await this.ctl.actions.endSession(session.handle);
      this.rev++;
    } catch (error) {
      this.error = `Could not end the session of ${name}: ${describeError(error).message}`;
    }
  }

  override render() {
    if (this.dataTask.error) return html`<p class="error" role="alert">Could not list the sessions: ${describeError(this.dataTask.error).message}</p>`;
    const data = this.dataTask.value;
    if (!data) return html`<p class="note" role="status">Loading the sessions…</p>`;
    return html`
      <div class="row"><p class="note">Sessions signed in now. Ending one signs that browser out at once; ending your own signs you out.</p>
        <button @click=${() => this.rev++}>Refresh</button></div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${data.sessions.length
        ? html`<table aria-label="Live sessions">
            <thead><tr><th scope="col">User</th><th scope="col">Since</th><th scope="col">Until</th><th scope="col">Address</th><th scope="col">Handle</th><th scope="col"><span class="note">Action</span></th></tr></thead>
            <tbody>
              ${data.sessions.map((s) => {
                const name = data.names.get(s.userId) ?? s.userId;
                return html`<tr>
                  <th scope="row">${name}</th>
                  <td>${when(s.createdAt)}</td>
                  <td>${when(s.expiresAt)}</td>
                  <td>${s.address ?? '—'}</td>
                  <td><code>${s.handle}</code></td>
                  <td><button class="danger" aria-label="End the session ${s.handle} of ${name}" @click=${() => this.end(s, name)}>End</button></td>
                </tr>`;
              })}
            </tbody>
          </table>`
        : html`<p class="empty">Nobody is signed in with a session (personal tokens are not sessions).</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-admin-sessions': KgAdminSessions;
  }
}
