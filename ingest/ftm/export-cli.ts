// `npm run export -- --format ftm [--ids ID,ID...] [--out FILE]`: the graph (or the named entities and the
// relationships among them) as FollowTheMoney NDJSON, with the sources its evidence cites as Documents.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from '../cli.ts';
import { connect } from '../connect.ts';
import { exportFtm } from './export.ts';

const USAGE = `usage: npm run export -- --format ftm [--ids ID,ID...] [--out FILE]
  --format ftm   FollowTheMoney entities, one JSON object per line (Aleph, OpenSanctions, \`ftm validate\`)
  --ids          only these entity ids and the relationships among them (default: the whole graph)
  --out FILE     write here (default: standard output)
Neo4j: NEO4J_URI (+ NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), or the embedded one (stop \`npm start\` first).`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { format: { type: 'string' }, ids: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  if (values.format !== 'ftm') throw new UsageError(`--format ftm is the format this command writes${values.format ? `, not '${values.format}'` : ''} (json, csv and graphml come from the API and the export menu)`);
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const connection = await connect((line) => console.error(line));
  try {
    const ids = values.ids?.split(',').map((s) => s.trim()).filter(Boolean);
    const counts = await exportFtm(connection.db, async (line) => {
      if (!out.write(line)) await once(out, 'drain');
    }, ids ? { ids } : {});
    if (values.out) await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
    console.error(`exported ${counts.entities} entities, ${counts.relations} relationships and ${counts.sources} source documents as FtM`);
    return 0;
  } finally {
    await connection.close();
  }
}

runCommand(() => main(process.argv.slice(2)), USAGE, 'exported');
