// <kg-account>: the account menu in the page's header: who is signed in, their API tokens and password, the administration for admins, signing out; in owner mode, the owner's name.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, queryAll, state } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';
import { isAdmin } from '../state/session.ts';
import { dialogStyles } from '../lib/styles.ts';
import type { KgPassword } from './kg-password.ts';
import type { KgTokens } from './kg-tokens.ts';
import './kg-password.ts';
import './kg-tokens.ts';

type Item = { id: string; text: string; run: () => void | Promise<void> };

@customElement('kg-account')
export class KgAccount extends LitElement {
  static override styles = [dialogStyles, css`
    :host { position: relative; display: inline-block; }
    .who { font: inherit; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.2rem 0.55rem; cursor: pointer; max-width: 14rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .who:focus-visible, [role='menuitem']:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    [role='menu'] { position: absolute; right: 0; top: calc(100% + 4px); z-index: 30; min-width: 13rem; margin: 0; padding: 0.25rem 0; list-style: none; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 8px; box-shadow: 0 8px 24px #0003; }
    [role='menu'] li { display: block; }
    [role='menuitem'] { display: block; width: 100%; text-align: left; font: inherit; color: inherit; background: none; border: none; border-radius: 0; padding: 0.35rem 0.8rem; cursor: pointer; }
    [role='menuitem']:hover, [role='menuitem']:focus { background: var(--kg-chip); }
    .signed { padding: 0.3rem 0.8rem 0.4rem; font-size: 0.82rem; color: var(--kg-muted); border-bottom: 1px solid var(--kg-border); margin-bottom: 0.2rem; }
    .signed strong { color: var(--kg-fg); font-weight: 600; }
    dialog.tokens { width: min(46rem, 94vw); }
    dialog.password { width: min(26rem, 92vw); }
    .head { display: flex; align-items: center; gap: 0.5rem; }
    .head h2 { margin: 0; }
    .head button { margin-left: auto; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.session]);
  @state() private open = false;
  @query('.who') private button!: HTMLButtonElement;
  @queryAll('[role=menuitem]') private menuItems!: NodeListOf<HTMLButtonElement>;
  @query('dialog.tokens') private tokensDialog!: HTMLDialogElement;
  @query('dialog.password') private passwordDialog!: HTMLDialogElement;
  @query('kg-tokens') private tokens!: KgTokens;
  @query('kg-password') private password!: KgPassword;

  override updated(): void {
    // The session ended: its dialogs close (a modal dialog would sit above the sign-in form).
    if (this.ctl.ready && this.ctl.state.session.status !== 'signed-in') {
      for (const dialog of [this.tokensDialog, this.passwordDialog]) if (dialog?.open) dialog.close();
      this.open = false;
    }
  }

  private items(): Item[] {
    const session = this.ctl.state.session;
    const { actions } = this.ctl;
    const items: Item[] = [];
    if (session.mode === 'owner') {
      items.push({
        id: 'owner-name',
        text: 'Your name…',
        run: async () => {
          actions.askOwnerName();
          // The question's strip is kg-app's, beside this menu: its field takes the focus once it shows.
          const strip = (this.getRootNode() as ShadowRoot).querySelector('kg-owner-name');
          await strip?.updateComplete;
          strip?.focusInput();
        },
      });
    }
    if (session.mode === 'accounts') {
      items.push({ id: 'tokens', text: 'API tokens…', run: () => this.tokensDialog.showModal() });
      items.push({
        id: 'password',
        text: 'Change password…',
        run: () => {
          this.password.reset();
          this.passwordDialog.showModal();
        },
      });
    }
    if (isAdmin(session)) items.push({ id: 'admin', text: 'Administration…', run: () => actions.setPanel('admin', true) });
    if (session.mode === 'accounts') items.push({ id: 'sign-out', text: 'Sign out', run: () => void actions.signOut() });
    return items;
  }

  private async toggle(open = !this.open, focus: 'first' | 'last' | null = 'first'): Promise<void> {
    this.open = open;
    await this.updateComplete;
    if (open && focus) this.menuItems[focus === 'first' ? 0 : this.menuItems.length - 1]?.focus();
  }

  private close(refocus: boolean): void {
    this.open = false;
    if (refocus) this.button.focus();
  }

  /** The menu button's keys: Enter, Space and the arrows open the menu (ARIA's menu button pattern). */
  private onButtonKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void this.toggle(true, event.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  /** In the menu: arrows, Home and End move; Escape closes and gives the focus back; Tab leaves. */
  private onMenuKey(event: KeyboardEvent): void {
    const items = [...this.menuItems];
    const at = items.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') {
      // The menu's Escape: the page would otherwise clear the selection too.
      event.stopPropagation();
      event.preventDefault();
      this.close(true);
    } else if (event.key === 'Tab') this.close(false);
  }

  private choose(item: Item): void {
    // The focus goes back to the menu button first: a dialog opened now gives it back there when it closes.
    this.close(true);
    void item.run();
  }

  /** Closes the menu when the focus leaves it for somewhere else on the page. */
  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (this.open && (!next || !this.renderRoot.contains(next))) this.open = false;
  }

  private renderDialogs() {
    if (this.ctl.state.session.mode !== 'accounts') return nothing;
    return html`
      <dialog class="tokens" aria-labelledby="tokens-title" @close=${() => this.tokens.forgetSecret()}>
        <div class="head"><h2 id="tokens-title">API tokens</h2><button @click=${() => this.tokensDialog.close()}>Close</button></div>
        <p class="note">A personal token lets a script read the API as you, with your grants. Revoke one you no longer use.</p>
        <kg-tokens></kg-tokens>
      </dialog>
      <dialog class="password" aria-labelledby="password-title">
        <div class="head"><h2 id="password-title">Change password</h2><button @click=${() => this.passwordDialog.close()}>Close</button></div>
        <kg-password></kg-password>
      </dialog>`;
  }

  override render() {
    if (!this.ctl.ready) return nothing;
    const { user, mode } = this.ctl.state.session;
    if (!user) return nothing;
    const items = this.items();
    return html`
      <span @focusout=${this.onFocusOut}>
        <button class="who" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="account-menu"
          title=${mode === 'owner' ? 'Owner mode: this machine’s own explorer' : `Signed in as ${user.username}`}
          @click=${() => this.toggle()} @keydown=${this.onButtonKey}>${user.displayName} ▾</button>
        ${this.open
          ? html`<ul id="account-menu" role="menu" aria-label="Account" @keydown=${this.onMenuKey}>
              <li role="none" class="signed">${mode === 'owner' ? html`Owner mode, signing as <strong>${user.displayName}</strong>` : html`Signed in as <strong>${user.username}</strong>`}</li>
              ${items.map((item) => html`<li role="none"><button role="menuitem" tabindex="-1" data-item=${item.id} @click=${() => this.choose(item)}>${item.text}</button></li>`)}
            </ul>`
          : nothing}
      </span>
      ${this.renderDialogs()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-account': KgAccount;
  }
}
