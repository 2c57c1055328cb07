// One rule for the page's modal dialogs that follow the store (help, administration, a source): open while the state says so.
/** Opens `dialog` as a modal while `open`, and closes it when not; a dialog already in that state is left alone. */
export function showWhile(dialog: HTMLDialogElement, open: boolean): void {
  if (open && !dialog.open) dialog.showModal();
  if (!open && dialog.open) dialog.close();
}
