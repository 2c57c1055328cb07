// PNG export: the canvas picture from Cytoscape with the legend drawn beside it.
import { legendOf, type LegendEntries } from './legend.ts';
import type { Drawing } from '../state/context.ts';

const ROW = 22;
const PAD = 16;
const SCALE = 2;

function legendHeight(legend: LegendEntries): number {
  return PAD * 2 + ROW * (2 + legend.labels.length + legend.types.length) + 8;
}

export async function pngWithLegend(picture: Blob, drawing: Drawing, colors: { background: string; text: string }): Promise<Blob> {
  const legend = legendOf(drawing);
  const image = await createImageBitmap(picture);
  const legendWidth = 230 * SCALE;
  const canvas = document.createElement('canvas');
  canvas.width = image.width + legendWidth;
  canvas.height = Math.max(image.height, legendHeight(legend) * SCALE);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw a PNG');
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0);
  ctx.scale(SCALE, SCALE);
  const x0 = image.width / SCALE + PAD;
  let y = PAD + 14;
  ctx.fillStyle = colors.text;
  ctx.font = 'bold 13px system-ui, sans-serif';
  ctx.fillText('Labels', x0, y);
  ctx.font = '12px system-ui, sans-serif';
  for (const entry of legend.labels) {
    y += ROW;
    ctx.fillStyle = entry.color;
    ctx.beginPath();
    ctx.arc(x0 + 7, y - 4, 7, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = colors.text;
    ctx.fillText(`${entry.label} (${entry.count})`, x0 + 22, y);
  }
  y += ROW + 6;
  ctx.font = 'bold 13px system-ui, sans-serif';
  ctx.fillText('Relationships', x0, y);
  ctx.font = '12px system-ui, sans-serif';
  for (const entry of legend.types) {
    y += ROW;
    ctx.strokeStyle = entry.color;
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(x0, y - 4);
    ctx.lineTo(x0 + 16, y - 4);
    ctx.stroke();
    ctx.fillStyle = colors.text;
    ctx.fillText(`${entry.type} (${entry.count})`, x0 + 22, y);
  }
  image.close();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
