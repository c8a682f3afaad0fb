import type { ContactMethod, ImChannel } from '../../domain/escalation/contact.js';
import type { StoredContactMethod } from '../../store/contacts-repo.js';
import type { SecretBox } from '../secret-box.js';
import { maskUrl } from './mask-secrets.js';

/** What an IM contact method keeps sealed (the paging worker opens it): the robot or webhook URL is itself a credential. */
export interface ImConfig {
  address: string;
  secret?: string;
}

/** A contact method with its secrets opened: for sending, never for showing. */
export interface OpenedContactMethod extends ContactMethod {
  label: string;
  /** The signing secret of an IM robot, if it has one. */
  secret: string | null;
}

/** A contact method as shown through the API: an IM address masked, its secret only flagged. */
export interface PublicContactMethod {
  id: string;
  userId: string;
  kind: ContactMethod['kind'];
  label: string;
  address: string;
  channel: ImChannel | null;
  hasSecret: boolean;
  createdAt: number;
}

export function openContactMethod(secrets: SecretBox, m: StoredContactMethod): OpenedContactMethod {
  if (m.kind !== 'im' || m.configSealed === null) return { id: m.id, kind: m.kind, address: m.address ?? '', label: m.label, secret: null };
  const config = JSON.parse(secrets.open(m.configSealed)) as ImConfig;
  const opened = { id: m.id, kind: m.kind, address: config.address, label: m.label, secret: config.secret ?? null };
  return m.channel ? { ...opened, channel: m.channel } : opened;
}

export function publicContactMethod(secrets: SecretBox, m: StoredContactMethod): PublicContactMethod {
  const opened = openContactMethod(secrets, m);
  return {
    id: m.id,
    userId: m.userId,
    kind: m.kind,
    label: m.label,
    address: m.kind === 'im' ? maskUrl(opened.address) : opened.address,
    channel: opened.channel ?? null,
    hasSecret: opened.secret !== null,
    createdAt: m.createdAt,
  };
}
