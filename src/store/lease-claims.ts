import type { Executor } from '../operations/context.js';
import type { NotificationsTable, StatusDeliveriesTable } from './schema.js';

/** Outboxes whose rows a worker claims with a lease: pages, and status-page subscriber deliveries. */
export type LeasedTable = 'notifications' | 'status_deliveries';

type LeaseColumns = 'id' | 'status' | 'due_at' | 'lease_owner' | 'lease_until';
// The claim reads and writes only these columns, which both outboxes have with the same types
// (checked here), so it is written once against one of them.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameLeaseColumns: Same<Pick<NotificationsTable, LeaseColumns>, Pick<StatusDeliveriesTable, LeaseColumns>> = true;
void sameLeaseColumns;

/**
 * Claims up to `limit` due rows of `table` for `owner` until `leaseUntil`: pending ones that are
 * due, and ones whose previous claimant's lease ran out (it crashed or hung mid-send). Each claim
 * is a conditional UPDATE, so a row goes to one claimant only, on both dialects. Returns the ids
 * claimed, oldest due first, and which of them were taken over from a lapsed lease.
 */
export async function claimDueRows(
  db: Executor,
  table: LeasedTable,
  owner: string,
  now: number,
  leaseUntil: number,
  limit: number,
): Promise<{ ids: string[]; recovered: Set<string> }> {
  const outbox = table as 'notifications';
  const candidates = await db
    .selectFrom(outbox)
    .select(['id', 'status', 'lease_until'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('due_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
      ]),
    )
    .orderBy('due_at')
    .limit(limit)
    .execute();
  const ids: string[] = [];
  const recovered = new Set<string>();
  for (const c of candidates) {
    const result = await db
      .updateTable(outbox)
      .set({ status: 'sending', lease_owner: owner, lease_until: leaseUntil })
      .where('id', '=', c.id)
      .where('status', '=', c.status)
      .where((eb) => (c.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', c.lease_until)))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) continue;
    ids.push(c.id);
    if (c.status === 'sending') recovered.add(c.id);
  }
  return { ids, recovered };
}
