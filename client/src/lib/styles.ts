// Styles shared by elements of one kind: side panels (a head with a title, a note and a close button) and modal dialogs.
import { css } from 'lit';

/** A panel that fills its column: a head row (h2, .note, .close at the end) above scrolling content. */
export const panelStyles = css`
  :host { display: flex; flex-direction: column; min-height: 0; }
  .head { display: flex; align-items: center; gap: 0.6rem; padding: 0.35rem 0.7rem; border-bottom: 1px solid var(--kg-border); }
  h2 { font-size: 0.95rem; margin: 0; }
  .note { color: var(--kg-muted); font-size: 0.82rem; }
  .close { margin-left: auto; }
`;

/** A modal <dialog> with a title and buttons, in the page's colours. */
export const dialogStyles = css`
  dialog { width: min(40rem, 92vw); border: 1px solid var(--kg-border); border-radius: 10px; background: var(--kg-bg); color: var(--kg-fg); padding: 1rem 1.2rem; }
  dialog::backdrop { background: #0007; }
  h2 { margin: 0 0 0.6rem; font-size: 1.1rem; }
  button { font: inherit; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.2rem 0.7rem; cursor: pointer; }
  button:focus-visible, input:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
`;

/** Forms and tables of the account and administration dialogs: labelled fields, a primary button, errors, a secret shown once. */
export const formStyles = css`
  form { display: grid; gap: 0.5rem; }
  label { display: grid; gap: 0.15rem; font-size: 0.88rem; }
  label.check { display: flex; gap: 0.4rem; align-items: center; }
  input, select { font: inherit; color: inherit; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.3rem 0.45rem; }
  input:focus-visible, select:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
  button { font: inherit; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.2rem 0.7rem; cursor: pointer; }
  button:disabled { opacity: 0.5; cursor: default; }
  .primary { background: var(--kg-focus); border-color: var(--kg-focus); color: var(--kg-on-focus); }
  .danger { color: var(--kg-danger); }
  .error { color: var(--kg-danger); margin: 0.3rem 0; font-size: 0.9rem; }
  .note { color: var(--kg-muted); font-size: 0.85rem; margin: 0.3rem 0; }
  .row { display: flex; gap: 0.5rem; align-items: end; flex-wrap: wrap; }
  table { border-collapse: collapse; width: 100%; font-size: 0.88rem; }
  th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--kg-border); vertical-align: top; }
  th { font-weight: 600; white-space: nowrap; }
  .empty { color: var(--kg-muted); font-style: italic; padding: 0.5rem 0; }
  .secret { border: 2px solid var(--kg-accent); border-radius: 8px; padding: 0.6rem 0.8rem; margin: 0.5rem 0; background: var(--kg-panel); }
  .secret code.once { display: block; font: 0.95rem ui-monospace, monospace; padding: 0.35rem 0.45rem; margin: 0.35rem 0; background: var(--kg-bg); border-radius: 4px; overflow-wrap: anywhere; user-select: all; }
  .secret strong { color: var(--kg-accent); }
`;
