// The one rule for how undeclared labels and types look (model/looks.ts), as the server, the importers and the page use it.
import { describe, expect, it } from 'vitest';
import { assignLooks, colourAt, colourFor, PALETTE, relationshipColors, shapeFor } from '../../model/looks.ts';
import { stylingFor } from '../../client/src/state/styling.ts';
import { ftmModel } from '../../ingest/ftm/model.ts';

const labels = Array.from({ length: 30 }, (_, i) => `Label${String(i).padStart(2, '0')}`);

describe('colourFor', () => {
  it('gives distinct places of a sorted set distinct colours, the palette first', () => {
    const colours = labels.map((label, i) => colourFor(label, i));
    expect(new Set(colours).size).toBe(labels.length);
    expect(colours.slice(0, PALETTE.length)).toEqual(PALETTE);
    for (const colour of colours) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('gives a name without a place the same palette colour every time, whatever else is coloured', () => {
    expect(colourFor('CourtHearing')).toBe(colourFor('CourtHearing'));
    expect(PALETTE).toContain(colourFor('CourtHearing'));
    // Spread over the palette, not piled on one colour.
    expect(new Set(labels.map((l) => colourFor(l))).size).toBeGreaterThan(PALETTE.length / 2);
  });

  it('colours numbered groups as places', () => {
    expect([0, 1, 12].map((i) => colourAt(i))).toEqual([colourFor('x', 0), colourFor('y', 1), colourFor('z', 12)]);
  });
});

describe('assignLooks', () => {
  it('gives every label its own colour, and a new shape each time the palette comes round, the same every time', () => {
    const looks = assignLooks([...labels].reverse());
    expect(assignLooks(labels)).toEqual(looks);
    expect(new Set(labels.map((l) => looks.get(l)!.color)).size).toBe(labels.length);
    expect(looks.get(labels[0]!)).toEqual({ color: PALETTE[0], shape: 'ellipse' });
    expect(looks.get(labels[PALETTE.length]!)!.shape).toBe(shapeFor(PALETTE.length));
    expect(shapeFor(PALETTE.length)).not.toBe(shapeFor(0));
    expect(shapeFor()).toBe('ellipse');
  });

  it('keeps clear of colours our own labels hold', () => {
    const looks = assignLooks(['A', 'B'], [PALETTE[0]!.toUpperCase()]);
    expect([...looks.values()].map((l) => l.color)).not.toContain(PALETTE[0]);
  });

  it('colours every relationship type apart', () => {
    const types = Array.from({ length: 20 }, (_, i) => `T${i}`);
    const colours = relationshipColors(types);
    expect(new Set(colours.values()).size).toBe(20);
    expect(relationshipColors([...types].reverse())).toEqual(colours);
  });
});

describe('one rule everywhere', () => {
  it('the page colours a label the schema does not list as the rule does', () => {
    expect(stylingFor(null).labelStyle('CourtHearing')).toEqual({ label: 'CourtHearing', color: colourFor('CourtHearing'), shape: 'ellipse' });
  });

  it('FtM labels take the rule’s hues beyond the palette, each its own, as stored FtM extensions hold them', () => {
    const { labels, relations } = ftmModel().extension;
    const colours = Object.values(labels).map((d) => d.color);
    expect(new Set(colours).size).toBe(colours.length);
    for (const colour of [...colours, ...Object.values(relations).map((d) => d.color)]) expect(PALETTE).not.toContain(colour);
    // The first hue beyond the palette, as FtM imports have always stored it: a change would conflict with their extension.
    expect(colourAt(PALETTE.length)).toBe('#c84141');
  });
});
