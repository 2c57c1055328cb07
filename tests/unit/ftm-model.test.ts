// FollowTheMoney's model as ours: labels with inheritance, edges as relationship types, references, dates and ids.
import { describe, expect, it } from 'vitest';
import { civicSpaceModel } from '../../model/index.ts';
import { ftmModel, snakeUpper } from '../../ingest/ftm/model.ts';
import { atPrecision, fromFtmId, parseFtmDate, toFtmDate, toFtmId } from '../../ingest/ftm/convert.ts';
import { validateFtm } from '../../ingest/ftm/import.ts';
import { DatasetError } from '../../ingest/errors.ts';

const FIXTURES = 'tests/fixtures/ftm';

describe('FtM model as ours', () => {
  const plan = ftmModel();

  it('declares node schemata as labels, keeping civic space untouched (clashing names get an Ftm prefix)', () => {
    for (const label of ['Company', 'PublicBody', 'LegalEntity', 'Sanction', 'Document', 'Payment', 'FtmPerson', 'FtmOrganization', 'FtmEvent']) {
      expect(plan.model.label(label), label).toBeDefined();
    }
    expect(plan.model.label('Person')).toEqual(civicSpaceModel().label('Person'));
    expect(plan.label('Person')).toBe('FtmPerson');
    expect(plan.label('Ownership')).toBeUndefined();
    expect(plan.model.label('Thing')).toBeUndefined();
  });

  it('keeps inheritance: a Company is also an Organization and a LegalEntity, and goes wherever they go', () => {
    expect(plan.ancestors('Company')).toEqual(expect.arrayContaining(['FtmOrganization', 'LegalEntity', 'Asset']));
    expect(plan.model.relation('DIRECTORSHIP')!.to).toEqual(expect.arrayContaining(['FtmOrganization', 'Company', 'PublicBody']));
    expect(plan.model.relation('OWNERSHIP')!.from).toEqual(expect.arrayContaining(['FtmPerson', 'Company', 'LegalEntity']));
  });

  it('derives captions, document-level evidence, distinct colours and valid shapes', () => {
    const labels = Object.values(plan.extension.labels);
    expect(labels.every((l) => l.caption === 'name' && l.evidence === 'document')).toBe(true);
    expect(new Set(labels.map((l) => l.color)).size).toBe(labels.length);
    expect(ftmModel().extension).toEqual(plan.extension);
  });

  it('turns two-ended edge schemata into relationship types with their properties, and others into nodes', () => {
    for (const edge of ['Ownership', 'Directorship', 'Membership', 'Employment', 'Family', 'Associate', 'UnknownLink', 'Representation', 'Succession', 'Debt', 'Documentation', 'Occupancy', 'CourtCaseParty', 'ProjectParticipant']) {
      expect(plan.edge(edge)?.type, edge).toBe(snakeUpper(edge));
    }
    expect(plan.model.relation('OWNERSHIP')!.properties.percentage).toMatchObject({ type: 'string[]' });
    expect(plan.model.relation('DIRECTORSHIP')!.properties.startDate).toMatchObject({ type: 'date' });
    // Payment names payer, beneficiary, their accounts, a contract and a project: it stays a node.
    expect(plan.label('Payment')).toBe('Payment');
    expect(plan.reference('Payment', 'payer')?.type).toBe('PAYMENT_PAYER');
    expect(plan.reference('Sanction', 'entity')?.type).toBe('SANCTION_ENTITY');
    expect(plan.reference('Company', 'parent')?.type).toBe('LEGAL_ENTITY_PARENT');
    expect(plan.model.label('FtmPerson')!.properties.birthDate).toMatchObject({ type: 'date' });
    expect(plan.model.label('FtmPerson')!.properties.name).toBeUndefined();
  });
});

describe('FtM ids and dates', () => {
  it('maps ids both ways without loss', () => {
    for (const id of ['org/aeem', 'rel/dissolved-aeem', 'src/amnesty_2024', 'p.x-1/y']) {
      expect(fromFtmId(toFtmId(id))).toBe(id);
      expect(toFtmId(id)).toMatch(/^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$/);
    }
    expect(fromFtmId('NK-Brass1')).toBe('nk-brass1');
    expect(fromFtmId('-bad')).toHaveProperty('error');
  });

  it('reads date prefixes with their precision and writes ours back as prefixes', () => {
    expect(parseFtmDate('2021')).toEqual({ on: '2021', precision: 'year' });
    expect(parseFtmDate('2021-08')).toEqual({ on: '2021-08', precision: 'month' });
    expect(parseFtmDate('2021-08-14T10:00:00Z')).toEqual({ on: '2021-08-14', precision: 'day' });
    expect(parseFtmDate('2021-13')).toHaveProperty('error');
    expect(parseFtmDate('14/08/2021')).toHaveProperty('error');
    expect(toFtmDate('2024-03-01', 'month')).toBe('2024-03');
    expect(toFtmDate('2024-01-01', 'year')).toBe('2024');
    expect(atPrecision('2023', 'year', 'month')).toBe('2023-12');
    expect(atPrecision('2023-02', 'month', 'day')).toBe('2023-02-28');
    expect(atPrecision('2023-02-11', 'day', 'month')).toBe('2023-02');
  });
});

describe('FtM files through the ingest rules (no database)', () => {
  it('accepts the fictitious stream: proof documents become sources, edges relations', async () => {
    const result = await validateFtm([`${FIXTURES}/fictional.ftm.json`]);
    expect(result.records).toEqual({ sources: 2, entities: 15, relations: 21 });
  });

  it('reports every problem of a broken file at once, precisely', async () => {
    const error = await validateFtm([`${FIXTURES}/broken.ftm.json`]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const issues = (error as DatasetError).issues.map((i) => ({ path: i.path, id: i.id, field: i.field }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'line 3', id: 'x-1', field: 'schema' },
        { path: 'line 4', id: 'own-b', field: 'to' },
        { path: 'line 5', id: 'ev-b', field: 'properties.date' },
      ]),
    );
    expect(issues).toHaveLength(3);
  });
});
