import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import { DEFAULT_TIMEOUT_MS, type Channel } from '../channel.js';
import { UrlString, schemaIssues, urlIssues } from '../config.js';
import { nodeHttpClient } from '../http.js';
import { httpOutcome } from '../outcome.js';

export const SlackConfigSchema = Type.Object({ webhookUrl: UrlString }, { additionalProperties: false });
export type SlackConfig = Static<typeof SlackConfigSchema>;

/** Slack reads `&`, `<` and `>` as markup (links, mentions); everything else in the text is literal. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Slack incoming webhook: `{"text": …}`. Slack answers with HTTP statuses (400 invalid_payload,
 * 403/404/410 for a revoked or archived target, 429 with Retry-After), so the generic table applies.
 * Slack has no idempotency key: an unknown outcome stays unknown.
 */
export const slackChannel: Channel<SlackConfig> = {
  kind: 'slack',
  addresses: 'endpoint',

  validateConfig(config: unknown): FieldIssue[] {
    const issues = schemaIssues(SlackConfigSchema, config);
    return issues.length > 0 ? issues : urlIssues((config as SlackConfig).webhookUrl, 'config.webhookUrl');
  },

  async send(delivery, deps) {
    const result = await (deps.http ?? nodeHttpClient)({
      method: 'POST',
      url: delivery.config.webhookUrl,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ text: escapeSlack(delivery.rendered.text) }),
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    return httpOutcome(result, deps.now());
  },
};
