// What a failure says, for the page: an Error's message, or whatever was thrown as text.
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A task's failure as text; '' while it has none. */
export function failureText(error: unknown): string {
  return error === undefined ? '' : errorText(error);
}
