// Read your own writes on a Neo4j cluster: the bookmarks of a caller's last write travel with the request (an
// AsyncLocalStorage set by the HTTP layer), every Neo4j session opened for it starts from them, and every write
// transaction hands back the new ones. Where they are kept between requests is the keeper's business (the accounts
// store for a signed-in session, so any server process sharing it answers with the write seen; memory in owner mode).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface BookmarkKeeper {
  /** The bookmarks the caller's reads must wait for (those of their last write); empty: none. */
  read(): string[];
  /** Keeps the bookmarks of a write the caller just committed (they replace the previous ones: they include them). */
  keep(bookmarks: string[]): void;
}

const current = new AsyncLocalStorage<BookmarkKeeper>();

/** Runs `work` (and everything it starts) with `keeper` as the caller's; undefined: no bookmarks (tools, tests). */
export function withBookmarks<T>(keeper: BookmarkKeeper | undefined, work: () => T): T {
  return keeper ? current.run(keeper, work) : work();
}

/** The keeper of the request under way, if any. */
export function bookmarkKeeper(): BookmarkKeeper | undefined {
  return current.getStore();
}

/** A keeper in memory: owner mode's, one per server process (there is one caller, and one process answers them). */
export function memoryKeeper(): BookmarkKeeper {
  let kept: string[] = [];
  return {
    read: () => kept,
    keep: (bookmarks) => {
      if (bookmarks.length) kept = [...bookmarks];
    },
  };
}
