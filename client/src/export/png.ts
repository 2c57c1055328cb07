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
  /** One section of the legend: a bold title, then a row per entry with its marker and count. */
  const section = (top: number, title: string, rows: { text: string; color: string }[], marker: (y: number) => void): number => {
    let y = top;
    ctx.fillStyle = colors.text;
    ctx.font = 'bold 13px system-ui, sans-serif';
    ctx.fillText(title, x0, y);
    ctx.font = '12px system-ui, sans-serif';
    for (const row of rows) {
      y += ROW;
      ctx.fillStyle = ctx.strokeStyle = row.color;
      marker(y);
      ctx.fillStyle = colors.text;
      ctx.fillText(row.text, x0 + 22, y);
    }
    return y;
  };
  const dot = (y: number) => {
    ctx.beginPath();
    ctx.arc(x0 + 7, y - 4, 7, 0, Math.PI * 2);
    ctx.fill();
  };
  const line = (y: number) => {
    ctx.lineWidth = 3;
    ctx.beginPath();
    ctx.moveTo(x0, y - 4);
    ctx.lineTo(x0 + 16, y - 4);
    ctx.stroke();
  };
  const end = section(PAD + 14, 'Labels', legend.labels.map((e) => ({ text: `${e.label} (${e.count})`, color: e.color })), dot);
  section(end + ROW + 6, 'Relationships', legend.types.map((e) => ({ text: `${e.type} (${e.count})`, color: e.color })), line);
  image.close();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
