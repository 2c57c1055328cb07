// Ids of what is recorded through the API follow the seed's scheme and are valid dataset ids; an id race is a 409.
import { describe, expect, it } from 'vitest';
import { CypherError } from '../../db/errors.ts';
import { ConflictError, ID_PATTERN } from '../../model/index.ts';
import { actorIdBase, relationId, sourceIdBase, underFreshIds } from '../../server/services/writes/ids.ts';

describe('ids of recorded facts', () => {
  it("reads like the seed's ids and matches the dataset id pattern", () => {
    expect(actorIdBase('Person', 'Assimi Goïta')).toBe('person/assimi-goita');
    expect(actorIdBase('Organization', "Association des Élèves et Étudiants du Mali (AEEM)")).toBe('org/association-des-eleves-et-etudiants-du-mali-aeem');
    expect(actorIdBase('Authority', '!!!')).toBe('authority/actor');
    expect(sourceIdBase('HRW: Mali — 15 March 2024')).toBe('src/hrw-mali-15-march-2024');
    const rel = relationId('EXPRESSED_CONCERN', 'person/assimi-goita', 'org/aeem');
    expect(rel).toMatch(/^rel\/assimi-goita-expressed-concern-aeem-[0-9a-f]{8}$/);
    expect(relationId('ACCUSED', 'person/a', 'person/b')).not.toBe(relationId('ACCUSED', 'person/a', 'person/b'));
    for (const id of [actorIdBase('Person', 'A very long name '.repeat(10)), sourceIdBase('—'), rel]) expect(id).toMatch(ID_PATTERN);
  });

  it('answers an id taken meanwhile (the uniqueness constraint) with a 409, and passes other errors on', async () => {
    const taken = new CypherError('Node(1) already exists with label `Entity` and property `id`', 'Neo.ClientError.Schema.ConstraintValidationFailed');
    await expect(underFreshIds(() => Promise.reject(taken))).rejects.toMatchObject({ code: 'id_taken', kind: 'conflict' });
    await expect(underFreshIds(() => Promise.reject(taken))).rejects.toBeInstanceOf(ConflictError);
    const other = new CypherError('syntax', 'Neo.ClientError.Statement.SyntaxError');
    await expect(underFreshIds(() => Promise.reject(other))).rejects.toBe(other);
    expect(await underFreshIds(async () => 7)).toBe(7);
  });
});
