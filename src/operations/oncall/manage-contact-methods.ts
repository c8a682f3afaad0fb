import {
  MAX_CONTACT_METHODS,
  validateContactMethods,
  type ContactKind,
  type ContactMethod,
  type ImChannel,
} from '../../domain/escalation/contact.js';
import { FenghuoError, type FieldIssue } from '../../domain/errors.js';
import { urlIssues } from '../../notify/channels/config.js';
import { findUser } from '../../store/access-repo.js';
import {
  deleteContactMethod as removeContactMethod,
  findContactMethod,
  insertContactMethod,
  listContactMethods as queryContactMethods,
  type StoredContactMethod,
} from '../../store/contacts-repo.js';
import { audit } from '../audit.js';
import type { Context, Executor } from '../context.js';
import { publicContactMethod, type ImConfig, type PublicContactMethod } from './contact-settings.js';
import { rejectIssues } from './references.js';

export interface ContactMethodInput {
  kind: ContactKind;
  label: string;
  address: string;
  channel?: ImChannel;
  /** An IM robot's signing secret. */
  secret?: string;
}

/** People manage their own contact methods and rules; admins anyone's. */
export async function assertMayManageContacts(ctx: Context, db: Executor, userId: string): Promise<void> {
  const self = ctx.actor.type === 'user' && ctx.actor.id === userId;
  if (!self && ctx.actor.role !== 'admin') throw new FenghuoError('forbidden', 'only the user themself or an admin may do this');
  if (!(await findUser(db, { id: userId }))) throw new FenghuoError('not_found', `user "${userId}" not found`);
}

/** The domain's issues for one method, renamed from `m[0].address` to `address`. */
function methodIssues(input: ContactMethodInput): FieldIssue[] {
  const method: ContactMethod = {
    id: 'new',
    kind: input.kind,
    address: input.address,
    ...(input.channel ? { channel: input.channel } : {}),
  };
  const issues = validateContactMethods([method], 'm').map((i) => ({ ...i, field: i.field.replace(/^m\[0\]\.?/, '') }));
  if (input.kind === 'im' && issues.length === 0) issues.push(...urlIssues(input.address, 'address'));
  if (input.kind !== 'im' && input.secret !== undefined) issues.push({ field: 'secret', message: 'is only for im contact methods' });
  if (input.label.trim() === '') issues.push({ field: 'label', message: 'must not be blank' });
  return issues;
}

export async function listContactMethods(ctx: Context, userId: string): Promise<PublicContactMethod[]> {
  await assertMayManageContacts(ctx, ctx.store.db, userId);
  return (await queryContactMethods(ctx.store.db, [userId])).map((m) => publicContactMethod(ctx.secrets, m));
}

/** Adds a way to reach a user; an IM robot's URL and secret are stored sealed. */
export async function addContactMethod(ctx: Context, userId: string, input: ContactMethodInput): Promise<PublicContactMethod> {
  rejectIssues(methodIssues(input), 'invalid contact method');
  const sealed: ImConfig | null =
    input.kind === 'im' ? { address: input.address.trim(), ...(input.secret ? { secret: input.secret } : {}) } : null;
  const method: StoredContactMethod = {
    id: ctx.ids.newId(),
    userId,
    kind: input.kind,
    label: input.label.trim(),
    address: sealed ? null : input.address.trim(),
    channel: input.kind === 'im' ? (input.channel ?? null) : null,
    configSealed: sealed ? ctx.secrets.seal(JSON.stringify(sealed)) : null,
    createdAt: ctx.clock.now(),
  };
  const shown = publicContactMethod(ctx.secrets, method);
  await ctx.store.db.transaction().execute(async (trx) => {
    await assertMayManageContacts(ctx, trx, userId);
    if ((await queryContactMethods(trx, [userId])).length >= MAX_CONTACT_METHODS) {
      throw new FenghuoError('conflict', `a user may have at most ${MAX_CONTACT_METHODS} contact methods`);
    }
    await insertContactMethod(trx, method);
    await audit(ctx, trx, 'contact-method.create', { type: 'contact-method', id: method.id }, { after: shown });
  });
  return shown;
}

/** Removes a contact method and the notification rules that use it. */
export async function deleteContactMethod(ctx: Context, userId: string, id: string): Promise<void> {
  await ctx.store.db.transaction().execute(async (trx) => {
    await assertMayManageContacts(ctx, trx, userId);
    const before = await findContactMethod(trx, userId, id);
    if (!before) throw new FenghuoError('not_found', `contact method "${id}" not found`);
    const rules = await removeContactMethod(trx, id);
    await audit(
      ctx,
      trx,
      'contact-method.delete',
      { type: 'contact-method', id },
      { before: { ...publicContactMethod(ctx.secrets, before), rulesRemoved: rules } },
    );
  });
}
