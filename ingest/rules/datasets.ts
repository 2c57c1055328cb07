// The dataset rule: an id is one element in one dataset. An element the database already holds in another
// dataset is refused, naming both datasets, by every way in: in the rules where the way in knows the stored
// element (a bulk import looks ids up while it validates), else when it writes (ingest/datasets.ts), in these words.
import { ID_PATTERN } from '../../model/index.ts';
import type { ItemKind } from './lookups.ts';

/** Why an item cannot be written: its id is already an element of another dataset. */
export function otherDatasetMessage(id: string, stored: { kind: ItemKind; dataset: string }, ours: string): string {
  return (
    `'${id}' is already ${stored.kind === 'entity' ? 'an' : 'a'} ${stored.kind} of the dataset '${stored.dataset}', and this import writes the dataset '${ours}': ` +
    `an id is one element in one dataset (give it another id, or import it into '${stored.dataset}')`
  );
}

/** Whether a stored element belongs to another dataset than `ours`; an element stored before datasets (none) belongs to none yet. */
export function inOtherDataset(stored: { dataset?: string } | undefined, ours: string | undefined): stored is { dataset: string } {
  return ours !== undefined && stored?.dataset !== undefined && stored.dataset !== ours;
}

/** The problem with a dataset id given by hand (`--dataset`), or undefined when it is one. */
export function datasetIdProblem(id: string): string | undefined {
  return ID_PATTERN.test(id) ? undefined : `'${id}' is not a dataset id: a lowercase slug such as mali-2023-2024 (letters, digits, - _ . and / between parts)`;
}
