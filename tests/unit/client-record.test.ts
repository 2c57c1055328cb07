// What the page's recording relies on without a browser: a passage's anchors in the stored text, the server's problems per field, the X-Show-Facts value, who may write, the relation types the model allows, a revision's changes, dates from the form, and the text cut around recorded passages.
import { describe, expect, it } from 'vitest';
import type { GraphSchema } from '../../client/src/api.ts';
import { evidencePieces } from '../../client/src/lib/highlight.ts';
import { allowedTypes, anchorPassage, changesOf, dateInput, editableDatasets, problemsByField, problemsOf, showFactsValue } from '../../client/src/state/record.ts';
import { initialSession, type SessionState } from '../../client/src/state/session.ts';

const TEXT = 'On 3 March 2024 Anna Example accused Bruno Example of treason.\nOmega Union did not answer.';

const signedIn = (patch: Partial<SessionState>): SessionState => ({ ...initialSession(), status: 'signed-in', mode: 'accounts', ...patch });

const schema = {
  labels: [],
  relationshipTypes: [
    { type: 'ACCUSED', count: 0, declared: true, color: '#000', from: ['Person', 'Organization'], to: ['Person', 'Organization'], properties: [] },
    { type: 'MEMBER_OF', count: 0, declared: true, color: '#000', from: ['Person'], to: ['Organization'], properties: [] },
    { type: 'FOUND', count: 0, declared: false, color: '#000', from: ['Person'], to: ['Person'], properties: [] },
  ],
  datasets: [
    { id: 'test/a', title: 'A', synthetic: true },
    { id: 'test/b', title: 'B', synthetic: true },
  ],
  ours: true,
} as unknown as GraphSchema;

describe('recording in the page', () => {
  it('anchors a passage by the stored text: whitespace at its ends left out, 32 characters either side', () => {
    const at = TEXT.indexOf('Anna');
    const passage = anchorPassage(TEXT, at - 1, at + 'Anna Example accused Bruno Example'.length + 1)!;
    expect(passage.quote).toBe('Anna Example accused Bruno Example');
    expect(TEXT.slice(passage.start, passage.end)).toBe(passage.quote);
    expect(passage.prefix).toBe('On 3 March 2024 ');
    expect(passage.suffix).toBe(TEXT.slice(passage.end, passage.end + 32));
    expect(passage.suffix).toHaveLength(32);
    expect(anchorPassage(TEXT, 15, 16)).toBeNull();
  });

  it("puts each of the server's problems on the field its path names, the rest at the top", () => {
    const fields = { quote: ['fact.evidence', 'from.new.evidence', 'to.new.evidence'], from: ['from', 'fact.from'], date: ['fact.date'] };
    const byField = problemsByField(
      ["fact.evidence[0].quote: quote not found in source 'src/x'", 'to.new.evidence[0].quote: quote not found', 'from.new.name: must not be empty', "fact.date.precision: says 'day'", 'fact.type: unknown'],
      fields,
    );
    expect(byField.get('quote')).toHaveLength(2);
    expect(byField.get('from')).toEqual(['from.new.name: must not be empty']);
    expect(byField.get('date')).toEqual(["fact.date.precision: says 'day'"]);
    expect(byField.get('')).toEqual(['fact.type: unknown']);
  });

  it('reads the problems from the error body, or from a message that joins them', () => {
    expect(problemsOf({ problems: ['a: b'] }, 'ignored')).toEqual(['a: b']);
    expect(problemsOf({}, 'url: must be an http(s) URL; language: must be a language code; such as en')).toEqual(['url: must be an http(s) URL', 'language: must be a language code; such as en']);
  });

  it('asks reads for proposals by default for the owner and editors, and adds retired and rejected when asked', () => {
    const viewer = signedIn({ roles: { 'test/a': 'viewer' } });
    const editor = signedIn({ roles: { 'test/a': 'editor' } });
    expect(showFactsValue(viewer, { proposals: null, retired: false })).toBeUndefined();
    expect(showFactsValue(editor, { proposals: null, retired: false })).toBe('proposed');
    expect(showFactsValue(signedIn({ mode: 'owner', roles: 'all' }), { proposals: null, retired: false })).toBe('proposed');
    expect(showFactsValue(editor, { proposals: false, retired: true })).toBe('retired,rejected');
    expect(showFactsValue(viewer, { proposals: true, retired: true })).toBe('proposed,retired,rejected');
  });

  it('offers the datasets one may edit, and the declared relation types the model allows between two labels', () => {
    expect(editableDatasets(signedIn({ roles: { 'test/a': 'viewer', 'test/b': 'reviewer' } }), schema).map((d) => d.id)).toEqual(['test/b']);
    expect(editableDatasets(signedIn({ roles: 'all' }), schema)).toHaveLength(2);
    expect(allowedTypes(schema, 'Person', 'Organization')).toEqual(['ACCUSED', 'MEMBER_OF']);
    expect(allowedTypes(schema, 'Person', 'Person')).toEqual(['ACCUSED']);
    expect(allowedTypes(schema, 'Organization', null)).toEqual([]);
  });

  it("says what a revision changed: the changed keys only, before and after", () => {
    expect(changesOf({ date: '2024-03-03', words: 'treason', factRevision: 2 }, { date: '2024-03-04', words: 'treason', factRevision: 3 })).toEqual([
      { key: 'date', before: '2024-03-03', after: '2024-03-04' },
      { key: 'factRevision', before: 2, after: 3 },
    ]);
    expect(changesOf(null, { date: '2024-03-03' })).toEqual([{ key: 'date', before: undefined, after: '2024-03-03' }]);
  });

  it('writes the date as the precision says, or refuses it', () => {
    expect(dateInput('2024-03-06', 'month', true)).toEqual({ on: '2024-03', precision: 'month', inferred: true });
    expect(dateInput('2024', 'day', false)).toBeNull();
    expect(dateInput('2024', 'year', false)).toEqual({ on: '2024', precision: 'year', inferred: false });
  });

  it('cuts a stretch of text at the recorded passages, the pieces giving back the stretch', () => {
    const pieces = evidencePieces(0, 20, [[5, 10], [8, 15], [30, 40]]);
    expect(pieces.map((p) => [p.start, p.end, p.evidence])).toEqual([[0, 5, false], [5, 8, true], [8, 10, true], [10, 15, true], [15, 20, false]]);
    expect(evidencePieces(6, 9, [[5, 10]])).toEqual([{ start: 6, end: 9, evidence: true }]);
  });
});
