// Saves a Blob as a file through a temporary link (no window.open, no data: URLs).
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** civic-graph-2024-03-15-1420.<ext>: sortable, and says when it was taken. */
export function exportName(extension: string, suffix = ''): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `civic-graph-${stamp}${suffix ? `-${suffix}` : ''}.${extension}`;
}
