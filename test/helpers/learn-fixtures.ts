import assert from 'node:assert/strict';
import type { Clock } from '../../src/operations/context.js';
import type { TestDialect } from './dialects.js';
import { startTestApp, type TestApp } from './test-app.js';

/** A clock tests move by hand. */
export interface ManualClock extends Clock {
  set(iso: string): void;
  advance(minutes: number): void;
}

export function manualClock(start: string): ManualClock {
  let now = Date.parse(start);
  return {
    now: () => now,
    set: (iso) => {
      now = Date.parse(iso);
    },
    advance: (minutes) => {
      now += minutes * 60_000;
    },
  };
}

export const ORGANISATION = 'Example Pay 示例支付有限公司';

/**
 * An app with what postmortems and regulator reports need: the organisation (Shanghai time), a
 * payment service and its storage, a webhook integration, and a responder-level person to own things.
 */
export async function startLearnApp(dialect: TestDialect, clock: Clock): Promise<{ t: TestApp; webhookKey: string; ownerId: string }> {
  const t = await startTestApp(dialect, { clock });
  const org = await t.call('PATCH', '/api/v1/organisation', { body: { name: ORGANISATION, timeZone: 'Asia/Shanghai' } });
  assert.equal(org.status, 200, org.text);
  for (const body of [
    { id: 'storage', name: 'Storage', kind: 'infrastructure', userFacing: false },
    { id: 'pay', name: 'Payments', payment: true, critical: true, dependsOn: ['storage'] },
    { id: 'wiki', name: 'Wiki' },
  ]) {
    const res = await t.call('POST', '/api/v1/services', { body });
    assert.equal(res.status, 201, res.text);
  }
  const integration = await t.call('POST', '/api/v1/integrations', { body: { name: 'scripts', kind: 'webhook' } });
  assert.equal(integration.status, 201, integration.text);
  const owner = await t.call('POST', '/api/v1/users', {
    body: { email: 'li.lei@example.com', name: 'Li Lei', role: 'responder', password: 'correct horse battery' },
  });
  assert.equal(owner.status, 201, owner.text);
  return { t, webhookKey: integration.body.key as string, ownerId: owner.body.id as string };
}

/** Opens a level-1 incident the way production does: an alert on the payment service. */
export async function alertOnPayments(t: TestApp, webhookKey: string, dedupKey: string, summary: string) {
  const res = await t.call('POST', `/api/v1/integrations/${webhookKey}/webhook`, {
    as: null,
    body: { dedupKey, summary, service: 'pay', impact: 'outage', usersAffectedPct: 35 },
  });
  assert.equal(res.status, 200, res.text);
  const incident = (await t.call('GET', `/api/v1/incidents?q=${encodeURIComponent(summary)}`)).body.items[0];
  assert.ok(incident, 'the alert opened an incident');
  assert.equal(incident.level, 1, 'a payment outage is level 1');
  return incident as { id: string; number: number; createdAt: string; startedAt: string };
}
