// The compact form of a large view in the URL (client/src/state/compact.ts, url.ts) and the inferred-model corrections kept beside it.
import { describe, expect, it } from 'vitest';
import { decodeView, encodeView } from '../../client/src/state/compact.ts';
import { datesParam, modelFromUrl, captionsToUrl, datesToUrl, parseDate } from '../../client/src/state/model.ts';
import { expandHash, hashToView, shortHash } from '../../client/src/state/url.ts';

const PREFIX = '~4:72fabf0f-4c4c-4497-a6a0-48bb7efc4532:';

/** 300 element ids of a foreign database, in no order, with positions of a drawing. */
function foreignView(count = 300) {
  const ids = Array.from({ length: count }, (_, i) => `${PREFIX}${(i * 7919) % 59000}`);
  const positions = ids.map((_, i) => ({ x: Math.round(Math.cos(i) * 900 + i), y: Math.round(Math.sin(i * 1.3) * 700 - i) }));
  return { ids, positions };
}

describe('compact view links', () => {
  it('round-trips 300 foreign ids and their positions in under 2,000 characters', async () => {
    const { ids, positions } = foreignView();
    const text = await encodeView(ids, positions);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text.length).toBeLessThan(1500);
    const back = await decodeView(text);
    expect([...back.ids].sort()).toEqual([...ids].sort());
    // Each node keeps its place, to 1/256 of the drawing's extent.
    const spanX = Math.max(...positions.map((p) => p.x)) - Math.min(...positions.map((p) => p.x));
    back.ids.forEach((id, i) => {
      const original = positions[ids.indexOf(id)]!;
      expect(Math.abs(back.positions![i]!.x - original.x)).toBeLessThanOrEqual(spanX / 256 + 1);
    });
  });

  it('keeps ids that are not numbers, with their shared prefix', async () => {
    const ids = ['org/aeem', 'org/codem', 'person/moussa-x', 'event/2023-coup'];
    const back = await decodeView(await encodeView(ids, null));
    expect(back).toEqual({ ids, positions: null });
  });

  it('puts a long hash in z= and unfolds it again, the other fields untouched', async () => {
    const { ids, positions } = foreignView();
    const hash = `#n=${ids.join(',')}&p=${positions.map((p) => `${p.x}_${p.y}`).join(',')}&l=grid&cap=Person:lastName+firstName`;
    expect(hash.length).toBeGreaterThan(10_000);
    const short = await shortHash(hash);
    expect(short.length).toBeLessThan(2000);
    expect(short).toContain('&l=grid&cap=Person:lastName+firstName');
    const view = hashToView(await expandHash(short))!;
    expect([...view.nodes!].sort()).toEqual([...ids].sort());
    expect(view.positions.size).toBe(300);
    expect(view.layout).toBe('grid');
    expect(view.model.captions.get('Person')).toEqual(['lastName', 'firstName']);
    // A short hash stays as it is.
    expect(await shortHash('#n=org/aeem')).toBe('#n=org/aeem');
  });
});

describe('the user\'s corrections to the inferred model', () => {
  it('round-trips captions and dates through the URL, and names them for the timeline', () => {
    const model = modelFromUrl('Person:firstName+lastName', 'Transfer:date:dmy;Meeting:-');
    expect(model.captions.get('Person')).toEqual(['firstName', 'lastName']);
    expect(model.dates.get('Transfer')).toEqual({ name: 'date', format: 'dd/MM/yyyy' });
    expect(model.dates.get('Meeting')).toBeNull();
    expect(modelFromUrl(captionsToUrl(model), datesToUrl(model))).toEqual(model);
    expect(datesParam(model)).toBe('Transfer.date:dd/MM/yyyy');
  });

  it('reads dates in each format, and refuses what is not one', () => {
    expect(parseDate('03/04/2021', 'dd/MM/yyyy')).toBe('2021-04-03');
    expect(parseDate('03/04/2021', 'MM/dd/yyyy')).toBe('2021-03-04');
    expect(parseDate('31/02/2021', 'dd/MM/yyyy')).toBeNull();
    expect(parseDate(1998, 'year')).toBe('1998-01-01');
    expect(parseDate('2020-05-06T10:00:00Z', 'temporal')).toBe('2020-05-06');
    expect(parseDate('14:30', 'iso')).toBeNull();
  });
});
