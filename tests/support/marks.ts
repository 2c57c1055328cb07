// Searching an answer's raw text for what must not be there: ids, words, element ids.

/** Whether `text` holds `mark` (an element id '4:...:1' not as the start of '4:...:12'). */
export const shows = (text: string, mark: string) => new RegExp(`${mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`).test(text);
