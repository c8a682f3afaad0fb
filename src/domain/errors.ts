/**
 * The closed set of error codes Fenghuo reports. Every edge (HTTP, CLI, jobs) maps these
 * exhaustively; anything else is an internal error and is never shown to a client verbatim.
 */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'unknown_service'
  | 'dependency_cycle'
  | 'reason_required'
  | 'invalid_policy'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `body.dependsOn[2]` or `rules[3].minRecords`. */
  field: string;
  message: string;
}

/** An expected failure with a stable code; its message is safe to show to a client. */
export class FenghuoError extends Error {
  readonly code: ErrorCode;
  readonly details: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, details?: FieldIssue[]) {
    super(message);
    this.name = 'FenghuoError';
    this.code = code;
    this.details = details;
  }
}

export function isFenghuoError(err: unknown): err is FenghuoError {
  return err instanceof FenghuoError;
}
