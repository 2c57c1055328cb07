// <kg-admin-audit>: the administration's audit trail: newest first, paging back, filtered by action or actor, and the whole trail as JSON lines.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { AUDIT_EXPORT, fetchAudit, fetchUsers, type AuditEntry } from '../api.ts';
import { describeError } from '../state/actions/tracker.ts';
import { when } from '../lib/render.ts';
import { formStyles } from '../lib/styles.ts';

/** Entries per page. */
const PAGE = 50;

/** The actions the server records, offered as suggestions (refusals are recorded as "METHOD /path"). */
const KNOWN_ACTIONS = ['sign-in', 'sign-out', 'password.change', 'token.create', 'token.revoke', 'user.create', 'user.disable', 'user.enable', 'session.revoke', 'grant', 'grant.revoke', 'owner.name'];

@customElement('kg-admin-audit')
export class KgAdminAudit extends LitElement {
  static override styles = [formStyles, css`
    :host { display: block; }
    .filters { margin-bottom: 0.6rem; }
    td.refused, td.failed { color: var(--kg-danger); font-weight: 600; }
    td.detail { font: 0.8rem ui-monospace, monospace; color: var(--kg-muted); max-width: 22rem; overflow-wrap: anywhere; }
    td.seq { color: var(--kg-muted); font-variant-numeric: tabular-nums; }
    .more { margin-top: 0.6rem; display: flex; gap: 0.6rem; align-items: center; }
    a.export { color: var(--kg-focus); margin-left: auto; }
  `];

  @state() private entries: AuditEntry[] = [];
  @state() private more = false;
  @state() private loading = false;
  @state() private error = '';
  @state() private action = '';
  @state() private actor = '';
  @state() private names = new Map<string, string>();
  private abort?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(false);
    fetchUsers().then(
      (users) => (this.names = new Map(users.map((u) => [u.id, u.username]))),
      () => {},
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  /** The newest page for the filters, or (`older`) the page before the last entry shown. */
  private async load(older: boolean): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.loading = true;
    this.error = '';
    const before = older ? this.entries.at(-1)?.seq : undefined;
    try {
      const page = await fetchAudit({ limit: PAGE, before, action: this.action.trim() || undefined, actor: this.actor || undefined }, abort.signal);
      if (abort.signal.aborted) return;
      this.entries = older ? [...this.entries, ...page] : page;
      this.more = page.length === PAGE;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = `Could not read the audit trail: ${describeError(error).message}`;
    } finally {
      if (this.abort === abort) this.loading = false;
    }
  }

  private filter(event: Event): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.action = String(data.get('action') ?? '');
    this.actor = String(data.get('actor') ?? '');
    void this.load(false);
  }

  private actorText(actor: string | null): string {
    if (actor === null) return 'nobody signed in';
    return this.names.get(actor) ?? actor;
  }

  private renderTable() {
    if (!this.entries.length) {
      if (this.loading) return html`<p class="note" role="status">Loading the audit trail…</p>`;
      return html`<p class="empty">${this.action || this.actor ? 'No entry matches these filters.' : 'The audit trail is empty.'}</p>`;
    }
    return html`<table aria-label="Audit trail, newest first">
      <thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Outcome</th><th scope="col">From</th><th scope="col">Detail</th></tr></thead>
      <tbody>
        ${this.entries.map(
          (e) => html`<tr data-action=${e.action}>
            <td class="seq">${e.seq}</td>
            <td>${when(e.at)}</td>
            <td>${this.actorText(e.actor)}</td>
            <th scope="row">${e.action}</th>
            <td>${e.target ? this.names.get(e.target) ?? e.target : '—'}</td>
            <td class=${e.outcome}>${e.outcome}</td>
            <td>${e.address ?? '—'}</td>
            <td class="detail">${e.detail ? JSON.stringify(e.detail) : ''}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    const users = [...this.names];
    return html`
      <form class="filters row" @submit=${this.filter} aria-label="Filter the audit trail">
        <label>Action <input name="action" list="audit-actions" .value=${this.action} placeholder="any" autocomplete="off" /></label>
        <datalist id="audit-actions">${KNOWN_ACTIONS.map((a) => html`<option value=${a}></option>`)}</datalist>
        <label>Who
          <select name="actor">
            <option value="" ?selected=${!this.actor}>anyone</option>
            <option value="owner" ?selected=${this.actor === 'owner'}>owner</option>
            ${users.map(([id, name]) => html`<option value=${id} ?selected=${this.actor === id}>${name}</option>`)}
          </select>
        </label>
        <button type="submit">Filter</button>
        <a class="export" href=${AUDIT_EXPORT} download>Export the whole trail (JSON lines)</a>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderTable()}
      <div class="more">
        ${this.more ? html`<button ?disabled=${this.loading} @click=${() => this.load(true)}>Older entries</button>` : nothing}
        ${this.loading && this.entries.length ? html`<span class="note" role="status">Loading…</span>` : nothing}
        <span class="note">${this.entries.length} entr${this.entries.length === 1 ? 'y' : 'ies'} shown${this.more ? '' : ', the oldest included'}.</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-admin-audit': KgAdminAudit;
  }
}
