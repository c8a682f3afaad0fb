import { roleAllows, type Actor } from '../../domain/actor.js';
import { FenghuoError, isFenghuoError } from '../../domain/errors.js';
import { findUser } from '../../store/access-repo.js';
import { findIncident, type StoredIncident } from '../../store/incidents-repo.js';
import type { Deps } from '../context.js';
import { changeIncidentStatus } from '../incidents/change-incident-status.js';
import { verifyActionLink, type ActionLink, type LinkAction } from './action-links.js';

export interface LinkView {
  link: ActionLink;
  incident: StoredIncident;
  /** The person the page went to: the page speaks their language. */
  user: { id: string; name: string; locale: string };
}

/** What an acknowledge/resolve link points at, checked: signature, expiry, the person, the incident. */
export async function readActionLink(deps: Deps, token: string, action: LinkAction): Promise<LinkView> {
  const link = verifyActionLink(deps.secrets, token, deps.clock.now());
  if (link === 'invalid') throw new FenghuoError('unauthenticated', 'this link is not valid');
  if (link === 'expired') throw new FenghuoError('unauthenticated', 'this link has expired; open the incident in Fenghuo instead');
  if (link.action !== action) throw new FenghuoError('invalid_request', 'this link is for another action');
  const user = await findUser(deps.store.db, { id: link.userId });
  if (!user || user.disabled) throw new FenghuoError('forbidden', 'the person this link was sent to can no longer act');
  const incident = await findIncident(deps.store.db, { id: link.incidentId });
  if (!incident) throw new FenghuoError('not_found', 'the incident no longer exists');
  return { link, incident, user: { id: user.id, name: user.name, locale: user.locale } };
}

export type LinkResult = { user: LinkView['user'] } & (
  { done: true; incident: StoredIncident } | { done: false; incident: StoredIncident; reason: string }
);

/**
 * Takes the link's action in the name of the person it was sent to (a POST from the page's
 * button, never the GET a link preview makes). Already acknowledged or resolved is not an error.
 */
export async function actOnLink(deps: Deps, token: string, action: LinkAction): Promise<LinkResult> {
  const view = await readActionLink(deps, token, action);
  const user = await findUser(deps.store.db, { id: view.user.id });
  if (!user || !roleAllows(user.role, 'responder'))
    throw new FenghuoError('forbidden', 'only responders can acknowledge or resolve incidents');
  const actor: Actor = { type: 'user', id: user.id, name: user.name, role: user.role };
  try {
    const incident = await changeIncidentStatus(
      { ...deps, actor, requestId: null },
      { id: view.incident.id },
      view.link.action,
      'from the link in a page',
    );
    return { user: view.user, done: true, incident };
  } catch (err) {
    if (!isFenghuoError(err) || (err.code !== 'invalid_transition' && err.code !== 'conflict')) throw err;
    const incident = (await findIncident(deps.store.db, { id: view.incident.id })) ?? view.incident;
    return { user: view.user, done: false, incident, reason: err.message };
  }
}
