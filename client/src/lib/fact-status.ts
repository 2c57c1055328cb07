// A recorded fact's status as the inspector and the lists show it: a badge for proposed, retired and rejected facts (accepted and imported ones need none).
import { html, nothing, type TemplateResult } from 'lit';

const WORDS: Readonly<Record<string, string>> = {
  proposed: 'recorded, not yet reviewed by someone other than its author',
  retired: 'known wrong or superseded; kept with its reason',
  rejected: 'turned down by a reviewer',
};

/** The status a read carries (properties.factStatus); undefined for imported elements. */
export function factStatus(properties: Record<string, unknown>): string | undefined {
  return typeof properties.factStatus === 'string' ? properties.factStatus : undefined;
}

export function statusBadge(properties: Record<string, unknown>): TemplateResult | typeof nothing {
  const status = factStatus(properties);
  if (!status || !WORDS[status]) return nothing;
  return html`<span class="badge status-${status}" data-status=${status} title=${WORDS[status]!}>${status}</span>`;
}
