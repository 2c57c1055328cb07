// The Lit context through which kg-app hands the one store (and the actions over it) to every component.
import { createContext } from '@lit/context';
import type { Actions } from './actions/index.ts';
import type { Store } from './store.ts';

/** What kg-graph offers to others without them touching Cytoscape (exports, fitting). */
export interface CanvasPort {
  fit(): void;
  png(options: { background: string }): Promise<Blob>;
  /** What is drawn right now: positions, sizes and styles of the visible elements. */
  drawing(): Drawing;
}

export interface DrawnNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  shape: string;
  caption: string;
  label: string;
}

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  color: string;
}

export interface Drawing {
  nodes: DrawnNode[];
  edges: DrawnEdge[];
}

export interface Explorer {
  store: Store;
  actions: Actions;
  canvas: CanvasPort | null;
}

export const explorerContext = createContext<Explorer>(Symbol('kg-explorer'));
