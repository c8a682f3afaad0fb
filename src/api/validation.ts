import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldIssue } from '../domain/errors.js';

function makeAjv(coerce: boolean) {
  const ajv = new Ajv.default({
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    strict: false,
  });
  addFormats.default(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

/**
 * Bodies are validated strictly (no coercion, no silently dropped fields); query strings and
 * path parameters are coerced, since they only ever arrive as text.
 */
export function compileValidator({ schema, httpPart }: { schema: object; httpPart?: string }): ValidateFunction {
  return (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
}

/** `body` + `/dependsOn/2` + missing `name` → `body.dependsOn[2].name`. */
export function fieldOf(context: string, issue: Pick<ErrorObject, 'instancePath' | 'params'>): string {
  let field = context;
  for (const part of issue.instancePath.split('/').slice(1)) field += /^\d+$/.test(part) ? `[${part}]` : `.${part}`;
  const params = issue.params as Record<string, unknown>;
  const extra = params.missingProperty ?? params.additionalProperty;
  return typeof extra === 'string' ? `${field}.${extra}` : field;
}

export function issueMessage(issue: Pick<ErrorObject, 'keyword' | 'message'>): string {
  if (issue.keyword === 'additionalProperties') return 'unknown field';
  if (issue.keyword === 'required') return 'is required';
  return issue.message ?? 'is invalid';
}

/** Validates a value against a body schema outside HTTP (the CLI), with the API's field names. */
export function checkBody(schema: object, value: unknown, context = 'input'): FieldIssue[] {
  const validate = compileValidator({ schema, httpPart: 'body' });
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({ field: fieldOf(context, e), message: issueMessage(e) }));
}
