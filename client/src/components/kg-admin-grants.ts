// <kg-admin-grants>: the administration's grants tab: who holds which role on each dataset (a user, a group, everyone signed in), granting and revoking.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { fetchGrants, fetchUsers, ROLE_NAMES, type AccountUser, type Grant, type GrantKind, type Role } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { describeError } from '../state/actions/tracker.ts';
import { when } from '../lib/render.ts';
import { formStyles } from '../lib/styles.ts';

const KINDS: { kind: GrantKind; text: string }[] = [
  { kind: 'user', text: 'A user' },
  { kind: 'group', text: 'A group' },
  { kind: 'everyone', text: 'Everyone signed in' },
];

const ROLE_HINTS: Record<Role, string> = {
  viewer: 'reads the dataset',
  editor: 'also proposes changes',
  reviewer: 'also accepts or retires facts',
  admin: 'also grants roles on it',
};

@customElement('kg-admin-grants')
export class KgAdminGrants extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; }
    h3 { font-size: 1rem; margin: 0 0 0.4rem; }
    h4 { font-size: 0.95rem; margin: 1rem 0 0.3rem; }
    .create { margin-bottom: 0.8rem; padding-bottom: 0.8rem; border-bottom: 1px solid var(--kg-border); }
    .dataset-id { color: var(--kg-muted); font-weight: normal; font-size: 0.85rem; }
  `];

  private readonly ctl = new StoreController(this, () => []);
  @state() private rev = 0;
  @state() private kind: GrantKind = 'user';
  @state() private error = '';
  @state() private done = '';
  @state() private busy = false;

  private readonly dataTask = new Task(this, {
    task: async (_args: readonly [number], { signal }) => {
      const [grants, users] = await Promise.all([fetchGrants(signal), fetchUsers(signal)]);
      return { ...grants, users };
    },
    args: () => [this.rev] as const,
  });

  private userName(users: AccountUser[], id: string): string {
    const user = users.find((u) => u.id === id);
    return user ? `${user.username}${user.displayName !== user.username ? ` (${user.displayName})` : ''}` : id;
  }

  private principalText(grant: Grant, users: AccountUser[]): string {
    if (grant.kind === 'everyone') return 'everyone signed in';
    if (grant.kind === 'group') return `group ${grant.principal}`;
    return this.userName(users, grant.principal);
  }

  private async grant(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const kind = this.kind;
    const principal = kind === 'everyone' ? '*' : String(data.get('principal') ?? '').trim();
    const dataset = String(data.get('dataset') ?? '');
    const role = String(data.get('role') ?? '') as Role;
    if (!principal || !dataset) return;
    this.busy = true;
    this.error = '';
    this.done = '';
    try {
      await this.ctl.actions.grant({ dataset, kind, principal, role });
      this.done = `Granted ${role} on ${dataset}.`;
      this.rev++;
    } catch (error) {
      this.error = `Could not grant: ${describeError(error).message}`;
    } finally {
      this.busy = false;
    }
  }

  private async revoke(grant: Grant): Promise<void> {
    this.error = '';
    this.done = '';
    try {
      await this.ctl.actions.revokeGrant({ dataset: grant.dataset, kind: grant.kind, principal: grant.principal });
      this.done = `Revoked ${grant.role} on ${grant.dataset}.`;
      this.rev++;
    } catch (error) {
      this.error = `Could not revoke: ${describeError(error).message}`;
    }
  }

  private renderForm(datasets: { id: string; title: string }[], users: AccountUser[]) {
    const groups = [...new Set(users.flatMap((u) => u.groups))].sort();
    return html`<form class="create" @submit=${this.grant} aria-labelledby="new-grant">
      <h3 id="new-grant">Grant a role</h3>
      <div class="row">
        <label>Dataset
          <select name="dataset" required>${datasets.map((d) => html`<option value=${d.id}>${d.title}</option>`)}</select>
        </label>
        <label>To
          <select name="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as GrantKind)}>
            ${KINDS.map((k) => html`<option value=${k.kind} ?selected=${k.kind === this.kind}>${k.text}</option>`)}
          </select>
        </label>
        ${this.kind === 'user'
          ? html`<label>User
              <select name="principal" required>
                <option value="">Choose a user…</option>
                ${users.filter((u) => !u.disabled).map((u) => html`<option value=${u.id}>${this.userName(users, u.id)}</option>`)}
              </select>
            </label>`
          : this.kind === 'group'
            ? html`<label>Group <input name="principal" list="known-groups" required maxlength="100" autocomplete="off" /></label>
                <datalist id="known-groups">${groups.map((g) => html`<option value=${g}></option>`)}</datalist>`
            : nothing}
        <label>Role
          <select name="role">${ROLE_NAMES.map((r) => html`<option value=${r} title=${ROLE_HINTS[r]}>${r}: ${ROLE_HINTS[r]}</option>`)}</select>
        </label>
        <button class="primary" type="submit" ?disabled=${this.busy}>Grant</button>
      </div>
      <p class="note">Granting again replaces the role. Admins (instance-wide) hold every role on every dataset without a grant.</p>
    </form>`;
  }

  override render() {
    if (this.dataTask.error) return html`<p class="error" role="alert">Could not read the grants: ${describeError(this.dataTask.error).message}</p>`;
    const data = this.dataTask.value;
    if (!data) return html`<p class="note" role="status">Loading the grants…</p>`;
    if (!data.datasets.length) return html`<p class="empty">This database holds no dataset yet: roles are granted per dataset.</p>`;
    return html`
      ${this.renderForm(data.datasets, data.users)}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.done ? html`<p class="note" role="status">${this.done}</p>` : nothing}
      ${data.datasets.map((dataset) => {
        const grants = data.grants.filter((g) => g.dataset === dataset.id);
        return html`<section aria-labelledby="ds-${dataset.id}">
          <h4 id="ds-${dataset.id}">${dataset.title} <span class="dataset-id">${dataset.id}</span></h4>
          ${grants.length
            ? html`<table class="grants" data-dataset=${dataset.id}>
                <thead><tr><th scope="col">Who</th><th scope="col">Role</th><th scope="col">Granted by</th><th scope="col">When</th><th scope="col"><span class="note">Action</span></th></tr></thead>
                <tbody>
                  ${grants.map(
                    (g) => html`<tr>
                      <th scope="row">${this.principalText(g, data.users)}</th>
                      <td>${g.role}</td>
                      <td>${g.grantedBy === 'owner' ? 'owner' : this.userName(data.users, g.grantedBy)}</td>
                      <td>${when(g.grantedAt)}</td>
                      <td><button class="danger" aria-label="Revoke ${g.role} of ${this.principalText(g, data.users)} on ${dataset.title}" @click=${() => this.revoke(g)}>Revoke</button></td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="empty">No grants: only admins see this dataset.</p>`}
        </section>`;
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-admin-grants': KgAdminGrants;
  }
}
