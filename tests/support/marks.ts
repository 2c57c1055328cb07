// An answer read whole (status, raw text, JSON body when it is JSON), and its raw text searched for what must not be there: ids, words, element ids.

export interface Answer {
  status: number;
  text: string;
  body: any;
}

/** Asks `url` with `headers`, sending `json` (a POST unless `method` says) when given; the answer read whole. */
export async function fetchAnswer(url: string, init: { method?: string; headers?: Record<string, string>; json?: unknown }): Promise<Answer> {
  const response = await fetch(url, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: { ...init.headers, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

/** Whether `text` holds `mark` (an element id '4:...:1' not as the start of '4:...:12'). */
export const shows = (text: string, mark: string) => new RegExp(`${mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`).test(text);
