// <kg-add-source>: the dialog that adds a source (editors): pasted text or an uploaded .txt/.html/.pdf, read in the browser and shown read-only before Save, with its title, publisher, URL, date, language and dataset; the server's refusals on their fields.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ApiError } from '../api.ts';
import type { NewSource } from '../api-record.ts';
import { errorText } from '../lib/error-text.ts';
import { extractFile } from '../lib/extract.ts';
import { dialogStyles, formStyles } from '../lib/styles.ts';
import { StoreController } from '../state/controller.ts';
import { editableDatasets, problemsByField, problemsOf } from '../state/record.ts';
import { showWhile } from './dialog.ts';

const FIELDS = ['title', 'publisher', 'url', 'published', 'language', 'text', 'dataset'] as const;
type Field = (typeof FIELDS)[number];
const PREFIXES: Record<string, readonly string[]> = Object.fromEntries(FIELDS.map((f) => [f, [f]]));

@customElement('kg-add-source')
export class KgAddSource extends LitElement {
  static override styles = [dialogStyles, formStyles, css`
    dialog { width: min(46rem, 94vw); }
    textarea { font: inherit; color: inherit; background: var(--kg-bg); border: 1px solid var(--kg-border); border-radius: 5px; padding: 0.3rem 0.45rem; min-height: 7rem; resize: vertical; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem; }
    .held { white-space: pre-wrap; max-height: 14rem; overflow: auto; border: 1px dashed var(--kg-border); border-radius: 6px; padding: 0.4rem 0.6rem; background: var(--kg-panel); font-size: 0.88rem; margin: 0; }
    .field-error { color: var(--kg-danger); font-size: 0.82rem; }
    fieldset { border: none; padding: 0; margin: 0; display: flex; gap: 1rem; }
    .buttons { display: flex; gap: 0.5rem; justify-content: flex-end; }
  `];

  private readonly ctl = new StoreController(this, (s) => [s.panels.addSource, s.schema, s.session]);
  @query('dialog') private dialog!: HTMLDialogElement;
  @state() private mode: 'paste' | 'file' = 'paste';
  @state() private text = '';
  @state() private fields: Record<Exclude<Field, 'text'>, string> = { title: '', publisher: '', url: '', published: '', language: '', dataset: '' };
  @state() private errors = new Map<string, string[]>();
  @state() private reading = false;
  @state() private saving = false;
  @state() private existing: { id: string; title: string } | null = null;

  override updated(): void {
    const open = this.ctl.ready && this.ctl.state.panels.addSource;
    if (open && !this.dialog.open) this.reset();
    showWhile(this.dialog, open);
  }

  private reset(): void {
    const datasets = editableDatasets(this.ctl.state.session, this.ctl.state.schema);
    this.mode = 'paste';
    this.text = '';
    this.fields = { title: '', publisher: '', url: '', published: '', language: '', dataset: datasets[0]?.id ?? '' };
    this.errors = new Map();
    this.existing = null;
  }

  private close(): void {
    this.ctl.actions.setPanel('addSource', false);
  }

  private set(field: Exclude<Field, 'text'>, value: string): void {
    this.fields = { ...this.fields, [field]: value };
  }

  private async readFile(file: File | undefined): Promise<void> {
    if (!file) return;
    this.reading = true;
    this.errors = new Map();
    try {
      const read = await extractFile(file);
      if (!read) {
        this.errors = new Map([['text', [`${file.name}: the page reads .txt, .html and .pdf files`]]]);
        return;
      }
      if (!read.text) this.errors = new Map([['text', [`${file.name} holds no text the page can read (a scanned PDF has none)`]]]);
      this.text = read.text;
      // What the file says of itself fills what is still empty; the user checks it.
      const f = this.fields;
      this.fields = { ...f, title: f.title || (read.title ?? ''), language: f.language || (read.language ?? ''), published: f.published || (read.published ?? '') };
    } catch (error) {
      this.errors = new Map([['text', [`${file.name} could not be read: ${errorText(error)}`]]]);
    } finally {
      this.reading = false;
    }
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    if (this.saving) return;
    const f = this.fields;
    const body: NewSource = { title: f.title.trim(), text: this.mode === 'paste' ? this.text.replace(/\r\n?/g, '\n') : this.text };
    if (f.publisher.trim()) body.publisher = f.publisher.trim();
    if (f.url.trim()) body.url = f.url.trim();
    if (f.published.trim()) body.published = f.published.trim();
    if (f.language.trim()) body.language = f.language.trim();
    const missing = new Map<string, string[]>();
    if (!body.title) missing.set('title', ['title: a source needs a title']);
    if (!body.text.trim()) missing.set('text', ['text: paste the text or choose a file']);
    if (!f.dataset) missing.set('dataset', ['dataset: choose the dataset the source belongs to']);
    this.errors = missing;
    if (missing.size) return;
    this.saving = true;
    try {
      const added = await this.ctl.actions.addSource(f.dataset, body);
      if (added.existing) {
        // The same text is already held: say so, and open it rather than keep a twin.
        this.existing = { id: added.source.id, title: added.source.title };
        return;
      }
      this.ctl.actions.notify(`Source “${added.source.title}” added: select a passage to record a fact`);
      this.close();
      this.ctl.actions.openSource({ sourceId: added.source.id, quote: '' });
    } catch (error) {
      this.errors = error instanceof ApiError ? problemsByField(problemsOf(error.details, error.message), PREFIXES) : new Map([['', [errorText(error)]]]);
    } finally {
      this.saving = false;
    }
  }

  private openExisting(): void {
    const found = this.existing;
    if (!found) return;
    this.close();
    this.ctl.actions.openSource({ sourceId: found.id, quote: '' });
  }

  private fieldErrors(field: string) {
    const list = this.errors.get(field);
    return list?.length ? html`<span class="field-error" role="alert" data-field=${field}>${list.join(' ')}</span>` : nothing;
  }

  private input(field: Exclude<Field, 'text' | 'dataset'>, label: string, extra: { type?: string; placeholder?: string; required?: boolean } = {}) {
    return html`<label>${label}
      <input name=${field} type=${extra.type ?? 'text'} placeholder=${extra.placeholder ?? ''} ?required=${extra.required ?? false} .value=${this.fields[field]}
        aria-invalid=${this.errors.has(field) ? 'true' : 'false'} @input=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value)} />
      ${this.fieldErrors(field)}</label>`;
  }

  private renderText() {
    if (this.mode === 'paste') {
      return html`<label>Text
        <textarea name="text" .value=${this.text} aria-invalid=${this.errors.has('text') ? 'true' : 'false'} @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
        ${this.fieldErrors('text')}</label>`;
    }
    return html`<label>File (.txt, .html, .pdf)
        <input name="file" type="file" accept=".txt,.html,.htm,.pdf,text/plain,text/html,application/pdf" @change=${(e: Event) => this.readFile((e.target as HTMLInputElement).files?.[0])} />
      </label>
      ${this.reading ? html`<p class="note" role="status">Reading the file…</p>` : nothing}
      ${this.fieldErrors('text')}
      ${this.text
        ? html`<p class="note">This is the text that will be held; quotes are checked against exactly it (read-only: check it before saving).</p>
            <pre class="held" tabindex="0" aria-label="The text to be held">${this.text}</pre>`
        : nothing}`;
  }

  override render() {
    const datasets = this.ctl.ready ? editableDatasets(this.ctl.state.session, this.ctl.state.schema) : [];
    const top = this.errors.get('');
    return html`<dialog aria-labelledby="add-source-title" @close=${this.close}>
      <h2 id="add-source-title">Add a source</h2>
      ${this.existing
        ? html`<div role="status" class="existing">
            <p>This text is already source <strong>${this.existing.title}</strong> (${this.existing.id}).</p>
            <div class="buttons"><button @click=${this.close}>Close</button><button class="primary" @click=${this.openExisting} autofocus>Open it</button></div>
          </div>`
        : html`<form @submit=${this.save}>
            ${top?.length ? html`<p class="error" role="alert">${top.join(' ')}</p>` : nothing}
            <fieldset>
              <legend class="note">The text</legend>
              <label class="check"><input type="radio" name="mode" value="paste" .checked=${this.mode === 'paste'} @change=${() => (this.mode = 'paste')} />Paste it</label>
              <label class="check"><input type="radio" name="mode" value="file" .checked=${this.mode === 'file'} @change=${() => { this.mode = 'file'; this.text = ''; }} />Upload a file</label>
            </fieldset>
            ${this.renderText()}
            <div class="grid">
              ${this.input('title', 'Title', { required: true })} ${this.input('publisher', 'Publisher')}
              ${this.input('url', 'URL', { type: 'url', placeholder: 'https://' })} ${this.input('published', 'Published', { placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD' })}
              ${this.input('language', 'Language', { placeholder: 'en, fr…' })}
              <label>Dataset
                <select name="dataset" .value=${this.fields.dataset} @change=${(e: Event) => this.set('dataset', (e.target as HTMLSelectElement).value)}>
                  ${datasets.map((d) => html`<option value=${d.id} ?selected=${d.id === this.fields.dataset}>${d.title}</option>`)}
                </select>${this.fieldErrors('dataset')}</label>
            </div>
            <div class="buttons">
              <button type="button" @click=${this.close}>Cancel</button>
              <button type="submit" class="primary" ?disabled=${this.saving || this.reading}>${this.saving ? 'Saving…' : 'Save'}</button>
            </div>
          </form>`}
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kg-add-source': KgAddSource;
  }
}
