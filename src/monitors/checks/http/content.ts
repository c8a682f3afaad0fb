// What the HTTP check expects of an answer's body: a keyword, a pattern, a value at a JSON path.

import type { PreparedHttpCheck } from './config.js';
import { valueAt } from './json-path.js';

/** Quoted and cut short: the error line stays one line whatever the config or the answer hold. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Why `body` does not satisfy the check, or null when it does (or nothing is asked of it).
 * `truncated`: only the first part of the body was read, which can explain a parse failure.
 */
export function bodyProblem(check: PreparedHttpCheck, body: string, truncated: boolean): string | null {
  const { keyword, regex, jsonPath } = check;
  if (keyword !== null && body.includes(keyword) === check.invertKeyword) {
    return `keyword ${show(keyword)} ${check.invertKeyword ? 'found' : 'not found'}`;
  }
  if (regex !== null && !regex.test(body))
    return `body does not match /${regex.source.length > 60 ? `${regex.source.slice(0, 57)}...` : regex.source}/`;
  if (jsonPath !== null) {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      return truncated ? 'response is not valid JSON (only its first 64 KB are read)' : 'response is not valid JSON';
    }
    const at = valueAt(document, jsonPath.segments);
    if (!at.found) return `${jsonPath.path} not found`;
    if (at.value !== jsonPath.equals) return `${jsonPath.path} is ${show(at.value)}, expected ${show(jsonPath.equals)}`;
  }
  return null;
}
