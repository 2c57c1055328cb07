// The Cytoscape stylesheet: colours and shapes come from the element data (derived from the model), the rest from the scheme and view size.
import type { StylesheetJson } from 'cytoscape';

export interface StyleOptions {
  dark: boolean;
  /** Large views: straight edges without captions, larger minimum font before captions are drawn. */
  large: boolean;
  /** Node captions drawn at all (large views hide them when zoomed out). */
  captions: boolean;
}

export function stylesheet({ dark, large, captions }: StyleOptions): StylesheetJson {
  const fg = dark ? '#e8e8ea' : '#1d1d22';
  const bg = dark ? '#17181c' : '#ffffff';
  const muted = dark ? '#a8a8b3' : '#55555f';
  const accent = dark ? '#ffcf4d' : '#d97706';
  const path = dark ? '#5ee0ff' : '#0077cc';
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        shape: 'data(shape)' as never,
        label: captions ? 'data(display)' : '',
        // Sizes come from the data: 30 by default, or a metric the user sizes by.
        width: 'data(size)',
        height: 'data(size)',
        // Readable at the default zoom of a mid-sized view (12 px drew about 9 px on screen at 1440 px wide).
        'font-size': 14,
        color: fg,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-outline-width': 2,
        'text-outline-color': bg,
        'border-width': 1,
        'border-color': dark ? 'rgba(0,0,0,0.5)' : 'rgba(0,0,0,0.25)',
        'min-zoomed-font-size': large ? 10 : 6,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': 'data(color)',
        'target-arrow-color': 'data(color)',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
        'curve-style': large ? 'straight' : 'bezier',
        label: large ? '' : 'data(type)',
        'font-size': 9,
        color: muted,
        'text-rotation': 'autorotate',
        'text-outline-width': 2,
        'text-outline-color': bg,
        'min-zoomed-font-size': 7,
        opacity: 0.85,
      },
    },
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-style': 'double', 'border-color': fg } },
    // Recorded, not yet reviewed: dashed, so a proposal never passes for a checked fact.
    { selector: 'node.proposed', style: { 'border-width': 3, 'border-style': 'dashed', 'border-color': fg } },
    { selector: 'edge.proposed', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4], width: 2.5 } },
    { selector: 'edge.retired', style: { opacity: 0.35, 'line-color': muted, 'target-arrow-color': muted, 'line-style': 'dotted' } },
    { selector: 'node.retired', style: { opacity: 0.35, 'background-color': muted, 'border-style': 'dotted' } },
    { selector: 'node:selected', style: { 'border-width': 5, 'border-color': accent, 'border-style': 'solid', 'font-weight': 'bold', 'z-index': 10 } },
    { selector: 'edge:selected', style: { width: 4, 'line-color': accent, 'target-arrow-color': accent, color: fg, 'z-index': 10 } },
    { selector: '.dimmed', style: { opacity: 0.18 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': path, opacity: 1 } },
    { selector: 'edge.path', style: { width: 4, 'line-color': path, 'target-arrow-color': path, opacity: 1, 'z-index': 9 } },
    { selector: '.filtered', style: { display: 'none' } },
  ];
}
