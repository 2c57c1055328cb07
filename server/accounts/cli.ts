// `npm run user -- ...`: accounts from the command line (the first admin, grants, tokens), on the same store the server uses.
import { parseArgs } from 'node:util';
import { loadDatabaseConfig } from '../../db/config.ts';
import { runCommand, UsageError } from '../../ingest/cli.ts';
import { authConfigFromEnv } from '../config.ts';
import { Accounts } from './accounts.ts';
import { ROLES, type PrincipalKind, type Role } from './grants.ts';
import { firstPassword, hashPassword } from './passwords.ts';
import { USERNAME, type User } from './users.ts';

const USAGE = `usage: npm run user -- COMMAND
  add USERNAME [--name "Display Name"] [--admin] [--group GROUP]...   a local account; prints its first password once
  list                                                                 every account, its groups and grants
  grant (USERNAME | group:NAME | everyone) DATASET ROLE                 ROLE: ${ROLES.join(', ')}
  revoke (USERNAME | group:NAME | everyone) DATASET
  token USERNAME NAME [--days N]                                       a personal API token (default 90 days); printed once
  password USERNAME                                                    a new password, printed once; ends the user's sessions
  disable USERNAME | enable USERNAME                                   disabling ends the user's sessions at once
The store: ACCOUNTS_DB, or accounts.sqlite beside the embedded database (NEO4J_DATA_DIR); the server may be running.`;

function userNamed(accounts: Accounts, username: string | undefined): User {
  if (!username) throw new UsageError('name a user');
  const found = accounts.users.forSignIn(username);
  if (!found) throw new UsageError(`no user '${username}' (npm run user -- list)`);
  return found.user;
}

function principalOf(accounts: Accounts, who: string | undefined): { kind: PrincipalKind; principal: string } {
  if (!who) throw new UsageError('name a user, group:NAME or everyone');
  if (who === 'everyone') return { kind: 'everyone', principal: '*' };
  if (who.startsWith('group:')) return { kind: 'group', principal: who.slice('group:'.length) };
  return { kind: 'user', principal: userNamed(accounts, who).id };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, admin: { type: 'boolean' }, group: { type: 'string', multiple: true }, days: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.error(USAGE);
    return command || values.help ? 0 : 2;
  }
  const auth = authConfigFromEnv({ ...process.env, API_TOKEN: '' }, loadDatabaseConfig().embedded.dataDir);
  const accounts = Accounts.open(auth.storeFile, { sessionLifetimeMs: auth.sessionHours * 3_600_000 });
  const audit = (action: string, target: string, detail?: Record<string, unknown>) => accounts.audit.record({ actor: 'command line', address: 'local', action, target, outcome: 'ok', ...(detail ? { detail } : {}) });
  try {
    switch (command) {
      case 'add': {
        const [username] = rest;
        if (!username || !USERNAME.test(username)) throw new UsageError('add: a username of letters, digits and . _ - @ (at most 64)');
        if (accounts.users.forSignIn(username)) throw new UsageError(`add: '${username}' is taken`);
        const password = firstPassword();
        const user = accounts.users.create({ username, ...(values.name ? { displayName: values.name } : {}), isAdmin: values.admin === true, passwordHash: await hashPassword(password) });
        for (const group of values.group ?? []) accounts.users.addToGroup(user.id, group);
        audit('user.create', user.id, { username, isAdmin: user.isAdmin, groups: values.group ?? [] });
        console.log(`${user.isAdmin ? 'admin' : 'user'} ${username} created; first password (shown once, hand it over safely):\n${password}`);
        return 0;
      }
      case 'list': {
        for (const user of accounts.users.list()) {
          const grants = accounts.grants.list().filter((g) => g.kind === 'user' && g.principal === user.id).map((g) => `${g.dataset}:${g.role}`);
          const groups = accounts.users.groupsOf(user.id);
          console.log(`${user.username}${user.isAdmin ? ' (admin)' : ''}${user.disabled ? ' (disabled)' : ''}${user.oidc ? ' (single sign-on)' : ''}${groups.length ? ` groups: ${groups.join(', ')}` : ''}${grants.length ? ` grants: ${grants.join(', ')}` : ''}`);
        }
        for (const g of accounts.grants.list().filter((g) => g.kind !== 'user')) console.log(`${g.kind === 'everyone' ? 'everyone' : `group:${g.principal}`} ${g.dataset}:${g.role}`);
        return 0;
      }
      case 'grant':
      case 'revoke': {
        const [who, dataset, role] = rest;
        const { kind, principal } = principalOf(accounts, who);
        if (!dataset) throw new UsageError(`${command}: name a dataset`);
        if (command === 'grant') {
          if (!ROLES.includes(role as Role)) throw new UsageError(`grant: ROLE is one of ${ROLES.join(', ')}`);
          accounts.grants.grant(dataset, kind, principal, role as Role, 'command line');
        } else if (!accounts.grants.revoke(dataset, kind, principal)) {
          throw new UsageError(`revoke: ${who} holds no grant on ${dataset}`);
        }
        audit(command === 'grant' ? 'grant' : 'grant.revoke', dataset, { kind, principal, role });
        console.log(`${command === 'grant' ? `granted ${role} on ${dataset} to` : `revoked the grant on ${dataset} of`} ${who}`);
        return 0;
      }
      case 'token': {
        const [username, name] = rest;
        const user = userNamed(accounts, username);
        if (!name) throw new UsageError('token: name what it is for');
        const days = Number(values.days ?? '90');
        if (!Number.isInteger(days) || days < 1 || days > 366) throw new UsageError('token: --days is 1 to 366');
        const { secret, token } = accounts.tokens.create(user.id, name, new Date(Date.now() + days * 86_400_000));
        audit('token.create', token.id, { name, days });
        console.log(`token '${name}' for ${user.username}, until ${token.expiresAt.slice(0, 10)} (shown once; send as Authorization: Bearer):\n${secret}`);
        return 0;
      }
      case 'password': {
        const user = userNamed(accounts, rest[0]);
        const password = firstPassword();
        accounts.users.setPassword(user.id, await hashPassword(password));
        const ended = accounts.sessions.revokeUser(user.id);
        audit('password.reset', user.id, { sessionsEnded: ended });
        console.log(`new password for ${user.username} (shown once):\n${password}`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const user = userNamed(accounts, rest[0]);
        accounts.users.setDisabled(user.id, command === 'disable');
        const ended = command === 'disable' ? accounts.sessions.revokeUser(user.id) : 0;
        audit(`user.${command}`, user.id, { sessionsEnded: ended });
        console.log(`${user.username} ${command}d${ended ? `; ${ended} session(s) ended` : ''}`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } finally {
    accounts.close();
  }
}

runCommand(() => main(process.argv.slice(2)), USAGE, 'changed');
