import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cancelledByAck } from './acknowledge.js';
import { validateContactMethods, validateNotificationRules, type ContactMethod, type NotificationRule } from './contact.js';
import { personalNotifications } from './personal-notifications.js';

const T0 = Date.parse('2025-06-01T10:00:00Z');
const MIN = 60_000;

const methods: ContactMethod[] = [
  { id: 'im', kind: 'im', channel: 'wecom', address: 'alice.w' },
  { id: 'sms', kind: 'sms', address: '+8613800138000' },
  { id: 'voice', kind: 'voice', address: '+8613800138000' },
  { id: 'mail', kind: 'email', address: 'alice@example.com' },
];
// "IM at once, SMS after 5 min, voice after 10 min"
const rules: NotificationRule[] = [
  { contactMethodId: 'im', delayMinutes: 0 },
  { contactMethodId: 'sms', delayMinutes: 5 },
  { contactMethodId: 'voice', delayMinutes: 10 },
];

describe('escalation/contact: personalNotifications', () => {
  it('uses each contact method its rule’s delay after the page', () => {
    const firedAt = T0 + 15 * MIN;
    assert.deepEqual(personalNotifications({ contactMethods: methods, rules }, firedAt), [
      { contactMethodId: 'im', at: firedAt },
      { contactMethodId: 'sms', at: firedAt + 5 * MIN },
      { contactMethodId: 'voice', at: firedAt + 10 * MIN },
    ]);
  });

  it('an ack at minute 7 cancels the voice call but not the IM or the SMS already sent', () => {
    const planned = personalNotifications({ contactMethods: methods, rules }, T0);
    assert.deepEqual(cancelledByAck(planned, T0 + 7 * MIN), [{ contactMethodId: 'voice', at: T0 + 10 * MIN }]);
    // At minute 4 the SMS had not gone out either; at minute 10 the voice call had (due at that instant).
    assert.deepEqual(
      cancelledByAck(planned, T0 + 4 * MIN).map((n) => n.contactMethodId),
      ['sms', 'voice'],
    );
    assert.deepEqual(cancelledByAck(planned, T0 + 10 * MIN), []);
  });

  it('sorts by time, skips rules for deleted methods and uses a method once per instant', () => {
    const messy: NotificationRule[] = [
      { contactMethodId: 'voice', delayMinutes: 10 },
      { contactMethodId: 'gone', delayMinutes: 0 },
      { contactMethodId: 'im', delayMinutes: 0 },
      { contactMethodId: 'im', delayMinutes: 0 },
    ];
    assert.deepEqual(personalNotifications({ contactMethods: methods, rules: messy }, T0), [
      { contactMethodId: 'im', at: T0 },
      { contactMethodId: 'voice', at: T0 + 10 * MIN },
    ]);
  });

  it('does not leave a user without usable rules silent: every method at once', () => {
    const none = personalNotifications({ contactMethods: methods.slice(0, 2), rules: [{ contactMethodId: 'gone', delayMinutes: 0 }] }, T0);
    assert.deepEqual(none, [
      { contactMethodId: 'im', at: T0 },
      { contactMethodId: 'sms', at: T0 },
    ]);
  });
});

describe('escalation/contact: validateNotificationRules', () => {
  it('accepts IM at once, SMS after 5, voice after 10', () => {
    assert.deepEqual(validateNotificationRules(rules, methods), []);
  });

  it('names the rule whose method is unknown, whose delay is out of range, or that repeats another', () => {
    const bad: NotificationRule[] = [
      { contactMethodId: 'im', delayMinutes: 0 },
      { contactMethodId: 'pager', delayMinutes: 5 },
      { contactMethodId: 'sms', delayMinutes: -1 },
      { contactMethodId: 'sms', delayMinutes: 2.5 },
      { contactMethodId: 'im', delayMinutes: 0 },
    ];
    const issues = validateNotificationRules(bad, methods);
    assert.deepEqual(
      issues.map((i) => i.field),
      ['rules[1].contactMethodId', 'rules[2].delayMinutes', 'rules[3].delayMinutes', 'rules[4]'],
    );
    assert.equal(issues[3]!.message, 'repeats rules[0]');
  });

  it('needs a rule at 0 minutes, and at least one rule', () => {
    const late = validateNotificationRules([{ contactMethodId: 'sms', delayMinutes: 5 }], methods);
    assert.deepEqual(
      late.map((i) => i.field),
      ['rules'],
    );
    assert.match(late[0]!.message, /0 minutes/);
    assert.deepEqual(
      validateNotificationRules([], methods).map((i) => i.field),
      ['rules'],
    );
  });
});

describe('escalation/contact: validateContactMethods', () => {
  it('accepts e-mail, E.164 phones and IM handles with a channel', () => {
    assert.deepEqual(validateContactMethods(methods), []);
  });

  it('names each bad field', () => {
    const bad = [
      { id: 'a', kind: 'email', address: 'not-an-address' },
      { id: 'b', kind: 'sms', address: '13800138000' },
      { id: 'c', kind: 'im', address: 'bob' },
      { id: 'd', kind: 'voice', address: '+8613800138000', channel: 'slack' },
      { id: 'a', kind: 'fax', address: '123' },
    ] as ContactMethod[];
    assert.deepEqual(
      validateContactMethods(bad).map((i) => i.field),
      [
        'contactMethods[0].address',
        'contactMethods[1].address',
        'contactMethods[2].channel',
        'contactMethods[3].channel',
        'contactMethods[4].id',
        'contactMethods[4].kind',
      ],
    );
  });
});
