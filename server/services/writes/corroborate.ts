// POST /api/facts/:id/evidence: a second passage stating a fact (corroboration), checked as recording checks its
// first: the ingest rules' evidence check (quote verbatim in the source's held text) and the selector's anchors.
import type { Database } from '../../../db/database.ts';
import { checkEvidence } from '../../../ingest/rules/evidence.ts';
import { Issues } from '../../../ingest/rules.ts';
import { STORED } from '../../../model/index.ts';
import type { DatasetRoles } from '../../accounts/accounts.ts';
import type { Catalog } from '../catalog.ts';
import { refuseIssues, type Author, type Fact } from './access.ts';
import { changeFact, factDateKeys, rowOf } from './change.ts';
import { checkPassage, passageLookups, type Passage } from './evidence.ts';
import { storedEvidence } from './fact-edit.ts';

export function corroborateFact(db: Database, catalog: Catalog, roles: DatasetRoles, id: string, input: { revision: number; evidence: Passage }, author: Author): Promise<Fact> {
  return changeFact(db, catalog, roles, { id, revision: input.revision, role: 'editor' }, author, async (_tx, current, model) => {
    const passage = input.evidence;
    const lookups = await passageLookups(db, current.dataset, passage, []);
    const issues = new Issues({ fieldInPath: true });
    // Reported where recording reports its evidence (`fact.evidence[0].quote`): the field the page shows it on is the same.
    const report = (field: string | undefined, message: string) => issues.add('', 'fact', current.id, field, message);
    const level = model.relation(current.type)?.evidence ?? 'quote';
    checkEvidence([{ source: passage.source, quote: passage.quote }], level, `relation type ${current.type}`, { sources: lookups.sources, ids: lookups.ids }, report);
    checkPassage(lookups.text, passage, issues, (field, message) => report(`evidence[0].${field}`, message));
    const stored = storedEvidence(current.properties);
    if (issues.count === 0 && stored.some((e) => e.source === passage.source && e.start === passage.start && e.end === passage.end)) {
      report('evidence[0].start', 'this passage is already evidence of the fact');
    }
    refuseIssues(issues);
    const all = [...stored, { source: passage.source, quote: passage.quote, start: passage.start, end: passage.end }];
    const properties = {
      ...current.properties,
      [STORED.evidenceSources]: all.map((e) => e.source),
      [STORED.evidenceQuotes]: all.map((e) => e.quote),
      [STORED.evidenceStarts]: all.map((e) => e.start),
      [STORED.evidenceEnds]: all.map((e) => e.end),
    };
    return { action: 'corroborate', row: rowOf(properties, factDateKeys(model, current)) };
  });
}
