// Turns any failure into words for a person, in their language. The server's own message (English,
// technical) is kept as a detail: for a 409 it names who still refers to the thing.
import type { Messages } from '../i18n/messages';
import { isApiError } from './errors';

export interface ErrorText {
  message: string;
  detail: string | null;
  requestId: string | null;
}

export function describeError(error: unknown, t: Messages): ErrorText {
  const e = t.errors;
  if (!isApiError(error)) return { message: e.crashTitle, detail: error instanceof Error ? error.message : null, requestId: null };
  const detail = error.message && error.code !== 'network' ? error.message : null;
  const withDetail = (message: string) => ({ message, detail, requestId: error.requestId });
  switch (error.code) {
    case 'network':
      return { message: e.network, detail: null, requestId: null };
    case 'unparsable':
      return withDetail(e.unparsable);
    case 'unauthenticated':
      return withDetail(e.unauthenticated);
    case 'forbidden':
      return withDetail(e.forbidden);
    case 'not_found':
      return withDetail(e.notFound);
    case 'conflict':
      return withDetail(e.conflict);
    case 'invalid_transition':
      return withDetail(e.invalidTransition);
    case 'reason_required':
      return withDetail(e.reasonRequired);
    case 'invalid_json':
    case 'invalid_request':
    case 'unknown_service':
    case 'dependency_cycle':
      return withDetail(e.invalid);
    case 'payload_too_large':
      return withDetail(e.tooLarge);
    case 'unsupported_media_type':
      return withDetail(e.unsupported);
    case 'rate_limited':
      return withDetail(e.rateLimited);
    case 'internal':
      // The server keeps the cause in its log under this id; its message says nothing useful.
      return { message: e.server, detail: null, requestId: error.requestId };
    default:
      return byStatus(error.status, detail, error.requestId, t);
  }
}

function byStatus(status: number, detail: string | null, requestId: string | null, t: Messages): ErrorText {
  const e = t.errors;
  if (status === 401) return { message: e.unauthenticated, detail, requestId };
  if (status === 403) return { message: e.forbidden, detail, requestId };
  if (status === 404) return { message: e.notFound, detail, requestId };
  if (status === 409) return { message: e.conflict, detail, requestId };
  if (status === 429) return { message: e.rateLimited, detail, requestId };
  if (status === 502 || status === 503 || status === 504) return { message: e.unavailable, detail, requestId };
  if (status >= 500) return { message: e.server, detail, requestId };
  return { message: e.unknown(status), detail, requestId };
}
