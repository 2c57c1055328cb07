// <kg-admin>: the administration dialog (admins and the owner): users, grants per dataset, live sessions and the audit trail, one tab each.
import { LitElement, css, html } from 'lit';
import { customElement, query, queryAll, state } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';
import { dialogStyles } from '../lib/styles.ts';
import './kg-admin-audit.ts';
import './kg-admin-grants.ts';
import './kg-admin-sessions.ts';
import './kg-admin-users.ts';
import { showWhile } from './dialog.ts';

const TABS = [
  { id: 'users', text: 'Users' },
  { id: 'grants', text: 'Grants' },
  { id: 'sessions', text: 'Sessions' },
  { id: 'audit', text: 'Audit trail' },
] as const;
type Tab = (typeof TABS)[number]['id'];

@customElement('kg-admin')
export class KgAdmin extends LitElement {
  static override styles = [dialogStyles, css`
    dialog { width: min(64rem, 96vw); height: min(44rem, 92vh); padding: 0; }
    dialog[open] { display: flex; flex-direction: column; }
    .head { display: flex; align-items: center; gap: 0.8rem; padding: 0.7rem 1rem 0; }
    .head h2 { margin: 0; }
    .head .close { margin-left: auto; }
    [role='tablist'] { display: flex; gap: 0.2rem; padding: 0.5rem 1rem 0; border-bottom: 1px solid var(--kg-border); }
    [role='tab'] { border-radius: 6px 6px 0 0; border-bottom: none; background: none; padding: 0.3rem 0.8rem; }
    [role='tab'][aria-selected='true'] { background: var(--kg-panel); border-color: var(--kg-border); font-weight: 600; }
    [role='tabpanel'] { flex: 1; overflow: auto; padding: 0.8rem 1rem 1rem; background: var(--kg-panel); }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.panels.admin]);
  @state() private tab: Tab = 'users';
  @query('dialog') private dialog!: HTMLDialogElement;
  @queryAll('[role=tab]') private tabButtons!: NodeListOf<HTMLButtonElement>;

  override updated(): void {
    showWhile(this.dialog, this.ctl.ready && this.ctl.state.panels.admin);
  }

  private close(): void {
    this.ctl.actions.setPanel('admin', false);
  }

  /** The tabs' keys (ARIA's tabs pattern): arrows, Home and End choose and focus the tab. */
  private onTabKey(event: KeyboardEvent): void {
    const at = TABS.findIndex((t) => t.id === this.tab);
    const to = event.key === 'ArrowRight' ? at + 1 : event.key === 'ArrowLeft' ? at - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : null;
    if (to === null) return;
    event.preventDefault();
    const index = (to + TABS.length) % TABS.length;
    this.tab = TABS[index]?.id ?? this.tab;
    void this.updateComplete.then(() => this.tabButtons[index]?.focus());
  }

  private renderTab() {
    // Only the open tab is in the page: each asks the server when it opens, so it shows the present.
    switch (this.tab) {
      case 'users':
        return html`<kg-admin-users></kg-admin-users>`;
      case 'grants':
        return html`<kg-admin-grants></kg-admin-grants>`;
      case 'sessions':
        return html`<kg-admin-sessions></kg-admin-sessions>`;
      case 'audit':
        return html`<kg-admin-audit></kg-admin-audit>`;
    }
  }

  override render() {
    const open = this.ctl.ready && this.ctl.state.panels.admin;
    return html`<dialog aria-labelledby="admin-title" @close=${this.close}>
      <div class="head">
        <h2 id="admin-title">Administration</h2>
        <button class="close" @click=${this.close}>Close</button>
      </div>
      <div role="tablist" aria-label="Administration" @keydown=${this.onTabKey}>
        ${TABS.map(
          (t) => html`<button role="tab" id="tab-${t.id}" aria-controls="panel" aria-selected=${t.id === this.tab ? 'true' : 'false'}
            tabindex=${t.id === this.tab ? 0 : -1} data-tab=${t.id} @click=${() => (this.tab = t.id)}>${t.text}</button>`,
        )}
      </div>
      <section role="tabpanel" id="panel" aria-labelledby="tab-${this.tab}">${open ? this.renderTab() : ''}</section>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-admin': KgAdmin;
  }
}
