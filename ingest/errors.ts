// The loader's typed error: every problem found in a dataset, each naming its file, item, field and what is wrong.
import { InvalidError } from '../model/index.ts';

export interface DatasetIssue {
  /** The file the problem is in (the dataset file, or a source text it names). */
  file: string;
  /** Where in the file, as a path: `entities[3].evidence[0].quote`; '' for the file as a whole. */
  path: string;
  /** The id of the source, entity or relation concerned, when it has one. */
  id?: string;
  /** The field within that item, e.g. `evidence[0].quote`, `date.on`, `to`. */
  field?: string;
  /** What is wrong, in words a researcher can act on. */
  message: string;
}

export function formatIssue(issue: DatasetIssue): string {
  const where = [issue.id ? `${issue.id}` : issue.path || '(file)', issue.field].filter(Boolean).join(' ');
  return `${issue.file}: ${where}: ${issue.message}`;
}

/** A dataset that cannot be loaded; nothing was written. `issues` lists every problem at once. */
export class DatasetError extends InvalidError {
  constructor(readonly issues: DatasetIssue[]) {
    super(`${issues.length} problem${issues.length === 1 ? '' : 's'} in the dataset; nothing was loaded:\n` + issues.map((i) => '  ' + formatIssue(i)).join('\n'), 'invalid_dataset');
  }
}
