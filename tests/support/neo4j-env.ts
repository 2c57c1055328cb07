// Runs in each integration and e2e worker before its test file: the run's Neo4j credentials, which the
// global setup provides, into the worker's environment, as TEST_NEO4J_* for the tests' own connections
// (tests/support/db.ts) and NEO4J_* for the servers and command-line tools tests start as child processes.
import { inject } from 'vitest';

const username = inject('neo4jUsername');
const password = inject('neo4jPassword');
if (username) process.env.TEST_NEO4J_USERNAME = process.env.NEO4J_USERNAME = username;
if (password) process.env.TEST_NEO4J_PASSWORD = process.env.NEO4J_PASSWORD = password;
