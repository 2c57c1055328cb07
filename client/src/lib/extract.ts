// A source's text from a file, in the browser so the user sees it before it is saved: .txt as it is, .html through Readability (the article's main text), .pdf through pdf.js's text layer.
/** What a file gave: its text, and what it says of itself (title, language, date) to prefill the form. */
export interface Extracted {
  text: string;
  title?: string;
  language?: string;
  published?: string;
}

/** Tidies extracted text: no trailing spaces, at most one blank line in a row, no blank ends. Quotes are checked against exactly this. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** 'fr-FR' -> 'fr'; anything that is not a language code is dropped. */
function languageOf(value: string | null | undefined): string | undefined {
  const code = value?.trim().toLowerCase().split(/[-_]/)[0];
  return code && /^[a-z]{2,3}$/.test(code) ? code : undefined;
}

/** 'YYYY-MM-DD…' -> 'YYYY-MM-DD'; anything else dropped. */
function dayOf(value: string | null | undefined): string | undefined {
  return /^\d{4}-\d{2}-\d{2}/.exec(value ?? '')?.[0];
}

export async function extractHtml(html: string): Promise<Extracted> {
  const { Readability } = await import('@mozilla/readability');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const language = languageOf(doc.documentElement.lang);
  const title = doc.title.trim() || undefined;
  // Readability changes the document it reads: the fallback reads a fresh one.
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  const text = tidyText(article?.textContent || doc.body?.textContent || '');
  return { text, title: article?.title?.trim() || title, language: languageOf(article?.lang) ?? language, published: dayOf(article?.publishedTime) };
}

export async function extractPdf(data: ArrayBuffer): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist');
  const { default: worker } = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = worker;
  const task = pdfjs.getDocument({ data });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    const { info } = (await pdf.getMetadata().catch(() => ({ info: {} }))) as { info: Record<string, unknown> };
    const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : undefined;
    return { text: tidyText(pages.join('\n\n')), title, language: languageOf(typeof info.Language === 'string' ? info.Language : undefined) };
  } finally {
    await task.destroy();
  }
}

/** The file's text by its kind; null for a kind the page does not read. */
export async function extractFile(file: File): Promise<Extracted | null> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.pdf') || file.type === 'application/pdf') return extractPdf(await file.arrayBuffer());
  if (/\.x?html?$/.test(name) || file.type === 'text/html') return extractHtml(await file.text());
  if (name.endsWith('.txt') || file.type.startsWith('text/')) return { text: tidyText(await file.text()), title: file.name.replace(/\.[^.]+$/, '') };
  return null;
}
