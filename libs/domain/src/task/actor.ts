/**
 * Who acts, as authenticated by the API (loaded fresh from Postgres with every request); the task
 * workflows decide what they may do. Declared once here: the workflow contract, the API and the
 * worker re-export it. Pure type: safe in the workflow sandbox.
 */
export interface Actor {
  userId: string;
  unitId: string | null;
  /** Role words of ROLES (`roles.ts`), as stored on the user. */
  roles: string[];
  /** Organization of the user: a task of another organization refuses everything. */
  organizationId?: string;
  displayName?: string;
  /** Units of a deputy director's portfolio (phụ trách). */
  portfolioUnitIds?: string[];
  /** "KT. Giám đốc": the deputy signs on behalf of this user, with that user's roles. */
  onBehalfOfUserId?: string | null;
  onBehalfOfRoles?: string[];
  onBehalfOfName?: string;
}
