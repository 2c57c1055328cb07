// Keeps the URL's hash and the view in step: view changes push history entries, back/forward restore views.
import type { Actions } from './actions/index.ts';
import type { Store } from './store.ts';
import { readView, shortHash, significantPart, viewToHash } from './url.ts';

export function syncUrl(store: Store, actions: Actions): () => void {
  let restoring = false;
  let scheduled = false;
  let first = true;

  /** The last view written, before compaction, and what it became: positions-only changes compare on it, and an unchanged view is not compressed again. */
  let lastPlain = '';
  let lastHash = '';
  let writes = 0;

  const write = async (mode: 'auto' | 'replace') => {
    const plain = viewToHash(store.state);
    const current = location.hash;
    if (plain === lastPlain && current === lastHash) return;
    const seq = ++writes;
    const hash = await shortHash(plain);
    // A later change wrote (or is writing) its own hash meanwhile.
    if (seq !== writes) return;
    const replace = mode === 'replace' || first || significantPart(plain) === significantPart(lastPlain);
    lastPlain = plain;
    lastHash = hash;
    if (hash === location.hash || (!hash && !location.hash)) return;
    const url = hash || location.pathname + location.search;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  };

  const flush = async () => {
    scheduled = false;
    if (restoring || store.state.phase !== 'ready') return;
    await write('auto');
    first = false;
  };

  const unsubscribe = store.subscribe(() => {
    if (scheduled || restoring) return;
    scheduled = true;
    // Several updates make one user action (add nodes, select, lay out): one history entry for them.
    setTimeout(() => void flush(), 0);
  });

  const onPopState = async () => {
    restoring = true;
    try {
      await actions.restoreView(await readView(location.hash));
    } finally {
      restoring = false;
    }
    await write('replace');
  };
  window.addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPopState);
  };
}
