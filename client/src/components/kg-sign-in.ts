// <kg-sign-in>: the team-mode sign-in screen: username and password, single sign-on when the server offers it, and why the last attempt failed (wrong credentials, too many attempts, a failed single sign-on, an ended session).
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { OIDC_START } from '../api.ts';
import { StoreController } from '../state/controller.ts';
import { secondsLeft } from '../state/session.ts';
import { formStyles } from '../lib/styles.ts';
import './kg-countdown.ts';

@customElement('kg-sign-in')
export class KgSignIn extends LitElement {
  static override styles = [formStyles, css`
    :host { position: fixed; inset: 0; z-index: 50; display: grid; place-items: center; background: var(--kg-bg); color: var(--kg-fg); overflow: auto; }
    /* Over an explorer whose session ended: the page stays visible, dimmed and inert, behind the form. */
    :host([over]) { background: #0008; }
    .card { width: min(24rem, 92vw); background: var(--kg-panel); border: 1px solid var(--kg-border); border-radius: 10px; padding: 1.2rem 1.4rem; box-shadow: 0 10px 40px #0003; }
    h1 { font-size: 1.2rem; margin: 0 0 0.2rem; }
    p.lead { margin: 0 0 0.9rem; color: var(--kg-muted); font-size: 0.92rem; }
    input { width: 100%; box-sizing: border-box; }
    button[type='submit'] { margin-top: 0.3rem; padding: 0.35rem 0.8rem; }
    .or { display: flex; align-items: center; gap: 0.6rem; color: var(--kg-muted); font-size: 0.85rem; margin: 0.9rem 0 0.6rem; }
    .or::before, .or::after { content: ''; flex: 1; border-top: 1px solid var(--kg-border); }
    a.sso { display: block; text-align: center; color: inherit; text-decoration: none; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.35rem 0.8rem; }
    .error { border-left: 3px solid var(--kg-danger); padding-left: 0.5rem; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.session]);
  @query('input[name=username]') private username!: HTMLInputElement;
  @query('input[name=password]') private password!: HTMLInputElement;
  private focused = false;

  override willUpdate(): void {
    if (this.ctl.ready) this.toggleAttribute('over', this.ctl.state.session.started);
  }

  override updated(): void {
    // The first field takes the focus once the form is there (keyboard first; a screen reader lands on it).
    if (!this.focused && this.username) {
      this.focused = true;
      this.username.focus();
    }
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const username = this.username.value.trim();
    const password = this.password.value;
    if (!username || !password) return;
    const ok = await this.ctl.actions.signIn(username, password);
    if (!ok) {
      // The password goes; the name stays for the next try.
      this.password.value = '';
      this.password.focus();
    }
  }

  override render() {
    if (!this.ctl.ready) return nothing;
    const session = this.ctl.state.session;
    const blocked = secondsLeft(session.signInBlockedUntil) > 0;
    const ended = session.started;
    return html`<main class="card" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">${ended ? 'Sign in again' : 'Sign in to Civic Graph'}</h1>
      <p class="lead">${ended ? 'What you were looking at stays on the page.' : 'This explorer is shared by a team: sign in with your account.'}</p>
      ${session.signInError ? html`<p class="error" role="alert">${session.signInError}</p>` : nothing}
      ${blocked
        ? html`<p class="error" role="alert">Too many attempts; try again in <kg-countdown .until=${session.signInBlockedUntil ?? 0} @countdown-end=${() => this.ctl.actions.signInUnblocked()}></kg-countdown> s</p>`
        : nothing}
      <form @submit=${this.submit} aria-describedby="sign-in-title">
        <label>Username <input name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="200" /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
        <button class="primary" type="submit" ?disabled=${session.signingIn || blocked}>${session.signingIn ? 'Signing in…' : 'Sign in'}</button>
      </form>
      ${session.oidc
        ? html`<div class="or">or</div><a class="sso" href=${OIDC_START}>Sign in with ${session.oidc.name}</a>`
        : nothing}
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-sign-in': KgSignIn;
  }
}
