// Builders for service-catalog test data.
//
// service(id, overrides) gives a full Service with sensible defaults (a non-critical,
// non-payment business service with no dependencies; user-facing only when it is a
// business service). seedCatalog() is the WeChat-like catalog of the 2023 outage:
//
//   gz-dc1 (facility)
//     └─ storage (infrastructure)
//          ├─ chat           (business, critical)
//          ├─ wechat-pay     (business, critical, payment)
//          └─ voice-to-text  (business, user-facing, not critical)
//   batch-reports (infrastructure, internal, nothing depends on it)
//   sms-vendor    (vendor, nothing depends on it)

import type { Service } from '../../src/domain/catalog/service.js';

export function service(id: string, overrides: Partial<Omit<Service, 'id'>> = {}): Service {
  const kind = overrides.kind ?? 'business';
  return {
    id,
    name: id,
    kind,
    critical: false,
    payment: false,
    userFacing: kind === 'business',
    dependsOn: [],
    ownerTeam: null,
    teamId: null,
    escalationPolicyId: null,
    runbook: null,
    rtoMinutes: null,
    rpoMinutes: null,
    contacts: [],
    contractedSlaPct: null,
    ...overrides,
  };
}

export const SEED_IDS = {
  facility: 'gz-dc1',
  storage: 'storage',
  chat: 'chat',
  pay: 'wechat-pay',
  voiceToText: 'voice-to-text',
  batchReports: 'batch-reports',
  smsVendor: 'sms-vendor',
} as const;

export function seedCatalog(): Service[] {
  return [
    service('gz-dc1', { name: 'Guangzhou data centre 1', kind: 'facility' }),
    service('storage', { name: 'Storage', kind: 'infrastructure', dependsOn: ['gz-dc1'] }),
    service('chat', { name: 'Chat messages', critical: true, dependsOn: ['storage'] }),
    service('wechat-pay', { name: 'WeChat Pay', critical: true, payment: true, dependsOn: ['storage'] }),
    service('voice-to-text', { name: 'Voice to text', dependsOn: ['storage'] }),
    service('batch-reports', { name: 'Batch reports', kind: 'infrastructure', userFacing: false }),
    service('sms-vendor', { name: 'SMS gateway vendor', kind: 'vendor' }),
  ];
}
