// Console errors moved back into the user's own text (the time histogram's counts: histogram.test.ts).
import { describe, expect, it } from 'vitest';
import { inOwnText } from '../../client/src/lib/cypher-errors.ts';

describe('client console errors', () => {
  it('counts lines, columns and offsets from the user\'s text, not from the EXPLAIN prefix', () => {
    const neo4j = 'Invalid input \'RETRUN\': expected \'RETURN\' (line 1, column 19 (offset: 18))\n"EXPLAIN MATCH (n) RETRUN n"\n                  ^';
    const own = inOwnText(neo4j);
    expect(own.offset).toBe(10);
    expect(own.message).toBe('Invalid input \'RETRUN\': expected \'RETURN\' (line 1, column 11 (offset: 10))\n"MATCH (n) RETRUN n"\n          ^');
  });

  it('keeps the column on later lines and leaves other messages alone', () => {
    expect(inOwnText('Bad (line 2, column 3 (offset: 20))\n"EXPLAIN MATCH (n)').message).toBe('Bad (line 2, column 3 (offset: 12))\n"MATCH (n)');
    expect(inOwnText('read_only: writes are refused')).toEqual({ message: 'read_only: writes are refused', offset: null });
  });
});
