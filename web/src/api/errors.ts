// Every way a request can fail becomes one ApiError, so screens handle a single type. `code` is the
// API's error code (docs/api.md "Errors") or one of ours for failures that never reached the API.
export type ClientErrorCode = 'network' | 'unparsable' | 'http';

export interface FieldIssue {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came back. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null = null,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

export function isAbort(value: unknown): boolean {
  return value instanceof DOMException && value.name === 'AbortError';
}

/**
 * The API's messages for invalid input name the field as `body.password` or `querystring.to`;
 * forms want `password`. Returns the first message per field.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.details) {
    const field = issue.field.replace(/^(body|querystring|params)\./, '');
    out[field] ??= issue.message;
  }
  return out;
}

/** Reads `{ error: { code, message, details? } }`, tolerating anything else a proxy might answer. */
export function errorFromBody(status: number, body: unknown, requestId: string | null): ApiError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : null;
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; message?: unknown; details?: unknown };
    const details = Array.isArray(e.details) ? e.details.filter(isFieldIssue) : [];
    return new ApiError(
      status,
      typeof e.code === 'string' ? e.code : 'http',
      typeof e.message === 'string' ? e.message : '',
      requestId,
      details,
    );
  }
  return new ApiError(status, 'http', '', requestId);
}

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldIssue).field === 'string' &&
    typeof (value as FieldIssue).message === 'string'
  );
}
