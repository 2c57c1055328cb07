// FollowTheMoney files whose entities name no `proof` (most public FtM files): refused with one problem line that
// names the fix (--source-url, --publisher) and how many entities it concerns, not a problem or two per entity;
// accepted once the file's own address is given, every such fact citing the file as a whole.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError, formatIssue } from '../../ingest/errors.ts';
import { validateFtm } from '../../ingest/ftm/import.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ftm-unsourced-'));
const file = path.join(dir, 'register.ftm.json');
// Fictitious: two companies and a person without proof or sourceUrl, a directorship between them, and one entity with its own sourceUrl.
writeFileSync(
  file,
  [
    { id: 'co-1', schema: 'Company', properties: { name: ['Brassfield Holdings Ltd'], incorporationDate: ['2011-04'] } },
    { id: 'co-2', schema: 'Company', properties: { name: ['Kettleworth Trading'] } },
    { id: 'p-1', schema: 'Person', properties: { name: ['Bram Example'] } },
    { id: 'dir-1', schema: 'Directorship', properties: { director: ['p-1'], organization: ['co-1'], startDate: ['2016-02-01'] } },
    { id: 'co-3', schema: 'Company', properties: { name: ['Cited Ltd'], sourceUrl: ['https://registry.example.org/co-3'] } },
  ].map((e) => `${JSON.stringify(e)}\n`).join(''),
);

describe('an FtM file without proof', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gets one problem line naming the fix and the count of entities it concerns', async () => {
    const error = await validateFtm([file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const issues = (error as DatasetError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'line 1', field: 'proof' });
    expect(formatIssue(issues[0]!)).toContain("4 FtM entities name no proof and no sourceUrl, so nothing says where they come from: give the file's own address with --source-url URL (and --publisher NAME)");
  });

  it('imports once --source-url names the file: every such fact cites the file as a whole', async () => {
    const result = await validateFtm([file], { sourceUrl: 'https://registry.example.org/dump', publisher: 'Example Registry' });
    // The file's own source and the one its sourceUrl names; four entities and a relation.
    expect(result.records).toEqual({ sources: 2, entities: 4, relations: 1 });
  });
});
