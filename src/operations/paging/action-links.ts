import type { SecretBox } from '../secret-box.js';

/**
 * Acknowledge / resolve links in pages. A link carries a signed, expiring token naming the
 * incident, the action and the person it was sent to; opening it shows a page with a button
 * (GET changes nothing, so a chat app's link preview cannot acknowledge), pressing the button
 * POSTs the token. Token: base64url(JSON payload) "." HMAC-SHA256 under a key derived from the
 * server's secret key.
 */
export type LinkAction = 'acknowledge' | 'resolve';

export interface ActionLink {
  incidentId: string;
  action: LinkAction;
  /** The person the page went to: the action is taken in their name. */
  userId: string;
  expiresAt: number;
}

const PURPOSE = 'action-link';
/** Links stay valid long enough for a night's incident, short enough to be worthless later. */
export const ACTION_LINK_TTL_MS = 24 * 3600_000;

export function signActionLink(secrets: SecretBox, link: ActionLink): string {
  const payload = Buffer.from(JSON.stringify({ i: link.incidentId, a: link.action, u: link.userId, e: link.expiresAt })).toString(
    'base64url',
  );
  return `${payload}.${secrets.mac(PURPOSE, payload)}`;
}

/** The link a token stands for, or why it is refused. */
export function verifyActionLink(secrets: SecretBox, token: string, now: number): ActionLink | 'invalid' | 'expired' {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 1024) return 'invalid';
  const payload = token.slice(0, dot);
  if (!secrets.verifyMac(PURPOSE, payload, token.slice(dot + 1))) return 'invalid';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return 'invalid';
  }
  const p = parsed as { i?: unknown; a?: unknown; u?: unknown; e?: unknown };
  if (typeof p.i !== 'string' || typeof p.u !== 'string' || typeof p.e !== 'number' || (p.a !== 'acknowledge' && p.a !== 'resolve'))
    return 'invalid';
  if (p.e <= now) return 'expired';
  return { incidentId: p.i, action: p.a, userId: p.u, expiresAt: p.e };
}
