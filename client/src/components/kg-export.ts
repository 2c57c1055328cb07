// <kg-export>: a menu that saves what is on screen: PNG and SVG pictures with the legend, JSON, CSV, GraphML and FollowTheMoney files.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { fetchExportFile, type ExportFormat } from '../api.ts';
import { download, exportName } from '../export/download.ts';
import { pngWithLegend } from '../export/png.ts';
import { csvWithMetrics, jsonWithMetrics } from '../export/metrics.ts';
import { drawingToSvg } from '../export/svg.ts';
import { StoreController } from '../state/controller.ts';
import { visibleElements } from '../state/filters.ts';
import { stylingFor } from '../state/styling.ts';

type Item = { id: string; text: string; run: () => Promise<void> };

function themeColors(): { background: string; text: string; muted: string } {
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
  return dark ? { background: '#17181c', text: '#e8e8ea', muted: '#a8a8b3' } : { background: '#ffffff', text: '#1d1d22', muted: '#55555f' };
}

@customElement('kg-export')
export class KgExport extends LitElement {
  static override styles = css`
    :host { position: relative; display: inline-block; }
    button { font: inherit; font-size: 0.9rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.15rem 0.5rem; cursor: pointer; }
    button:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    button:disabled { opacity: 0.45; cursor: default; }
    [role='menu'] { position: absolute; z-index: 30; top: calc(100% + 3px); left: 0; min-width: 13rem; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 6px; box-shadow: 0 6px 20px #0003; padding: 0.25rem; display: flex; flex-direction: column; gap: 2px; }
    [role='menuitem'] { text-align: left; background: none; border: none; padding: 0.3rem 0.5rem; }
    [role='menuitem']:hover, [role='menuitem']:focus { background: var(--kg-chip); }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.nodes.size === 0]);
  @state() private open = false;
  @state() private working = false;

  private ids(): string[] {
    const state = this.ctl.state;
    return visibleElements(state, stylingFor(state.schema)).nodes.map((n) => n.id);
  }

  private async file(format: ExportFormat, part: 'nodes' | 'edges' = 'nodes'): Promise<void> {
    let blob = await fetchExportFile(this.ids(), format, part);
    // The metrics are the browser's (what the canvas shows): they join the server's file here.
    const metrics = format === 'json' || (format === 'csv' && part === 'nodes') ? await this.ctl.actions.currentMetrics() : null;
    if (metrics) {
      const text = await blob.text();
      blob = new Blob([format === 'json' ? jsonWithMetrics(text, metrics.values) : csvWithMetrics(text, metrics.values)], { type: blob.type });
    }
    const ext = format === 'ftm' ? 'ftm.json' : format;
    download(blob, exportName(ext, format === 'csv' ? part : ''));
  }

  private readonly items: Item[] = [
    {
      id: 'png',
      text: 'Picture (PNG)',
      run: async () => {
        const canvas = this.ctl.explorerRef?.canvas;
        if (!canvas) return;
        const colors = themeColors();
        const picture = await canvas.png({ background: colors.background });
        download(await pngWithLegend(picture, canvas.drawing(), colors), exportName('png'));
      },
    },
    {
      id: 'svg',
      text: 'Vector picture (SVG)',
      run: async () => {
        const canvas = this.ctl.explorerRef?.canvas;
        if (!canvas) return;
        const svg = drawingToSvg(canvas.drawing(), themeColors(), 'Civic Graph export');
        download(new Blob([svg], { type: 'image/svg+xml' }), exportName('svg'));
      },
    },
    { id: 'json', text: 'Data with evidence (JSON)', run: () => this.file('json') },
    { id: 'csv-nodes', text: 'Nodes table (CSV)', run: () => this.file('csv', 'nodes') },
    { id: 'csv-edges', text: 'Relationships table (CSV)', run: () => this.file('csv', 'edges') },
    { id: 'graphml', text: 'Gephi / yEd (GraphML)', run: () => this.file('graphml') },
    { id: 'gexf', text: 'Gephi with timeline (GEXF)', run: () => this.file('gexf') },
    { id: 'ftm', text: 'Aleph / OpenSanctions (FollowTheMoney)', run: () => this.file('ftm') },
  ];

  private async run(item: Item): Promise<void> {
    this.open = false;
    this.working = true;
    try {
      await item.run();
      this.ctl.actions.notify(`Exported: ${item.text}`);
    } catch (error) {
      this.ctl.store.update({ error: { message: `Export failed: ${error instanceof Error ? error.message : String(error)}` } });
    } finally {
      this.working = false;
      this.shadowRoot?.querySelector<HTMLButtonElement>('#export')?.focus();
    }
  }

  private toggle(): void {
    this.open = !this.open;
    if (this.open) void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[role=menuitem]')?.focus());
  }

  private onMenuKey(event: KeyboardEvent): void {
    const items = [...(this.shadowRoot?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const index = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (index + (event.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.open = false;
      this.shadowRoot?.querySelector<HTMLButtonElement>('#export')?.focus();
    } else if (event.key === 'Tab') {
      this.open = false;
    }
  }

  override render() {
    const empty = !this.ctl.ready || this.ctl.state.nodes.size === 0;
    return html`
      <button id="export" aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'} ?disabled=${empty || this.working} @click=${this.toggle}>
        ${this.working ? 'Exporting…' : 'Export ▾'}
      </button>
      ${this.open
        ? html`<div role="menu" aria-label="Export what is on screen" @keydown=${this.onMenuKey}>
            ${this.items.map((item) => html`<button role="menuitem" data-export=${item.id} tabindex="-1" @click=${() => this.run(item)}>${item.text}</button>`)}
          </div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-export': KgExport;
  }
}
