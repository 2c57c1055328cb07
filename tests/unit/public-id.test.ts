// Public ids by construction: dataset ids only on Civic Graph's own labels, element ids for everything else.
import { describe, expect, it } from 'vitest';
import type { PlainNode, PlainRelationship } from '../../db/database.ts';
import { lookupParams, publicId, toWireEdge, toWireNode } from '../../db/mapping.ts';
import { countNodesCypher, overviewSeedsCypher } from '../../db/built-queries.ts';
import { seenBy } from '../../db/named-queries.ts';

const node = (labels: string[], properties: PlainNode['properties'], elementId = '4:x:1'): PlainNode => ({ kind: 'node', elementId, labels, properties });
const rel = (properties: PlainRelationship['properties']): PlainRelationship => ({ kind: 'relationship', elementId: '5:x:9', type: 'KNOWS', startElementId: '4:x:1', endElementId: '4:x:2', properties });

describe('public ids', () => {
  it('uses the dataset id of an Entity or Source, and the element id of any other node', () => {
    expect(publicId(node(['Entity', 'Organization'], { id: 'org/aeem' }))).toBe('org/aeem');
    expect(publicId(node(['Source'], { id: 'src/a' }))).toBe('src/a');
    // A foreign node's own id may repeat and has no constraint of ours.
    expect(publicId(node(['Studio'], { id: 42 }))).toBe('~4:x:1');
    expect(publicId(node(['Person'], { id: 'p1' }))).toBe('~4:x:1');
    // Records without an id constraint are found by element id too.
    expect(publicId(node(['Dataset'], { id: 'mali' }))).toBe('~4:x:1');
    expect(publicId(node(['Entity'], {}))).toBe('~4:x:1');
  });

  it('keeps a foreign node\'s id as a property, and hides ours (it is the public id)', () => {
    expect(toWireNode(node(['Studio'], { id: 42, name: 'W' })).properties).toEqual({ id: 42, name: 'W' });
    expect(toWireNode(node(['Entity', 'Person'], { id: 'person/a', name: 'A' })).properties).toEqual({ name: 'A' });
  });

  it('uses a relationship\'s dataset id only between two nodes with dataset ids', () => {
    expect(publicId(rel({ id: 'rel/1' }), ['org/a', 'org/b'])).toBe('rel/1');
    expect(publicId(rel({ id: 'rel/1' }), ['~4:x:1', 'org/b'])).toBe('~5:x:9');
    expect(toWireEdge(rel({ id: 7, since: 2001 }), '~4:x:1', '~4:x:2')).toMatchObject({ id: '~5:x:9', properties: { id: 7, since: 2001 } });
  });

  it('turns a public id into exactly one lookup parameter', () => {
    expect(lookupParams('~4:x:1')).toEqual({ id: null, elementId: '4:x:1' });
    expect(lookupParams('org/aeem')).toEqual({ id: 'org/aeem', elementId: null });
  });

  it('writes labels into the count and overview statements as escaped identifiers', () => {
    expect(countNodesCypher(['Source', 'Data`set'])).toBe('MATCH (n) WITH count(n) AS everything\nRETURN everything - COUNT { MATCH (n:`Source`) } - COUNT { MATCH (n:`Data``set`) } AS total');
    expect(overviewSeedsCypher(['Person', 'A`B'])).toContain(`MATCH (s:\`A\`\`B\`) WHERE ${seenBy('s')}\n  WITH s LIMIT $sample`);
  });
});
