// <kg-admin-users>: the administration's users tab: every account, a new one (its first password shown once), disabling and enabling.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { fetchUsers, type AccountUser, type CreatedUser } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { describeError } from '../state/actions/tracker.ts';
import { formStyles } from '../lib/styles.ts';

@customElement('kg-admin-users')
export class KgAdminUsers extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; }
    h3 { font-size: 1rem; margin: 0 0 0.4rem; }
    .create { margin-bottom: 1rem; padding-bottom: 0.8rem; border-bottom: 1px solid var(--kg-border); }
    tr.disabled th, tr.disabled td:not(:last-child) { color: var(--kg-muted); text-decoration: line-through; }
    .badge { font-size: 0.75rem; border: 1px solid var(--kg-border); border-radius: 4px; padding: 0 0.3rem; margin-left: 0.3rem; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.session.user]);
  @state() private rev = 0;
  @state() private created: CreatedUser | null = null;
  @state() private error = '';
  @state() private copied = false;
  @state() private busy = false;

  private readonly usersTask = new Task(this, {
    task: (_args: readonly [number], { signal }) => fetchUsers(signal),
    args: () => [this.rev] as const,
  });

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = '';
    try {
      this.created = await this.ctl.actions.addUser({
        username: String(data.get('username') ?? ''),
        displayName: String(data.get('displayName') ?? ''),
        isAdmin: data.get('isAdmin') === 'on',
        groups: String(data.get('groups') ?? '').split(','),
      });
      this.copied = false;
      form.reset();
      this.rev++;
    } catch (error) {
      this.error = `Could not create the user: ${describeError(error).message}`;
    } finally {
      this.busy = false;
    }
  }

  private async setDisabled(user: AccountUser, disabled: boolean): Promise<void> {
    this.error = '';
    try {
      await this.ctl.actions.setUserDisabled(user.id, disabled);
      this.rev++;
    } catch (error) {
      this.error = `Could not ${disabled ? 'disable' : 'enable'} ${user.username}: ${describeError(error).message}`;
    }
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = true;
    } catch {
      this.error = 'The browser did not let the page copy; select the password and copy it yourself.';
    }
  }

  private renderCreated() {
    const created = this.created;
    if (!created) return nothing;
    return html`<div class="secret" role="status">
      <strong>First password of ${created.user.username}: shown once, never again.</strong>
      <code class="once first-password">${created.password}</code>
      <div class="row">
        <button @click=${() => this.copy(created.password)}>${this.copied ? 'Copied' : 'Copy'}</button>
        <button @click=${() => (this.created = null)}>Done</button>
        <span class="note">Hand it over privately; they can change it under their account menu.</span>
      </div>
    </div>`;
  }

  private renderList() {
    if (this.usersTask.error) return html`<p class="error" role="alert">Could not list the users: ${describeError(this.usersTask.error).message}</p>`;
    const users = this.usersTask.value;
    if (!users) return html`<p class="note" role="status">Loading the users…</p>`;
    if (!users.length) return html`<p class="empty">No accounts yet. Create the first one above.</p>`;
    const me = this.ctl.state.session.user?.id;
    return html`<table aria-label="Users">
      <thead><tr><th scope="col">Username</th><th scope="col">Name</th><th scope="col">Groups</th><th scope="col">State</th><th scope="col"><span class="note">Action</span></th></tr></thead>
      <tbody>
        ${users.map(
          (user) => html`<tr class=${user.disabled ? 'disabled' : ''} data-user=${user.username}>
            <th scope="row">${user.username}${user.isAdmin ? html`<span class="badge">admin</span>` : nothing}${user.oidc ? html`<span class="badge" title="Signs in through single sign-on">SSO</span>` : nothing}</th>
            <td>${user.displayName}</td>
            <td>${user.groups.length ? user.groups.join(', ') : html`<span class="note">none</span>`}</td>
            <td>${user.disabled ? 'disabled' : 'active'}</td>
            <td>${user.id === me
              ? html`<span class="note">you</span>`
              : html`<button class=${user.disabled ? '' : 'danger'} aria-label="${user.disabled ? 'Enable' : 'Disable'} ${user.username}" @click=${() => this.setDisabled(user, !user.disabled)}>${user.disabled ? 'Enable' : 'Disable'}</button>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <p class="note">Disabling an account ends its sessions at once; its tokens stop working while it is disabled.</p>`;
  }

  override render() {
    return html`
      <form class="create" @submit=${this.create} aria-labelledby="new-user">
        <h3 id="new-user">New user</h3>
        <div class="row">
          <label>Username <input name="username" required maxlength="64" title="Letters, digits and . _ - @" autocomplete="off" autocapitalize="none" spellcheck="false" /></label>
          <label>Display name <input name="displayName" maxlength="100" autocomplete="off" /></label>
          <label>Groups <input name="groups" placeholder="comma, separated" autocomplete="off" /></label>
          <label class="check"><input type="checkbox" name="isAdmin" /> Admin (every dataset, and this panel)</label>
          <button class="primary" type="submit" ?disabled=${this.busy}>Create user</button>
        </div>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderCreated()}
      ${this.renderList()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-admin-users': KgAdminUsers;
  }
}
