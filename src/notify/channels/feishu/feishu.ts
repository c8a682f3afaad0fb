import { createHmac } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import { truncateUtf8 } from '../../text.js';
import { DEFAULT_TIMEOUT_MS, type Channel } from '../channel.js';
import { SecretString, UrlString, schemaIssues, urlIssues } from '../config.js';
import { nodeHttpClient } from '../http.js';
import { classifyRobotCode, robotOutcome, type RobotReply } from '../outcome.js';

export const FeishuConfigSchema = Type.Object(
  {
    /** `https://open.feishu.cn/open-apis/bot/v2/hook/…` (Lark: `open.larksuite.com`). */
    webhookUrl: UrlString,
    /** The secret of the bot's 签名校验 setting; absent when it uses keywords or an IP list. */
    secret: Type.Optional(SecretString),
  },
  { additionalProperties: false },
);
export type FeishuConfig = Static<typeof FeishuConfigSchema>;

/** Feishu accepts request bodies up to 20 KB. */
export const FEISHU_TEXT_MAX_BYTES = 16_000;

/** code → retry delay (ms). Others fail: 19021 (signature or timestamp), 19022 (IP), 19024 (keyword), 9499 (bad request). */
const RETRYABLE = new Map<number, number>([
  [11232, 1_000], // frequency limited: 5 per second, 100 per minute
  [2200, 5_000], // internal error
]);

/**
 * Feishu's 签名校验: base64(HMAC-SHA256(key = timestampSec + "\n" + secret, message = "")).
 * Unlike DingTalk, the timestamp-and-secret string is the key, the message is empty, and the
 * timestamp is in seconds.
 */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** `{code, msg}`, or `{StatusCode, StatusMessage}` from older deployments. */
export function readFeishuReply(body: unknown): RobotReply | null {
  const reply = body as { code?: unknown; msg?: unknown; StatusCode?: unknown; StatusMessage?: unknown } | null;
  if (typeof reply?.code === 'number') return { code: reply.code, message: typeof reply.msg === 'string' ? reply.msg : '' };
  if (typeof reply?.StatusCode === 'number') {
    return { code: reply.StatusCode, message: typeof reply.StatusMessage === 'string' ? reply.StatusMessage : '' };
  }
  return null;
}

/** Feishu/Lark (飞书) custom bot, text message, signature in the body when a secret is configured. */
export const feishuChannel: Channel<FeishuConfig> = {
  kind: 'feishu',
  addresses: 'endpoint',

  validateConfig(config: unknown): FieldIssue[] {
    const issues = schemaIssues(FeishuConfigSchema, config);
    return issues.length > 0 ? issues : urlIssues((config as FeishuConfig).webhookUrl, 'config.webhookUrl');
  },

  async send(delivery, deps) {
    const { config } = delivery;
    const timestamp = Math.floor(deps.now() / 1000);
    const signature = config.secret === undefined ? {} : { timestamp: String(timestamp), sign: feishuSign(config.secret, timestamp) };
    const content = { text: truncateUtf8(delivery.rendered.text, FEISHU_TEXT_MAX_BYTES) };
    const result = await (deps.http ?? nodeHttpClient)({
      method: 'POST',
      url: config.webhookUrl,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ ...signature, msg_type: 'text', content }),
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    return robotOutcome(result, deps.now(), readFeishuReply, (reply) => classifyRobotCode(reply, RETRYABLE, 'Feishu'));
  },
};
