// Configuration pieces shared by the checks; the generic ones come from the channels' config.

import { isIP } from 'node:net';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FieldIssue } from '../../domain/errors.js';

export { HeaderMap, UrlString, headerIssues, schemaIssues, urlIssues } from '../../notify/channels/config.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A host name or an IP literal (IPv6 without brackets); `hostIssues` says which strings qualify. */
export const HostString = Type.String({ minLength: 1, maxLength: 253 });
export const PortNumber = Type.Integer({ minimum: 1, maximum: 65535 });

// Labels of letters, digits, '-' and '_' (underscores appear in real names: _dmarc, SRV owners),
// at most 63 characters, not starting or ending with '-'; an optional final dot.
const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`);

export function isHostName(value: string): boolean {
  return value.length <= 253 && HOSTNAME.test(value);
}

export function hostIssues(value: string, field: string): FieldIssue[] {
  return isIP(value) !== 0 || isHostName(value) ? [] : [{ field, message: 'must be a host name or an IP address' }];
}
