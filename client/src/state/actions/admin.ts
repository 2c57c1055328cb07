// Actions of the administration panel: accounts, grants, live sessions; each answers the server's refusal to the form that asked, which shows it beside its fields.
import {
  createUser,
  putGrant,
  revokeGrant,
  revokeSession,
  setUserDisabled,
  type AccountUser,
  type CreatedUser,
  type GrantKind,
  type Role,
} from '../../api.ts';
import { ActionGroup } from './group.ts';

export class AdminActions extends ActionGroup {
  /** A new local account; its first password is in this answer only. */
  addUser(user: { username: string; displayName?: string; isAdmin: boolean; groups: string[] }): Promise<CreatedUser> {
    const displayName = user.displayName?.trim();
    return createUser({ username: user.username.trim(), ...(displayName ? { displayName } : {}), isAdmin: user.isAdmin, groups: user.groups.map((g) => g.trim()).filter(Boolean) });
  }

  /** Disabling ends the account's sessions at once. */
  async setUserDisabled(id: string, disabled: boolean): Promise<AccountUser> {
    return (await setUserDisabled(id, disabled)).user;
  }

  async endSession(handle: string): Promise<void> {
    await revokeSession(handle);
  }

  /** Grants a role on a dataset; granting again replaces the role. Who may see what changes: what the page fetched is asked anew. */
  async grant(grant: { dataset: string; kind: GrantKind; principal: string; role: Role }): Promise<void> {
    await putGrant(grant);
    this.store.invalidate();
  }

  async revokeGrant(grant: { dataset: string; kind: GrantKind; principal: string }): Promise<void> {
    await revokeGrant(grant);
    this.store.invalidate();
  }
}
