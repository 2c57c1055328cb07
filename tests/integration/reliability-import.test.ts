// Import faults: broken dataset files of many kinds each give a precise error and leave the database
// exactly as it was (same counts, same checksum of ids and properties); so does an import killed midway.
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../ingest/dataset/loader.ts';
import { importBulk } from '../../ingest/bulk/importer.ts';
import { recoverUnfinishedImports } from '../../ingest/bulk/runs.ts';
import { resetDatabase, testDatabase } from '../support/db.ts';
import { fingerprint, waitFor, type Fingerprint } from '../support/reliability.ts';
import { expectRefused, startIngestCommand, fixtureDataset } from './seed-support.ts';

const DECREE =
  "Par arrêté du 6 mars 2024, le Ministre de l'Administration Territoriale déclare que l'Association des Élèves est dissoute " +
  'pour atteinte à l’ordre public.';

/** A small valid dataset; each case breaks a copy of it. */
function baseDataset() {
  return fixtureDataset('test/reliability', 'Reliability fixture', {
    sources: [
      { id: 'src/decree', title: 'Decree', publisher: 'Journal officiel', url: 'https://example.org/decree', published: '2024-03-06', language: 'fr', textFile: 'decree.txt' },
      {
        id: 'src/statement',
        title: 'Statement',
        publisher: 'Example',
        url: 'https://example.org/statement',
        language: 'en',
        excerpt: 'The association is accused of disturbing public order.',
      },
    ],
    entities: [
      {
        id: 'org/assoc',
        type: 'Organization',
        name: 'Association des Élèves',
        aliases: ['AEEM', { name: 'Association des eleves', language: 'fr' }],
        evidence: [{ source: 'src/decree', quote: "l'Association des Élèves est dissoute" }],
      },
      { id: 'auth/ministry', type: 'Authority', name: 'Ministry of Territorial Administration', evidence: [{ source: 'src/decree', quote: "le Ministre de l'Administration Territoriale" }] },
      { id: 'person/spokes', type: 'Person', name: 'Jane Spokes', evidence: [{ source: 'src/statement', quote: 'The association is accused' }] },
    ],
    relations: [
      {
        id: 'rel/dissolved-assoc',
        type: 'DISSOLVED',
        from: 'auth/ministry',
        to: 'org/assoc',
        date: { on: '2024-03-06', inferred: false, source: 'src/decree' },
        evidence: [{ source: 'src/decree', quote: "l'Association des Élèves est dissoute" }],
      },
      {
        id: 'rel/accused-assoc',
        type: 'ACCUSED',
        from: 'auth/ministry',
        to: 'org/assoc',
        properties: { words: 'disturbing public order' },
        evidence: [{ source: 'src/statement', quote: 'accused of disturbing public order' }],
      },
    ],
  });
}

type Dataset = ReturnType<typeof baseDataset>;

interface BrokenCase {
  name: string;
  /** The file's bytes (YAML unless the name ends in .json), written next to decree.txt. */
  file: (dir: string) => string;
  /** What the error must say: matched against the issues' paths, fields and messages. */
  expect: RegExp;
}

const yamlOf = (mutate: (d: Dataset) => void): string => {
  const d = baseDataset();
  mutate(d);
  return stringify(d);
};

function writeCase(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

const CASES: BrokenCase[] = [
  {
    name: 'truncated YAML (cut inside a quoted string)',
    file: (dir) => {
      const full = stringify(baseDataset(), { defaultStringType: 'QUOTE_DOUBLE' });
      return writeCase(dir, 'truncated.yaml', full.slice(0, full.indexOf('"Ministry of Territorial') + 10));
    },
    expect: /cannot be read as YAML \(line \d+, column \d+\).*(quote|end of|closing)/i,
  },
  {
    name: 'truncated YAML (cut at a line end: lists lose their items)',
    file: (dir) => {
      const full = stringify(baseDataset());
      return writeCase(dir, 'truncated-lines.yaml', full.slice(0, full.indexOf('entities:')));
    },
    expect: /entities.*(required|needs at least one entity)/,
  },
  {
    name: 'YAML syntax error (bad indentation)',
    file: (dir) => writeCase(dir, 'indent.yaml', stringify(baseDataset()).replace('\nsources:\n  - id', '\nsources:\n - id:\n    - x: [')),
    expect: /cannot be read as YAML \(line \d+/,
  },
  {
    name: 'duplicate keys in a mapping',
    file: (dir) => writeCase(dir, 'dupkey.yaml', stringify(baseDataset()).replace('  title: Reliability fixture', '  title: Reliability fixture\n  title: Again')),
    expect: /cannot be read as YAML.*[Mm]ap keys must be unique/,
  },
  {
    name: 'JSON syntax error',
    file: (dir) => writeCase(dir, 'broken.json', JSON.stringify(baseDataset()).slice(0, -40) + ',}'),
    expect: /cannot be read as JSON \(line \d+/,
  },
  {
    name: 'wrong types (name a number, evidence a string, inferred a string)',
    file: (dir) =>
      writeCase(
        dir,
        'types.yaml',
        yamlOf((d) => {
          (d.entities[0] as Record<string, unknown>).name = 42;
          (d.entities[1] as Record<string, unknown>).evidence = 'see the decree';
          (d.relations[0]!.date as Record<string, unknown>).inferred = 'no';
        }),
      ),
    expect: /(?=[\s\S]*org\/assoc name: must be string, got number 42)(?=[\s\S]*auth\/ministry evidence: must be array)(?=[\s\S]*rel\/dissolved-assoc date\.inferred: must be true or false)/,
  },
  {
    name: 'duplicate ids',
    file: (dir) => writeCase(dir, 'dupid.yaml', yamlOf((d) => d.entities.push({ ...d.entities[2]!, name: 'Someone else' }))),
    expect: /duplicate id: 'person\/spokes' is already used at entities\[2\]/,
  },
  {
    name: 'dangling relation endpoint',
    file: (dir) => writeCase(dir, 'dangling.yaml', yamlOf((d) => (d.relations[1]!.to = 'org/nowhere'))),
    expect: /rel\/accused-assoc to: .*org\/nowhere/,
  },
  {
    name: 'quote not in its source',
    file: (dir) => writeCase(dir, 'quote.yaml', yamlOf((d) => (d.entities[0]!.evidence[0]!.quote = "l'Association des Élèves est félicitée"))),
    expect: /org\/assoc evidence\[0\]\.quote: quote not found in source 'src\/decree'/,
  },
  {
    name: 'quote not in the excerpt of a source whose text is not held',
    file: (dir) => writeCase(dir, 'excerpt.yaml', yamlOf((d) => (d.entities[2]!.evidence[0]!.quote = 'The association is praised'))),
    expect: /person\/spokes evidence\[0\]\.quote: quote not found in the excerpt of source 'src\/statement'/,
  },
  {
    name: 'impossible dates (30 February, month 13, end before start)',
    file: (dir) =>
      writeCase(
        dir,
        'dates.yaml',
        yamlOf((d) => {
          d.relations[0]!.date = { on: '2023-02-30', inferred: false, source: 'src/decree' };
          d.sources[0]!.published = '2024-13';
          (d.relations[1] as Record<string, unknown>).date = { on: '2024-03-06', until: '2024-03-01', inferred: true };
        }),
      ),
    expect: /(?=[\s\S]*'2023-02-30' does not exist \(2023-02 has 28 days\))(?=[\s\S]*'2024-13' has no month 13)(?=[\s\S]*'2024-03-01' is before date\.on)/,
  },
  {
    name: 'unknown entity type and relation type not allowed between those types',
    file: (dir) =>
      writeCase(
        dir,
        'types2.yaml',
        yamlOf((d) => {
          d.entities[2]!.type = 'Wizard';
          d.relations[0]!.from = 'org/assoc';
        }),
      ),
    expect: /(?=[\s\S]*person\/spokes type: unknown entity type 'Wizard')(?=[\s\S]*rel\/dissolved-assoc from: DISSOLVED cannot start at 'org\/assoc')/,
  },
  {
    name: 'required property missing (an accusation without its words) and an undeclared property',
    file: (dir) =>
      writeCase(
        dir,
        'props.yaml',
        yamlOf((d) => {
          d.relations[1]!.properties = { tone: 'angry' } as never;
        }),
      ),
    expect: /(?=[\s\S]*rel\/accused-assoc properties\.words: is required)(?=[\s\S]*'tone' is not a property of relation type ACCUSED)/,
  },
  {
    name: 'missing evidence',
    file: (dir) => writeCase(dir, 'noevidence.yaml', yamlOf((d) => (d.entities[1]!.evidence = []))),
    expect: /auth\/ministry evidence: needs at least one piece of evidence/,
  },
  {
    name: 'ids with markup and spaces',
    file: (dir) => writeCase(dir, 'ids.yaml', yamlOf((d) => (d.entities[2]!.id = '<script>alert(1)</script>'))),
    expect: /id: must be a lowercase slug/,
  },
  {
    name: 'source text file missing',
    file: (dir) => writeCase(dir, 'notext.yaml', yamlOf((d) => (d.sources[0]!.textFile = 'missing.txt'))),
    expect: /cannot read the source text .*missing\.txt/,
  },
  {
    name: 'invalid UTF-8 in the dataset file',
    file: (dir) => {
      const text = Buffer.from(stringify(baseDataset()), 'utf8');
      const at = text.indexOf('Élèves');
      return writeCase(dir, 'latin1.yaml', Buffer.concat([text.subarray(0, at), Buffer.from([0xc9, 0x6c, 0xe8, 0x76]), text.subarray(at + 4)]));
    },
    expect: /latin1\.yaml: \(file\): cannot read the dataset file: it is not valid UTF-8 \(first bad byte at line \d+, column \d+\)/,
  },
  {
    name: 'invalid UTF-8 in a source text',
    file: (dir) => {
      writeCase(dir, 'decree-latin1.txt', Buffer.from(DECREE, 'latin1'));
      return writeCase(dir, 'latin1-source.yaml', yamlOf((d) => (d.sources[0]!.textFile = 'decree-latin1.txt')));
    },
    expect: /src\/decree textFile: cannot read the source text .*decree-latin1\.txt: it is not valid UTF-8 \(first bad byte at line 1, column \d+\)/,
  },
  {
    name: 'a binary file (PNG bytes) named .yaml',
    file: (dir) => writeCase(dir, 'picture.yaml', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')),
    expect: /picture\.yaml: \(file\): cannot read the dataset file: it is not valid UTF-8/,
  },
  {
    name: 'an empty file',
    file: (dir) => writeCase(dir, 'empty.yaml', ''),
    expect: /empty\.yaml: \(file\): the file is empty/,
  },
  {
    name: 'a YAML alias bomb (billion laughs)',
    file: (dir) => {
      const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
      return writeCase(dir, 'bomb.yaml', lines.join('\n') + '\nmetadata: *a9\n');
    },
    expect: /bomb\.yaml: \(file\): cannot be read as YAML: .*[Ee]xcessive alias count/,
  },
  {
    name: 'a 200 MB file',
    file: (dir) => {
      // Well-formed: a 200 MB note in the metadata, then the rest of the valid dataset.
      const file = path.join(dir, 'huge.yaml');
      const { metadata, ...rest } = baseDataset();
      const fd = openSync(file, 'w');
      writeSync(fd, `metadata:\n  id: ${metadata.id}\n  title: ${metadata.title}\n  notes: |\n`);
      const block = ('    ' + 'x'.repeat(1019) + '\n').repeat(1024);
      for (let i = 0; i < 200; i++) writeSync(fd, block);
      writeSync(fd, stringify(rest));
      closeSync(fd);
      return file;
    },
    expect: /huge\.yaml: \(file\): the file is 200 MiB; a dataset file may be at most 64 MiB/,
  },
];

const NODE_HEADER = 'id:ID,:LABEL,name,aliases:string[],evidenceSources:string[],evidenceQuotes:string[]';
const GOOD_NODE = `org/bulk-good,Organization,Bulk Good,BG,src/decree,l'Association des Élèves est dissoute`;
const REL_HEADER = ':START_ID,:END_ID,:TYPE,id,words,evidenceSources:string[],evidenceQuotes:string[]';

interface BrokenBulkCase {
  name: string;
  /** Writes the files of one bulk import; answers their paths. */
  files: (dir: string) => string[];
  expect: RegExp;
}

/** Broken bulk files (ingest/bulk): the streaming CSV/NDJSON importer must refuse them before any write. */
const BULK_CASES: BrokenBulkCase[] = [
  {
    name: 'CSV with its header line missing',
    files: (dir) => [writeCase(dir, 'noheader.csv', `${GOOD_NODE}\norg/bulk-two,Organization,Two,,src/decree,le Ministre\n`)],
    expect: /noheader\.csv: header: a nodes file needs exactly one :ID column/,
  },
  {
    name: 'CSV header with an unknown column type',
    files: (dir) => [writeCase(dir, 'badtype.csv', `${NODE_HEADER.replace('name', 'name:varchar')}\n${GOOD_NODE}\n`)],
    expect: /badtype\.csv: header: column 3 'name:varchar': type 'varchar' is not supported/,
  },
  {
    name: 'CSV row with too few fields',
    files: (dir) => [writeCase(dir, 'short.csv', `${NODE_HEADER}\n${GOOD_NODE}\norg/bulk-short,Organization,Short\n`)],
    expect: /short\.csv: org\/bulk-short: has 3 fields but the header has 6 columns/,
  },
  {
    name: 'CSV with a quoted field never closed',
    files: (dir) => [writeCase(dir, 'unclosed.csv', `${NODE_HEADER}\n${GOOD_NODE}\norg/bulk-open,Organization,"Open quote,,src/decree,x\n`)],
    expect: /unclosed\.csv: org\/bulk-open: a quoted field is not closed before the end of the file/,
  },
  {
    name: 'CSV relationship to an id that exists nowhere',
    files: (dir) => [
      writeCase(dir, 'dangling-nodes.csv', `${NODE_HEADER}\n${GOOD_NODE}\n`),
      writeCase(dir, 'dangling-rels.csv', `${REL_HEADER}\nauth/ministry,org/ghost,ACCUSED,rel/bulk-ghost,traitors,src/statement,accused of disturbing public order\n`),
    ],
    expect: /dangling-rels\.csv: .*org\/ghost/,
  },
  {
    name: 'CSV quote that is not in its source',
    files: (dir) => [writeCase(dir, 'badquote.csv', `${NODE_HEADER}\norg/bulk-q,Organization,Bulk Q,,src/decree,this sentence is not in the decree\n`)],
    expect: /badquote\.csv: .*quote not found in source 'src\/decree'/,
  },
  {
    name: 'CSV with invalid UTF-8',
    files: (dir) => [writeCase(dir, 'latin1.csv', Buffer.concat([Buffer.from(`${NODE_HEADER}\norg/bulk-l,Organization,`), Buffer.from('Élèves', 'latin1'), Buffer.from(",,src/decree,le Ministre\n")]))],
    expect: /latin1\.csv: org\/bulk-l: holds bytes that are not valid UTF-8/,
  },
  {
    name: 'NDJSON with a broken line',
    files: (dir) => [
      writeCase(
        dir,
        'broken.ndjson',
        JSON.stringify({ id: 'org/bulk-n', type: 'Organization', name: 'Bulk N', evidence: [{ source: 'src/decree', quote: 'le Ministre' }] }) + '\n{"id": "org/bulk-m", "type": "Organiz\n',
      ),
    ],
    expect: /broken\.ndjson: line 2.*is not JSON/,
  },
  {
    name: 'a bulk file of an unknown kind',
    files: (dir) => [writeCase(dir, 'data.txt', 'id,name\n')],
    expect: /data\.txt: header: is neither \.csv nor \.ndjson/,
  },
];

describe('import faults leave the database unchanged', () => {
  const db = testDatabase();
  let dir: string;
  let before: Fingerprint;

  beforeAll(async () => {
    await resetDatabase(db);
    dir = mkdtempSync(path.join(os.tmpdir(), 'civic-graph-import-'));
    writeFileSync(path.join(dir, 'decree.txt'), DECREE);
    const good = writeCase(dir, 'good.yaml', stringify(baseDataset()));
    await loadDatasetFile(db, good);
    before = await fingerprint(db);
    // Two sources, three entities and the record of the dataset file.
    expect(before.nodes).toBe(6);
    expect(before.relationships).toBe(2);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await resetDatabase(db);
    await db.close();
  });

  /** Each broken input: a precise error naming the file, no write, and the figures for RELIABILITY.md. */
  async function refused(label: string, name: string, load: () => Promise<unknown>, expected: RegExp): Promise<string> {
    const started = Date.now();
    const error = await expectRefused(db, load, { before, checksum: fingerprint });
    const ms = Date.now() - started;
    expect(error.message).toMatch(expected);
    const issues = error.issues.map((i) => `${path.basename(i.file)} ${i.id ?? i.path ?? ''} ${i.field ?? ''}: ${i.message}`.trim().slice(0, 160));
    console.log(`[figures] ${label} '${name}': rejected in ${ms} ms; writes leaked: 0\n  ${issues.join('\n  ')}`);
    return error.message;
  }

  it.each(CASES.map((c) => [c.name, c] as const))('%s: precise error, no write', { timeout: 120_000 }, async (name, broken) => {
    const file = broken.file(dir);
    const message = await refused('broken import', name, () => loadDatasetFile(db, file), broken.expect);
    // The error names the file it is about.
    expect(message).toContain(dir);
  });

  it.each(BULK_CASES.map((c) => [c.name, c] as const))('bulk: %s: precise error, no write', { timeout: 120_000 }, async (name, broken) => {
    const files = broken.files(dir);
    await refused('broken bulk import', name, () => importBulk(db, files), broken.expect);
  });

  it('reloading the good file changes nothing (the loader is idempotent)', async () => {
    await loadDatasetFile(db, path.join(dir, 'good.yaml'));
    expect(await fingerprint(db)).toEqual(before);
  });

  it('an import process killed in the middle of its transaction leaves the database as it was', { timeout: 240_000 }, async () => {
    // A large valid dataset, so that the single write transaction runs long enough to be interrupted.
    const big = baseDataset();
    const count = 20_000;
    for (let i = 0; i < count; i++) {
      big.entities.push({ id: `person/bulk-${i}`, type: 'Person', name: `Bulk Person ${i}`, evidence: [{ source: 'src/statement', quote: 'The association is accused' }] });
    }
    const file = writeCase(dir, 'big.yaml', stringify(big));
    const child = startIngestCommand('ingest/seed-cli.ts', [file]);
    // Wait until the loader's write transaction is running in Neo4j, then kill the process outright.
    const writing = async () => {
      const { rows } = await db.read(
        "SHOW TRANSACTIONS YIELD currentQuery, status, transactionId WHERE currentQuery CONTAINS 'UNWIND' AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN count(*) AS n",
      );
      return Number(rows[0]?.n ?? 0) > 0;
    };
    await waitFor(writing, 120_000, 20);
    child.kill();
    expect(await child.exited).toBeNull();
    // Neo4j rolls back a transaction whose client vanished; wait until it has.
    const rolledBackMs = await waitFor(async () => !(await writing()), 60_000, 100);
    const after = await fingerprint(db);
    console.log(`[figures] import killed mid-transaction: rolled back ${rolledBackMs} ms after the kill; nodes ${after.nodes} (before ${before.nodes}); checksum ${after.checksum === before.checksum ? 'unchanged' : 'CHANGED'}`);
    expect(child.output()).not.toMatch(/loaded .*big\.yaml/);
    expect(after).toEqual(before);
  });

  it('a bulk import killed after some batches committed is rolled back by recovery, leaving the database as it was', { timeout: 240_000 }, async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `org/killed-${i},Organization,Killed Org ${i},,src/decree,le Ministre`);
    const file = writeCase(dir, 'killed.csv', `${NODE_HEADER}\n${rows.join('\n')}\n`);
    const child = startIngestCommand('ingest/import-cli.ts', ['--batch-size', '500', '--concurrency', '1', '--pause-after', '3', file]);
    await waitFor(async () => /paused after 3 batches/.test(child.output()), 120_000, 50);
    const midway = await fingerprint(db);
    // Really midway: some batches are committed, not all of them.
    expect(midway.nodes).toBeGreaterThan(before.nodes);
    expect(midway.nodes).toBeLessThan(before.nodes + rows.length);
    child.kill();
    expect(await child.exited).toBeNull();
    const started = Date.now();
    const report = await recoverUnfinishedImports(db);
    const recoveredMs = Date.now() - started;
    const after = await fingerprint(db);
    console.log(`[figures] bulk import killed after 3 committed batches (${midway.nodes - before.nodes} nodes written): recovery deleted ${JSON.stringify(report?.deleted)} in ${recoveredMs} ms; checksum ${after.checksum === before.checksum ? 'unchanged' : 'CHANGED'}`);
    expect(report?.outcome).toBe('rolled-back');
    expect(after).toEqual(before);
  });
});
