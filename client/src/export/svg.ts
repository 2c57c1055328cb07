// SVG export: the visible drawing rebuilt as vector shapes (nodes, arrows, captions, edge types) with its legend.
import type { Drawing, DrawnNode } from '../state/context.ts';
import { legendOf } from './legend.ts';

const NS = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  // Text goes in as a text node: names from the data are never parsed as markup.
  if (text !== undefined) node.textContent = text;
  return node;
}

function polygon(n: number, x: number, y: number, rx: number, ry: number, rotation = -Math.PI / 2, star = false): string {
  const points: string[] = [];
  const count = star ? n * 2 : n;
  for (let i = 0; i < count; i++) {
    const angle = rotation + (i * 2 * Math.PI) / count;
    const scale = star && i % 2 === 1 ? 0.45 : 1;
    points.push(`${(x + rx * scale * Math.cos(angle)).toFixed(1)},${(y + ry * scale * Math.sin(angle)).toFixed(1)}`);
  }
  return points.join(' ');
}

function shapeOf(node: DrawnNode, stroke: string): SVGElement {
  const { x, y } = node;
  const rx = node.width / 2;
  const ry = node.height / 2;
  const common = { fill: node.color, stroke, 'stroke-width': 1 };
  const sides: Record<string, number> = { triangle: 3, 'round-triangle': 3, pentagon: 5, 'round-pentagon': 5, hexagon: 6, 'round-hexagon': 6, 'concave-hexagon': 6, heptagon: 7, 'round-heptagon': 7, octagon: 8, 'round-octagon': 8 };
  const shape = node.shape;
  if (shape.includes('rectangle') || shape === 'barrel' || shape === 'tag' || shape === 'round-tag') {
    return el('rect', { ...common, x: x - rx, y: y - ry, width: rx * 2, height: ry * 2, rx: shape.startsWith('round') ? 5 : 0 });
  }
  if (shape === 'diamond' || shape === 'round-diamond') return el('polygon', { ...common, points: polygon(4, x, y, rx, ry) });
  if (shape === 'star') return el('polygon', { ...common, points: polygon(5, x, y, rx, ry, -Math.PI / 2, true) });
  if (sides[shape]) return el('polygon', { ...common, points: polygon(sides[shape]!, x, y, rx, ry) });
  return el('ellipse', { ...common, cx: x, cy: y, rx, ry });
}

function wrap(text: string, width = 22): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.slice(0, 4);
}

export function drawingToSvg(drawing: Drawing, colors: { background: string; text: string; muted: string }, title: string): string {
  const byId = new Map(drawing.nodes.map((n) => [n.id, n]));
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of drawing.nodes) {
    x1 = Math.min(x1, n.x - n.width / 2 - 60);
    x2 = Math.max(x2, n.x + n.width / 2 + 60);
    y1 = Math.min(y1, n.y - n.height / 2 - 10);
    y2 = Math.max(y2, n.y + n.height / 2 + 60);
  }
  if (!drawing.nodes.length) [x1, y1, x2, y2] = [0, 0, 200, 100];
  const legend = legendOf(drawing);
  const legendWidth = 240;
  const legendHeight = 60 + 20 * (legend.labels.length + legend.types.length);
  const width = x2 - x1 + legendWidth;
  const height = Math.max(y2 - y1, legendHeight);

  const svg = el('svg', { xmlns: NS, width: Math.ceil(width), height: Math.ceil(height), viewBox: `${x1} ${y1} ${Math.ceil(width)} ${Math.ceil(height)}`, 'font-family': 'system-ui, sans-serif' });
  svg.append(el('title', {}, title));
  svg.append(el('rect', { x: x1, y: y1, width: Math.ceil(width), height: Math.ceil(height), fill: colors.background }));

  const defs = el('defs', {});
  const markers = new Map<string, string>();
  const marker = (color: string) => {
    let id = markers.get(color);
    if (!id) {
      id = `arrow${markers.size}`;
      markers.set(color, id);
      const m = el('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
      m.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: color }));
      defs.append(m);
    }
    return id;
  };
  svg.append(defs);

  const edges = el('g', { class: 'edges' });
  for (const e of drawing.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    if (s === t) {
      edges.append(el('circle', { cx: s.x + s.width / 2, cy: s.y - s.height / 2, r: 12, fill: 'none', stroke: e.color, 'stroke-width': 1.5 }));
      continue;
    }
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const length = Math.hypot(dx, dy) || 1;
    const cutS = s.width / 2;
    const cutT = t.width / 2 + 2;
    const ax = s.x + (dx / length) * cutS;
    const ay = s.y + (dy / length) * cutS;
    const bx = t.x - (dx / length) * cutT;
    const by = t.y - (dy / length) * cutT;
    edges.append(el('line', { x1: ax.toFixed(1), y1: ay.toFixed(1), x2: bx.toFixed(1), y2: by.toFixed(1), stroke: e.color, 'stroke-width': 1.5, 'marker-end': `url(#${marker(e.color)})` }));
    let angle = (Math.atan2(dy, dx) * 180) / Math.PI;
    if (angle > 90 || angle < -90) angle += 180;
    const mx = (ax + bx) / 2;
    const my = (ay + by) / 2;
    edges.append(el('text', { x: mx.toFixed(1), y: (my - 3).toFixed(1), 'font-size': 8, fill: colors.muted, 'text-anchor': 'middle', transform: `rotate(${angle.toFixed(1)} ${mx.toFixed(1)} ${my.toFixed(1)})` }, e.type));
  }
  svg.append(edges);

  const nodes = el('g', { class: 'nodes' });
  for (const n of drawing.nodes) {
    const group = el('g', { 'data-id': n.id });
    group.append(el('title', {}, `${n.caption} (${n.label})`));
    group.append(shapeOf(n, colors.muted));
    const lines = wrap(n.caption);
    const text = el('text', { x: n.x, y: n.y + n.height / 2 + 13, 'font-size': 11, fill: colors.text, 'text-anchor': 'middle' });
    for (const [i, line] of lines.entries()) text.append(el('tspan', { x: n.x, dy: i === 0 ? 0 : 13 }, line));
    group.append(text);
    nodes.append(group);
  }
  svg.append(nodes);

  const lx = x2 + 20;
  let ly = y1 + 24;
  const legendGroup = el('g', { class: 'legend' });
  legendGroup.append(el('text', { x: lx, y: ly, 'font-size': 13, 'font-weight': 'bold', fill: colors.text }, 'Labels'));
  for (const entry of legend.labels) {
    ly += 20;
    legendGroup.append(el('circle', { cx: lx + 7, cy: ly - 4, r: 7, fill: entry.color }));
    legendGroup.append(el('text', { x: lx + 22, y: ly, 'font-size': 12, fill: colors.text }, `${entry.label} (${entry.count})`));
  }
  ly += 28;
  legendGroup.append(el('text', { x: lx, y: ly, 'font-size': 13, 'font-weight': 'bold', fill: colors.text }, 'Relationships'));
  for (const entry of legend.types) {
    ly += 20;
    legendGroup.append(el('line', { x1: lx, y1: ly - 4, x2: lx + 16, y2: ly - 4, stroke: entry.color, 'stroke-width': 3 }));
    legendGroup.append(el('text', { x: lx + 22, y: ly, 'font-size': 12, fill: colors.text }, `${entry.type} (${entry.count})`));
  }
  svg.append(legendGroup);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}
