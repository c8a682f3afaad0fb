// Test data for the notification tests: a page and a delivery, overridable field by field.

import { renderMessage, type PageMessage } from '../../message.js';
import type { Delivery } from '../channel.js';

/** 2026-11-22 01:00:00 UTC */
export const T0 = Date.UTC(2026, 10, 22, 1, 0, 0);

export function aPage(overrides: Partial<PageMessage> = {}): PageMessage {
  return {
    incidentId: 'inc_01HZY8Q4',
    incidentNumber: 42,
    kind: 'page',
    level: 1,
    title: 'Payment gateway down',
    services: ['payments', 'checkout'],
    reasons: [{ rule: 'payment', detail: 'service "payments" has an outage' }],
    openedAt: T0,
    now: T0 + 12 * 60_000,
    ackUrl: 'https://fenghuo.example.com/i/42/ack?t=abc',
    resolveUrl: 'https://fenghuo.example.com/i/42/resolve?t=abc',
    ...overrides,
  };
}

export function aDelivery<Config>(config: Config, overrides: Partial<Omit<Delivery<Config>, 'config'>> = {}): Delivery<Config> {
  const locale = overrides.locale ?? 'en';
  const messages = overrides.messages ?? [aPage()];
  const first = messages[0] ?? aPage();
  return {
    config,
    recipients: [],
    locale,
    messages,
    rendered: renderMessage(first, locale),
    idempotencyKey: 'dlv_7f3a9c2e-attempts-share-this',
    attempt: 1,
    ...overrides,
  };
}
