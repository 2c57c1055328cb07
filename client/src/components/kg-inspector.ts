// <kg-inspector>: the selected node (with its story: what it did and what was done to it) or relationship: properties, aliases, dates, evidence with sources.
import { initialState, Task, TaskStatus } from '@lit/task';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Evidence, SourceSummary, WireEdge, WireNode } from '../api.ts';
import { errorText } from '../lib/error-text.ts';
import { cssProps } from '../lib/css-props.ts';
import { DATE_KEYS, renderDate, renderValue } from '../lib/render.ts';
import { EXPAND_PAGE } from '../state/actions/index.ts';
import { bareQuote } from '../lib/quotes.ts';
import { statusBadge } from '../lib/fact-status.ts';
import './kg-history.ts';
import { STORY_PAGE, type StoryPage } from '../state/fetched.ts';
import { buildStory, groupHeading, type StoryGroup, type StoryLine } from '../state/story.ts';
import { StoreController } from '../state/controller.ts';
import { formatDate } from '../state/dates.ts';
import { isOurs, keepsEvidence } from '../state/model.ts';
import { stylingFor } from '../state/styling.ts';

/** Storage fields shown in their own sections (or not at all) rather than as plain properties. */
/** Dataset ids look like 'org/aeem' or 'src/hrw-2024-03-15': a prefix, a slash, a slug. */
const ID_LIKE = /^[a-z][\w-]*\/[\w.:-]+$/i;

/** Story lines shown per group before "show more". */
const STORY_STEP = 6;

const OWN_SECTIONS = new Set(['aliases', 'aliasLanguages', 'searchText', ...DATE_KEYS]);

const NO_SOURCES: ReadonlyMap<string, SourceSummary> = new Map();

/** The pages of a node's story loaded so far, and why the next one did not load. */
interface Story {
  id: string;
  pages: StoryPage[];
  error: string;
}

@customElement('kg-inspector')
export class KgInspector extends LitElement {
  static override styles = css`
    :host { display: block; padding: 0.7rem 0.8rem 1.5rem; }
    h2 { font-size: 1.1rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
    h3 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--kg-muted); margin: 1rem 0 0.35rem; }
    .chips { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; }
    .chip { display: inline-flex; align-items: center; gap: 0.3rem; background: var(--kg-chip); border-radius: 999px; padding: 0.05rem 0.55rem; font-size: 0.8rem; }
    .swatch { width: 0.65rem; height: 0.65rem; border-radius: 50%; }
    .id { font-family: ui-monospace, monospace; font-size: 0.78rem; color: var(--kg-muted); overflow-wrap: anywhere; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.6rem; margin: 0; font-size: 0.9rem; }
    dt { color: var(--kg-muted); }
    dd { margin: 0; overflow-wrap: anywhere; }
    ul { margin: 0; padding-left: 1.1rem; }
    .evidence { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 0.6rem; }
    .evidence li { border-left: 3px solid var(--kg-accent); padding-left: 0.55rem; }
    /* The block itself marks the quotation: no added quotation marks to double the source's own. */
    blockquote { margin: 0 0 0.2rem; font-style: italic; overflow-wrap: anywhere; }
    .source { font-size: 0.82rem; color: var(--kg-muted); }
    .actions { display: flex; flex-wrap: wrap; gap: 0.3rem; margin-top: 0.55rem; }
    button { font: inherit; font-size: 0.85rem; color: inherit; background: var(--kg-chip); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.15rem 0.5rem; cursor: pointer; }
    button:focus-visible, a:focus-visible { outline: 3px solid var(--kg-focus); outline-offset: 1px; }
    button.primary { background: var(--kg-focus); border-color: var(--kg-focus); color: var(--kg-on-focus); }
    button.link { background: none; border: none; padding: 0; color: var(--kg-focus); text-decoration: underline; cursor: pointer; font-size: 0.82rem; }
    .more { margin-top: 0.4rem; padding: 0.45rem 0.55rem; border: 1px dashed var(--kg-border); border-radius: 6px; font-size: 0.88rem; }
    .types { display: flex; flex-wrap: wrap; gap: 0.25rem; margin-top: 0.35rem; }
    .badge { font-size: 0.72rem; border: 1px solid var(--kg-border); border-radius: 4px; padding: 0 0.3rem; margin-left: 0.25rem; color: var(--kg-muted); white-space: nowrap; }
    .badge.inferred { border-color: var(--kg-accent); color: var(--kg-accent); }
    .badge.status-proposed { border-style: dashed; border-color: var(--kg-focus); color: var(--kg-focus); font-size: 0.8rem; }
    .badge.status-retired, .badge.status-rejected { color: var(--kg-muted); text-decoration: line-through; font-size: 0.8rem; }
    .empty { color: var(--kg-muted); }
    .no-evidence { color: var(--kg-muted); font-size: 0.85rem; margin: 0 0 0.5rem; padding-bottom: 0.4rem; border-bottom: 1px solid var(--kg-border); }
    .words { font-size: 1rem; font-style: italic; border-left: 3px solid var(--kg-danger); padding-left: 0.5rem; margin: 0.3rem 0; }
    .lang { font-size: 0.72rem; color: var(--kg-muted); margin-left: 0.3rem; }
    .story-group { margin: 0.5rem 0 0.7rem; }
    h4 { font-size: 0.9rem; margin: 0 0 0.25rem; display: flex; gap: 0.4rem; align-items: center; }
    h4 .count { font-weight: normal; color: var(--kg-muted); font-size: 0.8rem; }
    .story ol { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 0.35rem; }
    .story-line { border-left: 3px solid var(--line-color, var(--kg-border)); padding-left: 0.5rem; }
    button.line { display: block; width: 100%; text-align: left; background: none; border: 1px solid transparent; padding: 0.15rem 0.25rem; border-radius: 4px; }
    button.line:hover { background: var(--kg-chip); }
    button.line[aria-current='true'] { border-color: var(--kg-accent); background: var(--kg-chip); }
    .counterpart { font-weight: 600; }
    .undated { color: var(--kg-muted); font-size: 0.8rem; }
    .story .words { font-size: 0.88rem; margin: 0.15rem 0 0.1rem 0.25rem; }
    .story blockquote { font-size: 0.82rem; margin: 0.1rem 0 0 0.25rem; color: var(--kg-muted); }
  `;

  private readonly ctl = new StoreController(this, (s) => [s.selection, s.nodes, s.edges, s.schema, s.evidence, s.expansions, s.pinned, s.paths.from, s.paths.to, s.dataRev]);
  /** Lines shown per story group; a group grows by STORY_STEP on "show more". */
  @state() private shown = new Map<string, number>();
  /** Pages of the story asked for: the first on selection, one more per "Load the next". */
  @state() private storyPages = 1;
  /** The node the two above belong to: another node starts them afresh. */
  private shownFor: string | null = null;
  /** The source index is asked for once something is selected (the first page stays light), then kept. */
  private sourcesWanted = false;

  private get selectedNode(): string | null {
    const selection = this.ctl.ready ? this.ctl.state.selection : null;
    return selection?.kind === 'node' ? selection.id : null;
  }

  private get dataRev(): number {
    return this.ctl.ready ? this.ctl.state.dataRev : 0;
  }

  private readonly sourcesTask = new Task(this, {
    task: ([wanted]: readonly [boolean, number]) => (wanted ? this.ctl.store.data.sourceIndex() : initialState),
    args: () => {
      if (this.ctl.ready && this.ctl.state.selection) this.sourcesWanted = true;
      return [this.sourcesWanted, this.dataRev] as const;
    },
  });

  /** The selected node's details: degree, relationship types, its evidence with their sources. */
  private readonly detailsTask = new Task(this, {
    task: ([id]: readonly [string | null, number]) => (id ? this.ctl.store.data.nodeDetails(id) : initialState),
    args: () => [this.selectedNode, this.dataRev] as const,
  });

  /** The selected node's story, page after page (each page is kept by the store, so asking for one more loads only that one). */
  private readonly storyTask = new Task(this, {
    task: async ([id, wanted]: readonly [string | null, number, number]): Promise<Story | typeof initialState> => {
      if (!id) return initialState;
      const story: Story = { id, pages: [], error: '' };
      try {
        for (let offset: number | null = 0; offset !== null && story.pages.length < wanted; offset = story.pages.at(-1)!.nextOffset) {
          story.pages.push(await this.ctl.store.data.storyPage(id, offset));
        }
      } catch (error) {
        story.error = errorText(error);
      }
      return story;
    },
    args: () => [this.selectedNode, this.storyPages, this.dataRev] as const,
  });

  /** The evidence of a selected relationship, which the canvas keeps in the store (the action loads it there). */
  private readonly edgeEvidenceTask = new Task(this, {
    task: ([id]: readonly [string | null, number]) => (id && !this.ctl.state.evidence.has(id) ? this.ctl.actions.loadEvidence(id) : initialState),
    args: () => {
      const selection = this.ctl.ready ? this.ctl.state.selection : null;
      return [selection?.kind === 'edge' ? selection.id : null, this.dataRev] as const;
    },
  });

  /** Captions of the nodes that the shown properties name by id and the canvas does not hold ('\n'-joined ids: the task compares strings). */
  private readonly refsTask = new Task(this, {
    task: async ([joined]: readonly [string, number]) => {
      const captions = new Map<string, string>();
      const ids = joined ? joined.split('\n') : [];
      await Promise.all(ids.map((id) => this.ctl.store.data.nodeDetails(id).then((details) => captions.set(id, details.node.caption), () => undefined)));
      return captions;
    },
    args: () => [this.referencedIds().join('\n'), this.dataRev] as const,
  });

  private get sources(): ReadonlyMap<string, SourceSummary> {
    return this.sourcesTask.value ?? NO_SOURCES;
  }

  /** Ids that the selected item's properties hold (a source's once the source index has answered, as sources link differently). */
  private referencedIds(): string[] {
    if (!this.ctl.ready || this.sourcesTask.status === TaskStatus.PENDING || this.sourcesTask.status === TaskStatus.INITIAL) return [];
    const { selection, nodes, edges } = this.ctl.state;
    const item = selection?.kind === 'node' ? nodes.get(selection.id) : selection?.kind === 'edge' ? edges.get(selection.id) : undefined;
    const values = Object.values(item?.properties ?? {});
    return [...new Set(values.filter((v): v is string => typeof v === 'string' && ID_LIKE.test(v) && !this.sources.has(v) && !nodes.has(v)))].sort();
  }

  override willUpdate(): void {
    // Another node: its story starts at its first page, every group folded.
    const id = this.selectedNode;
    if (id !== this.shownFor) {
      this.shownFor = id;
      this.shown = new Map();
      this.storyPages = 1;
    }
  }

  override render() {
    if (!this.ctl.ready) return nothing;
    const { selection, nodes, edges } = this.ctl.state;
    if (!selection) {
      return html`<p class="empty">Select a node or a relationship to see its properties and evidence. Double-click or press <kbd>Enter</kbd> to expand a node.</p>`;
    }
    const plain = keepsEvidence(this.ctl.state.schema) ? nothing : html`<p class="no-evidence">This database keeps no evidence: properties are shown as it stores them.</p>`;
    if (selection.kind === 'node') {
      const node = nodes.get(selection.id);
      return html`${plain}${node ? this.renderNode(node) : html`<p class="empty">The selected node is no longer on the canvas.</p>`}`;
    }
    const edge = edges.get(selection.id);
    return html`${plain}${edge ? this.renderEdge(edge) : html`<p class="empty">The selected relationship is no longer on the canvas.</p>`}`;
  }

  private labelChips(labels: string[]): TemplateResult {
    const styling = stylingFor(this.ctl.state.schema);
    const shown = styling.displayLabel(labels);
    const ordered = [shown, ...labels.filter((l) => l !== shown)];
    return html`<div class="chips">${ordered.map((label) =>
      // Labels the schema does not list (an umbrella label such as the entity marker) get no colour of their own.
      label === shown || styling.labelInfo(label)
        ? html`<span class="chip"><span class="swatch" ${cssProps({ background: styling.labelStyle(label).color })}></span>${label}</span>`
        : html`<span class="chip">${label}</span>`,
    )}</div>`;
  }

  private renderAliases(properties: Record<string, unknown>) {
    const aliases = Array.isArray(properties.aliases) ? properties.aliases.map(String) : [];
    if (!aliases.length) return nothing;
    const languages = Array.isArray(properties.aliasLanguages) ? properties.aliasLanguages.map(String) : [];
    return html`<h3>Also known as</h3>
      <ul class="aliases">
        ${aliases.map((alias, i) => html`<li><span lang=${languages[i] || nothing}>${alias}</span>${languages[i] ? html`<span class="lang">${languages[i]}</span>` : nothing}</li>`)}
      </ul>`;
  }

  private renderProperties(properties: Record<string, unknown>, skip: ReadonlySet<string> = new Set()) {
    const entries = Object.entries(properties).filter(([key]) => !OWN_SECTIONS.has(key) && !skip.has(key));
    if (!entries.length) return nothing;
    return html`<h3>Properties</h3>
      <dl>${entries.map(([key, value]) => html`<dt>${key}</dt><dd>${this.renderReference(value) ?? renderValue(value)}</dd>`)}</dl>`;
  }

  /**
   * A property naming a source or a node by its id ('src/aan-2024-03-14', 'authority/minister-...')
   * shows the title or caption with a link; null when the value is not such an id.
   */
  private renderReference(value: unknown): TemplateResult | null {
    if (typeof value !== 'string' || !ID_LIKE.test(value)) return null;
    const { state, actions } = this.ctl;
    const source = this.sources.get(value);
    if (source) {
      return html`<button class="link ref" data-ref=${value} title=${value} @click=${() => actions.openSource({ sourceId: value, quote: '' })}>${source.title}</button>`;
    }
    const caption = state.nodes.get(value)?.caption ?? this.refsTask.value?.get(value);
    if (!caption) return null;
    return html`<button class="link ref" data-ref=${value} title=${value} @click=${() => actions.showNode(value)}>${caption}</button>`;
  }

  private renderDates(properties: Record<string, unknown>) {
    if (typeof properties.date !== 'string') return nothing;
    return html`<h3>Date</h3><p class="dates">${renderDate(properties)}</p>`;
  }

  private renderEvidence(evidence: Evidence[] | undefined, extraSources?: SourceSummary[]) {
    // A database that keeps no evidence says so once, above (render), not "none" on every node.
    if (!keepsEvidence(this.ctl.state.schema)) return nothing;
    if (!evidence) return html`<h3>Evidence</h3><p class="empty">Loading the evidence…</p>`;
    if (!evidence.length) return html`<h3>Evidence</h3><p class="empty">No evidence recorded.</p>`;
    const known = new Map(this.sources);
    for (const s of extraSources ?? []) known.set(s.id, s);
    return html`<h3>Evidence</h3>
      <ol class="evidence">
        ${evidence.map((item) => {
          const source = known.get(item.sourceId);
          const published = source?.published ? formatDate(source.published, 'day') : '';
          return html`<li>
            ${item.quote !== undefined
              ? html`<blockquote>${bareQuote(item.quote)}</blockquote>`
              : html`<p class="document-level">The whole document <span class="badge" title="Evidence at document level: no quoted passage">document</span></p>`}
            <div class="source">
              <span class="source-title">${source?.title ?? item.sourceId}</span>${source?.publisher ? html` · ${source.publisher}` : nothing}${published ? html` · ${published}` : nothing}
              <br />
              <button class="link open-source" @click=${() => this.ctl.actions.openSource({ sourceId: item.sourceId, quote: item.quote ?? '', start: item.start, end: item.end })}>
                ${source && !source.hasText ? 'Source details' : 'Show in source'}
              </button>
            </div>
          </li>`;
        })}
      </ol>`;
  }

  /** A relationship's evidence, loaded by the action into the store; when the load failed the banner says why. */
  private renderEdgeEvidence(id: string) {
    const evidence = this.ctl.state.evidence.get(id);
    const failed = !evidence && this.edgeEvidenceTask.status === TaskStatus.COMPLETE && keepsEvidence(this.ctl.state.schema);
    return failed ? html`<h3>Evidence</h3><p class="empty">The evidence could not load.</p>` : this.renderEvidence(evidence);
  }

  /** Revisions (and, for a fact's editors, its edits) where Civic Graph built the database: others keep no history. */
  private renderHistory(kind: 'fact' | 'actor', id: string, properties: Record<string, unknown>) {
    if (!isOurs(this.ctl.state.schema)) return nothing;
    return html`<kg-history .kind=${kind} .itemId=${id} .datasetId=${String(properties.dataset ?? '')} .properties=${properties}></kg-history>`;
  }

  private renderNode(node: WireNode) {
    const { state, actions } = this.ctl;
    const details = this.detailsTask.value?.node.id === node.id ? this.detailsTask.value : null;
    const detailsError = this.detailsTask.status === TaskStatus.ERROR ? errorText(this.detailsTask.error) : '';
    const onCanvas = [...state.edges.values()].filter((e) => e.source === node.id || e.target === node.id).length;
    const expansion = state.expansions.get(node.id);
    const degree = details?.degree;
    const remaining = degree !== undefined ? Math.max(0, degree - onCanvas) : null;
    const pinned = state.pinned.has(node.id);
    const canMore = expansion ? expansion.nextOffset !== null || (remaining ?? 0) > 0 : (remaining ?? 1) > 0;
    return html`
      <h2>${node.caption}${statusBadge(node.properties)}</h2>
      ${this.labelChips(node.labels)}
      <div class="id">${node.id}</div>
      <div class="actions">
        <button class="primary" aria-keyshortcuts="Enter" title="Expand the neighbours (Enter, or double-click)" @click=${() => actions.expand(node.id)}>Expand</button>
        <button aria-keyshortcuts="C" title="Remove neighbours that hang only on this node (C)" @click=${() => actions.collapse(node.id)}>Collapse</button>
        <button aria-keyshortcuts="H" title="Remove from the canvas (H)" @click=${() => actions.hide([node.id])}>Hide</button>
        <button aria-keyshortcuts="P" aria-pressed=${pinned ? 'true' : 'false'} title="Keep in place during layouts (P)" @click=${() => actions.togglePin(node.id)}>${pinned ? 'Unpin' : 'Pin'}</button>
        <button aria-keyshortcuts="A" title="Start of a path (A)" aria-pressed=${state.paths.from === node.id ? 'true' : 'false'} @click=${() => actions.setPathEnd('from', node.id)}>Path from</button>
        <button aria-keyshortcuts="B" title="End of a path (B)" aria-pressed=${state.paths.to === node.id ? 'true' : 'false'} @click=${() => actions.setPathEnd('to', node.id)}>Path to</button>
      </div>
      <div class="more" role="group" aria-label="Neighbours">
        ${degree === undefined
          ? html`<span>${onCanvas} relationships on the canvas${detailsError ? html` (details unavailable: ${detailsError})` : nothing}</span>`
          : html`<span class="counts">${onCanvas} of ${degree} relationships on the canvas</span>`}
        ${canMore && (remaining === null || remaining > 0)
          ? html`<div class="actions">
              <button class="more-button" aria-keyshortcuts="M" title="Load the next page of neighbours (M)" @click=${() => actions.expand(node.id, { more: true })}>
                ${remaining !== null ? `${remaining} more` : 'More'}${remaining !== null && remaining > EXPAND_PAGE ? ` (next ${EXPAND_PAGE})` : ''}
              </button>
            </div>`
          : nothing}
        ${details && details.relationshipTypes.length > 1 && (remaining ?? 0) > 0
          ? html`<div class="types" aria-label="Expand by relationship type">
              ${details.relationshipTypes.map(
                (t) => html`<button class="by-type" data-type=${t.type} title="Expand only ${t.type} (${t.direction === 'out' ? 'outgoing' : 'incoming'})"
                  @click=${() => actions.expand(node.id, { types: [t.type] })}>${t.direction === 'in' ? '← ' : ''}${t.type}${t.direction === 'out' ? ' →' : ''} ${t.count}</button>`,
              )}
            </div>`
          : nothing}
      </div>
      ${this.renderStory(node)}
      ${this.renderDates(node.properties)}
      ${this.renderAliases(node.properties)}
      ${this.renderProperties(node.properties, new Set(node.properties.name === node.caption ? ['name'] : []))}
      ${this.renderEvidence(details?.evidence ?? state.evidence.get(node.id) ?? (detailsError ? [] : undefined), details?.sources)}
      ${this.renderHistory('actor', node.id, node.properties)}
    `;
  }

  private renderStory(node: WireNode) {
    const value = this.storyTask.value;
    const story: Story = value?.id === node.id ? value : { id: node.id, pages: [], error: '' };
    const loading = this.storyTask.status === TaskStatus.PENDING;
    const nodes = new Map(this.ctl.state.nodes);
    const evidence = new Map(this.ctl.state.evidence);
    const edges: WireEdge[] = [];
    for (const page of story.pages) {
      for (const [id, n] of page.nodes) if (!nodes.has(id)) nodes.set(id, n);
      for (const [id, e] of page.evidence) evidence.set(id, e);
      edges.push(...page.edges);
    }
    const last = story.pages.at(-1);
    const total = last?.total ?? 0;
    const groups = buildStory(node.id, edges, nodes, evidence);
    return html`<section class="story" aria-label="Story of ${node.caption}">
      <h3>Story${last ? html` <span class="count">· ${total} relationship${total === 1 ? '' : 's'}</span>` : nothing}</h3>
      ${story.error ? html`<p class="empty">The story could not load: ${story.error}</p>` : nothing}
      ${!last && loading ? html`<p class="empty">Loading the story…</p>` : nothing}
      ${last && !groups.length ? html`<p class="empty">No relationships recorded.</p>` : nothing}
      ${groups.map((group) => this.renderGroup(group, nodes))}
      ${last && last.nextOffset !== null
        ? html`<button class="load-more" ?disabled=${loading} @click=${() => (this.storyPages = story.pages.length + 1)}>
            ${loading ? 'Loading…' : `Load the next ${Math.min(STORY_PAGE, total - last.nextOffset)} relationships (${last.nextOffset} of ${total} shown)`}
          </button>`
        : nothing}
    </section>`;
  }

  private renderGroup(group: StoryGroup, nodes: ReadonlyMap<string, WireNode>) {
    const styling = stylingFor(this.ctl.state.schema);
    const limit = this.shown.get(group.key) ?? STORY_STEP;
    const rest = group.lines.length - limit;
    return html`<div class="story-group" data-type=${group.type} data-direction=${group.direction}>
      <h4><span class="swatch" ${cssProps({ background: styling.typeColor(group.type) })}></span>${groupHeading(group)} <span class="count">${group.lines.length}</span></h4>
      <ol ${cssProps({ '--line-color': styling.typeColor(group.type) })}>
        ${group.lines.slice(0, limit).map((line) => this.renderLine(line, nodes))}
      </ol>
      ${rest > 0
        ? html`<button class="link show-more" @click=${() => (this.shown = new Map(this.shown).set(group.key, limit + STORY_STEP))}>
            Show ${Math.min(STORY_STEP, rest)} more (${rest} not shown)</button>`
        : nothing}
    </div>`;
  }

  private renderLine(line: StoryLine, nodes: ReadonlyMap<string, WireNode>) {
    const { actions, state } = this.ctl;
    const { edge } = line;
    const who = line.counterpart?.caption ?? line.counterpartId;
    const first = line.evidence?.[0];
    const open = () => {
      const ends = [nodes.get(edge.source), nodes.get(edge.target)].filter((n): n is WireNode => !!n);
      actions.showRelation(edge, ends, line.evidence);
    };
    const source = first ? this.sources.get(first.sourceId) : undefined;
    return html`<li class="story-line" data-edge=${edge.id}>
      <button class="line" data-edge=${edge.id} aria-current=${state.selection?.id === edge.id ? 'true' : 'false'}
        title="Put this relationship on the canvas and select it" @click=${open}>
        ${line.date ? renderDate(edge.properties, true) : html`<span class="undated">undated</span>`}
        <span class="counterpart">${who}</span>
      </button>
      ${line.words ? html`<p class="words">“${bareQuote(line.words)}”</p>` : nothing}
      ${first
        ? html`<blockquote>${first.quote !== undefined ? bareQuote(first.quote) : 'The whole document'}
            <button class="link story-source" @click=${() => actions.openSource({ sourceId: first.sourceId, quote: first.quote ?? '', start: first.start, end: first.end })}>
              ${source?.title ? `in ${source.title}` : 'Show in source'}</button>${line.evidence!.length > 1 ? html` <span class="count">+${line.evidence!.length - 1} more</span>` : nothing}</blockquote>`
        : nothing}
    </li>`;
  }

  private renderEdge(edge: WireEdge) {
    const { state, actions } = this.ctl;
    const source = state.nodes.get(edge.source);
    const target = state.nodes.get(edge.target);
    const styling = stylingFor(state.schema);
    const words = typeof edge.properties.words === 'string' ? edge.properties.words : null;
    const description = state.schema?.relationshipTypes.find((t) => t.type === edge.type)?.description;
    return html`
      <h2><span class="chip"><span class="swatch" ${cssProps({ background: styling.typeColor(edge.type) })}></span>${edge.type}</span>${statusBadge(edge.properties)}</h2>
      ${description ? html`<p class="source">${description}</p>` : nothing}
      <p class="endpoints">
        <button class="link" @click=${() => actions.select({ kind: 'node', id: edge.source })}>${source?.caption ?? edge.source}</button>
        — ${edge.type} →
        <button class="link" @click=${() => actions.select({ kind: 'node', id: edge.target })}>${target?.caption ?? edge.target}</button>
      </p>
      <div class="id">${edge.id}</div>
      ${words ? html`<h3>In their words</h3><p class="words">“${bareQuote(words)}”</p>` : nothing}
      ${this.renderDates(edge.properties)}
      ${this.renderProperties(edge.properties, new Set(words ? ['words'] : []))}
      ${this.renderEdgeEvidence(edge.id)}
      ${this.renderHistory('fact', edge.id, edge.properties)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-inspector': KgInspector;
  }
}
