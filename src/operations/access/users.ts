import type { Role } from '../../domain/actor.js';
import { FenghuoError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../store/database.js';
import { deleteUserSessions, findUser, insertUser, saveUser, type StoredUser } from '../../store/access-repo.js';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { hashPassword } from './secrets.js';

export interface UserInput {
  email?: string;
  name?: string;
  role?: Role;
  password?: string;
  locale?: string;
  timeZone?: string;
  disabled?: boolean;
}

/** What may be shown of a user: never the password hash. */
export type PublicUser = Omit<StoredUser, 'passwordHash'>;

export function publicUser(user: StoredUser): PublicUser {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

export async function createUser(ctx: Context, input: UserInput & { email: string; name: string; role: Role }): Promise<PublicUser> {
  const now = ctx.clock.now();
  const user: StoredUser = {
    id: ctx.ids.newId(),
    email: input.email.trim().toLowerCase(),
    name: input.name.trim(),
    role: input.role,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    locale: input.locale ?? 'zh-CN',
    timeZone: input.timeZone ?? 'Asia/Shanghai',
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.store.db.transaction().execute(async (trx) => {
      if (await findUser(trx, { email: user.email })) throw emailTaken(user.email);
      await insertUser(trx, user);
      await audit(ctx, trx, 'user.create', { type: 'user', id: user.id }, { after: publicUser(user) });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken(user.email);
    throw err;
  }
  return publicUser(user);
}

/** Changes a user; a new password, a disable or a role change ends the user's sessions. */
export async function updateUser(ctx: Context, id: string, input: UserInput): Promise<PublicUser> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.store.db.transaction().execute(async (trx) => {
    const before = await findUser(trx, { id });
    if (!before) throw new FenghuoError('not_found', `user "${id}" not found`);
    const email = input.email?.trim().toLowerCase();
    if (email && email !== before.email && (await findUser(trx, { email }))) throw emailTaken(email);
    const next: StoredUser = {
      ...before,
      email: email ?? before.email,
      name: input.name?.trim() ?? before.name,
      role: input.role ?? before.role,
      passwordHash: passwordHash ?? before.passwordHash,
      locale: input.locale ?? before.locale,
      timeZone: input.timeZone ?? before.timeZone,
      disabled: input.disabled ?? before.disabled,
      updatedAt: ctx.clock.now(),
    };
    await saveUser(trx, next);
    if (passwordHash || next.disabled || next.role !== before.role) await deleteUserSessions(trx, id);
    await audit(
      ctx,
      trx,
      'user.update',
      { type: 'user', id },
      {
        before: publicUser(before),
        after: { ...publicUser(next), passwordChanged: passwordHash !== undefined },
      },
    );
    return publicUser(next);
  });
}

function emailTaken(email: string): FenghuoError {
  return new FenghuoError('conflict', `a user with e-mail "${email}" already exists`, [{ field: 'email', message: 'already in use' }]);
}
