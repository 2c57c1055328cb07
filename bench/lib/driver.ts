// The benchmark's direct line to Neo4j through neo4j-driver, bypassing db/database.ts on purpose (the
// one exception to "only db.ts imports neo4j-driver"): the API/direct ratio and LOAD CSV need it.
import neo4j, { type Driver, type Record as Neo4jRecord } from 'neo4j-driver';

export interface Direct {
  driver: Driver;
  /** Runs a read query in a managed read transaction (as db.ts does) and consumes every record, converting nothing. */
  read(cypher: string, params: Record<string, unknown>): Promise<number>;
  /** Runs a read query and answers the driver's own records. */
  records(cypher: string, params: Record<string, unknown>): Promise<Neo4jRecord[]>;
  /** An auto-commit query, the only kind that may use CALL {} IN TRANSACTIONS (LOAD CSV). */
  autoCommit(cypher: string, params?: Record<string, unknown>): Promise<{ ms: number; counters: Record<string, number> }>;
  close(): Promise<void>;
}

/** Whole numbers become Neo4j integers (LIMIT refuses floats), as db/database.ts sends them. */
export function integers(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(integers);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, integers(v)]));
  }
  return value;
}

export function openDirect(uri: string, credentials: { username?: string; password?: string } = {}): Direct {
  const auth = credentials.password ? neo4j.auth.basic(credentials.username ?? 'neo4j', credentials.password) : undefined;
  const driver = neo4j.driver(uri, auth, { maxConnectionPoolSize: 50, logging: { level: 'error', logger: () => {} } });
  return {
    driver,
    async read(cypher, params) {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        return await session.executeRead(async (tx) => {
          const result = await tx.run(cypher, integers(params) as Record<string, unknown>);
          return result.records.length;
        });
      } finally {
        await session.close();
      }
    },
    async records(cypher, params) {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        return await session.executeRead(async (tx) => (await tx.run(cypher, integers(params) as Record<string, unknown>)).records);
      } finally {
        await session.close();
      }
    },
    async autoCommit(cypher, params = {}) {
      const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
      const started = performance.now();
      try {
        const result = await session.run(cypher, integers(params) as Record<string, unknown>);
        const updates = result.summary.counters.updates();
        return { ms: performance.now() - started, counters: { ...updates } };
      } finally {
        await session.close();
      }
    },
    close: () => driver.close(),
  };
}
