// Opens the database the command-line tools write to: NEO4J_URI when set, else the embedded Neo4j on its data directory.
import { loadDatabaseConfig } from '../db/config.ts';
import { Database } from '../db/database.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../db/embedded-neo4j.ts';

export interface Connection {
  db: Database;
  close(): Promise<void>;
}

export async function connect(log: (line: string) => void): Promise<Connection> {
  const config = loadDatabaseConfig();
  let embedded: EmbeddedNeo4j | undefined;
  let uri = config.neo4j.uri;
  if (!uri) {
    log(`starting embedded Neo4j (data in ${config.embedded.dataDir})...`);
    embedded = await startEmbeddedNeo4j({ ...config.embedded, log });
    uri = embedded.uri;
  }
  // The embedded Neo4j has its own password (kept by the launcher), whatever NEO4J_PASSWORD says.
  const db = new Database({ ...config.neo4j, uri, ...(embedded ? { username: embedded.username, password: embedded.password } : {}) });
  return {
    db,
    async close() {
      await db.close();
      await embedded?.stop();
    },
  };
}
