// <kg-help>: the keyboard shortcuts, in a dialog opened with "?", listed from the table the key routers use.
import { LitElement, css, html } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { StoreController } from '../state/controller.ts';
import { dialogStyles } from '../lib/styles.ts';
import { helpRows } from '../state/shortcuts.ts';
import { showWhile } from './dialog.ts';

@customElement('kg-help')
export class KgHelp extends LitElement {
  static override styles = [dialogStyles, css`
    table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
    th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--kg-border); vertical-align: top; }
    th { white-space: nowrap; }
    kbd { font-family: ui-monospace, monospace; }
    button { margin-top: 0.8rem; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.panels.help]);
  @query('dialog') private dialog!: HTMLDialogElement;

  override updated(): void {
    showWhile(this.dialog, this.ctl.ready && this.ctl.state.panels.help);
  }

  private close(): void {
    this.ctl.actions.setPanel('help', false);
  }

  override render() {
    return html`<dialog aria-labelledby="help-title" @close=${this.close}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <thead><tr><th scope="col">Keys</th><th scope="col">Action</th></tr></thead>
        <tbody>${helpRows().map((row) => html`<tr data-action=${row.action}><th scope="row"><kbd>${row.keys}</kbd></th><td>${row.description}</td></tr>`)}</tbody>
      </table>
      <p>Double-click a node to expand it. Every action has a button too; Tab walks through them.</p>
      <button @click=${this.close} autofocus>Close</button>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-help': KgHelp;
  }
}
