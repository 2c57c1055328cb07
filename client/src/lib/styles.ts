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
