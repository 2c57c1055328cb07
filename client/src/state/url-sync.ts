// Keeps the URL's hash and the view in step: view changes push history entries, back/forward restore views.
import type { Actions } from './actions.ts';
import type { Store } from './store.ts';
import { hashToView, significantPart, viewToHash } from './url.ts';

export function syncUrl(store: Store, actions: Actions): () => void {
  let restoring = false;
  let scheduled = false;
  let first = true;

  const write = (mode: 'auto' | 'replace') => {
    const hash = viewToHash(store.state);
    const current = location.hash;
    if (hash === current || (!hash && !current)) return;
    const url = hash || location.pathname + location.search;
    if (mode === 'replace' || first || significantPart(hash) === significantPart(current)) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  };

  const flush = () => {
    scheduled = false;
    if (restoring || store.state.phase !== 'ready') return;
    write('auto');
    first = false;
  };

  const unsubscribe = store.subscribe(() => {
    if (scheduled || restoring) return;
    scheduled = true;
    // Several updates make one user action (add nodes, select, lay out): one history entry for them.
    setTimeout(flush, 0);
  });

  const onPopState = async () => {
    restoring = true;
    try {
      await actions.restoreView(hashToView(location.hash));
    } finally {
      restoring = false;
    }
    write('replace');
  };
  window.addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPopState);
  };
}
