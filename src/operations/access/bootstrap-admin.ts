import { SYSTEM_ACTOR } from '../../domain/actor.js';
import { isFenghuoError } from '../../domain/errors.js';
import { countUsers } from '../../store/access-repo.js';
import type { Deps } from '../context.js';
import { generatePassword } from './secrets.js';
import { createUser } from './users.js';

/**
 * On first start (no users yet) creates the admin. Returns the generated password when none
 * was configured, so the caller can print it exactly once.
 */
export async function bootstrapAdmin(
  deps: Deps,
  admin: { email: string; password: string | null },
): Promise<{ created: boolean; email: string; generatedPassword: string | null }> {
  if ((await countUsers(deps.store.db)) > 0) return { created: false, email: admin.email, generatedPassword: null };
  const generatedPassword = admin.password ? null : generatePassword();
  try {
    await createUser(
      { ...deps, actor: SYSTEM_ACTOR, requestId: null },
      { email: admin.email, name: 'Administrator', role: 'admin', password: admin.password ?? generatedPassword ?? '' },
    );
  } catch (err) {
    // Another node of the cluster won the race to create the same admin.
    if (isFenghuoError(err) && err.code === 'conflict') return { created: false, email: admin.email, generatedPassword: null };
    throw err;
  }
  return { created: true, email: admin.email, generatedPassword };
}
