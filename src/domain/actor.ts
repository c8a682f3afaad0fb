export const ROLES = ['admin', 'responder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: a signed-in user, an API token, or Fenghuo itself. */
export interface Actor {
  type: 'user' | 'token' | 'system';
  id: string | null;
  name: string;
  role: Role;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'fenghuo', role: 'admin' };

const RANK: Record<Role, number> = { viewer: 0, responder: 1, admin: 2 };

/** True when `role` may do what `required` may. */
export function roleAllows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
