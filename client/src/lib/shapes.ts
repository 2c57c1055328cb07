// A node shape as a small CSS swatch (legend, schema list): the same outline the canvas draws, so colour is not the only cue.

const POLYGONS: Record<string, string> = {
  triangle: '50% 0, 100% 100%, 0 100%',
  'round-triangle': '50% 0, 100% 100%, 0 100%',
  diamond: '50% 0, 100% 50%, 50% 100%, 0 50%',
  'round-diamond': '50% 0, 100% 50%, 50% 100%, 0 50%',
  pentagon: '50% 0, 100% 38%, 82% 100%, 18% 100%, 0 38%',
  'round-pentagon': '50% 0, 100% 38%, 82% 100%, 18% 100%, 0 38%',
  hexagon: '25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%',
  'round-hexagon': '25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%',
  'concave-hexagon': '0 0, 100% 0, 85% 50%, 100% 100%, 0 100%, 15% 50%',
  heptagon: '50% 0, 90% 20%, 100% 62%, 75% 100%, 25% 100%, 0 62%, 10% 20%',
  'round-heptagon': '50% 0, 90% 20%, 100% 62%, 75% 100%, 25% 100%, 0 62%, 10% 20%',
  octagon: '30% 0, 70% 0, 100% 30%, 100% 70%, 70% 100%, 30% 100%, 0 70%, 0 30%',
  'round-octagon': '30% 0, 70% 0, 100% 30%, 100% 70%, 70% 100%, 30% 100%, 0 70%, 0 30%',
  star: '50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, 2% 35%, 39% 35%',
  tag: '0 0, 75% 0, 100% 50%, 75% 100%, 0 100%',
  'round-tag': '0 0, 75% 0, 100% 50%, 75% 100%, 0 100%',
  vee: '0 0, 50% 40%, 100% 0, 50% 100%',
  rhomboid: '25% 0, 100% 0, 75% 100%, 0 100%',
  'right-rhomboid': '0 0, 75% 0, 100% 100%, 25% 100%',
  'cut-rectangle': '20% 0, 80% 0, 100% 20%, 100% 80%, 80% 100%, 20% 100%, 0 80%, 0 20%',
};

const SQUARE = new Set(['rectangle', 'round-rectangle', 'bottom-round-rectangle', 'barrel']);

export function shapeSwatch(color: string, shape: string): Record<string, string> {
  if (POLYGONS[shape]) return { background: color, 'border-radius': '0', 'clip-path': `polygon(${POLYGONS[shape]})` };
  if (SQUARE.has(shape)) return { background: color, 'border-radius': shape === 'rectangle' ? '0' : '3px' };
  return { background: color, 'border-radius': '50%' };
}
