// What the ingest commands share: how a failure is told (every dataset problem, one line each, never a stack trace) and the exit code.
import { ConfigError } from '../db/config.ts';
import { InvalidError, ModelError } from '../model/index.ts';
import { DatasetError, formatIssue } from './errors.ts';

/** A wrong command line: printed with the usage, exit code 2. */
export class UsageError extends InvalidError {
  constructor(message: string) {
    super(message, 'usage');
  }
}

/** Runs a command's main and exits with its code; `nothing` says what was not done ("loaded", "imported"). */
export function runCommand(main: () => Promise<number>, usage: string, nothing: string): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof DatasetError) {
        console.error(`${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}; nothing was ${nothing}:`);
        for (const issue of error.issues) console.error('  ' + formatIssue(issue));
      } else if (error instanceof UsageError) {
        console.error(`${error.message}\n${usage}`);
        process.exit(2);
      } else if (error instanceof ConfigError || error instanceof ModelError) {
        console.error(error.message);
      } else {
        console.error(error instanceof Error ? error.message : String(error));
      }
      process.exit(1);
    },
  );
}
