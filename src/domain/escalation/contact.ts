import type { FieldIssue } from '../errors.js';

export const CONTACT_KINDS = ['email', 'sms', 'voice', 'im'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** The instant-messaging systems an `im` contact method can name. */
export const IM_CHANNELS = ['slack', 'wecom', 'dingtalk', 'feishu', 'webhook'] as const;
export type ImChannel = (typeof IM_CHANNELS)[number];

/** One way to reach a user. */
export interface ContactMethod {
  id: string;
  kind: ContactKind;
  /**
   * `email`: an e-mail address. `sms`/`voice`: a phone number in E.164 (`+8613800138000`), sent
   * through the configured SMS/voice gateway. `im`: the user's handle or id in `channel` (for
   * `webhook`, the URL).
   */
  address: string;
  /** For `im` only: which system the handle belongs to. */
  channel?: ImChannel;
}

/** A personal rule: when this user is paged, use the contact method `delayMinutes` after the page. */
export interface NotificationRule {
  contactMethodId: string;
  delayMinutes: number;
}

/** What personalNotifications needs of a user. */
export interface NotificationSettings {
  contactMethods: ContactMethod[];
  rules: NotificationRule[];
}

export const MAX_CONTACT_METHODS = 20;
export const MAX_NOTIFICATION_RULES = 20;
export const MAX_RULE_DELAY_MINUTES = 1440;
export const MAX_CONTACT_ADDRESS_LENGTH = 512;

const E164 = /^\+[1-9][0-9]{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Checks a user's contact methods: unique ids, an address that fits the kind, a channel for (and only for) `im`. */
export function validateContactMethods(methods: ContactMethod[], path = 'contactMethods'): FieldIssue[] {
  if (!Array.isArray(methods)) return [{ field: path, message: 'must be a list' }];
  if (methods.length > MAX_CONTACT_METHODS) return [{ field: path, message: `must have at most ${MAX_CONTACT_METHODS} entries` }];
  const issues: FieldIssue[] = [];
  const ids = new Set<string>();
  methods.forEach((m, i) => {
    const at = `${path}[${i}]`;
    if (typeof m !== 'object' || m === null) {
      issues.push({ field: at, message: 'must be an object' });
      return;
    }
    if (typeof m.id !== 'string' || m.id === '') issues.push({ field: `${at}.id`, message: 'is required' });
    else if (ids.has(m.id)) issues.push({ field: `${at}.id`, message: `duplicate id "${m.id}"` });
    else ids.add(m.id);
    if (!CONTACT_KINDS.includes(m.kind)) {
      issues.push({ field: `${at}.kind`, message: `must be one of ${CONTACT_KINDS.join(', ')}` });
      return;
    }
    const addressProblem = addressIssue(m);
    if (addressProblem !== null) issues.push({ field: `${at}.address`, message: addressProblem });
    if (m.kind === 'im' && (m.channel === undefined || !IM_CHANNELS.includes(m.channel))) {
      issues.push({ field: `${at}.channel`, message: `must be one of ${IM_CHANNELS.join(', ')}` });
    } else if (m.kind !== 'im' && m.channel !== undefined) {
      issues.push({ field: `${at}.channel`, message: 'is only for im contact methods' });
    }
  });
  return issues;
}

function addressIssue(m: ContactMethod): string | null {
  if (typeof m.address !== 'string' || m.address.trim() === '') return 'is required';
  if (m.address.length > MAX_CONTACT_ADDRESS_LENGTH) return `must be at most ${MAX_CONTACT_ADDRESS_LENGTH} characters`;
  switch (m.kind) {
    case 'email':
      return EMAIL.test(m.address) ? null : 'must be an e-mail address';
    case 'sms':
    case 'voice':
      return E164.test(m.address) ? null : 'must be a phone number in E.164 form, e.g. +8613800138000';
    case 'im':
      return null;
  }
}

/**
 * Checks a user's personal rules against their contact methods: each names an existing method,
 * waits 0 to 1440 whole minutes, and is not repeated; and at least one rule fires at 0 minutes, so
 * a page is never silent at first (PagerDuty asks the same of high-urgency rules).
 */
export function validateNotificationRules(rules: NotificationRule[], contactMethods: ContactMethod[], path = 'rules'): FieldIssue[] {
  if (!Array.isArray(rules) || rules.length === 0) return [{ field: path, message: 'needs at least one rule' }];
  if (rules.length > MAX_NOTIFICATION_RULES) return [{ field: path, message: `must have at most ${MAX_NOTIFICATION_RULES} rules` }];
  const issues: FieldIssue[] = [];
  const known = new Set(contactMethods.map((m) => m.id));
  const seen = new Map<string, number>();
  rules.forEach((r, i) => {
    const at = `${path}[${i}]`;
    if (typeof r !== 'object' || r === null) {
      issues.push({ field: at, message: 'must be an object' });
      return;
    }
    if (typeof r.contactMethodId !== 'string' || !known.has(r.contactMethodId)) {
      issues.push({ field: `${at}.contactMethodId`, message: 'must name one of the user’s contact methods' });
    }
    if (
      typeof r.delayMinutes !== 'number' ||
      !Number.isInteger(r.delayMinutes) ||
      r.delayMinutes < 0 ||
      r.delayMinutes > MAX_RULE_DELAY_MINUTES
    ) {
      issues.push({ field: `${at}.delayMinutes`, message: `must be a whole number of minutes from 0 to ${MAX_RULE_DELAY_MINUTES}` });
      return;
    }
    const key = `${r.contactMethodId}@${r.delayMinutes}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else issues.push({ field: at, message: `repeats ${path}[${first}]` });
  });
  if (!rules.some((r) => typeof r === 'object' && r !== null && r.delayMinutes === 0)) {
    issues.push({ field: path, message: 'needs a rule at 0 minutes, so that a page is heard at once' });
  }
  return issues;
}
