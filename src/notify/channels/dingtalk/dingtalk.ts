import { createHmac } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import { truncateUtf8 } from '../../text.js';
import { DEFAULT_TIMEOUT_MS, type Channel } from '../channel.js';
import { SecretString, UrlString, schemaIssues, urlIssues } from '../config.js';
import { nodeHttpClient } from '../http.js';
import { classifyRobotCode, robotOutcome } from '../outcome.js';
import { readErrcodeReply } from '../wecom/wecom.js';

export const DingTalkConfigSchema = Type.Object(
  {
    /** `https://oapi.dingtalk.com/robot/send?access_token=…` as DingTalk shows it. */
    webhookUrl: UrlString,
    /** The `SEC…` secret of the robot's 加签 security setting; absent when it uses keywords or an IP list. */
    secret: Type.Optional(SecretString),
  },
  { additionalProperties: false },
);
export type DingTalkConfig = Static<typeof DingTalkConfigSchema>;

/** DingTalk accepts request bodies up to 20 000 bytes; keep the markdown well inside that. */
export const DINGTALK_MARKDOWN_MAX_BYTES = 16_000;

/** errcode → retry delay (ms). Others fail: 310000 (sign, keyword or IP check), 300001 (bad token), 400xxx. */
const RETRYABLE = new Map<number, number>([
  [-1, 5_000], // system busy
  [130101, 60_000], // send too fast: 20 messages per minute per robot
]);

/**
 * DingTalk's 加签: base64(HMAC-SHA256(key = secret, message = timestampMs + "\n" + secret)).
 * Unlike Feishu, the secret is the key and the timestamp is in milliseconds.
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook URL with `&timestamp=<ms>&sign=<url-encoded signature>` appended. */
export function signedDingTalkUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  const separator = webhookUrl.includes('?') ? '&' : '?';
  return `${webhookUrl}${separator}timestamp=${timestampMs}&sign=${encodeURIComponent(dingTalkSign(secret, timestampMs))}`;
}

/** DingTalk (钉钉) custom robot, markdown message, signed URL when a secret is configured. */
export const dingTalkChannel: Channel<DingTalkConfig> = {
  kind: 'dingtalk',
  addresses: 'endpoint',

  validateConfig(config: unknown): FieldIssue[] {
    const issues = schemaIssues(DingTalkConfigSchema, config);
    return issues.length > 0 ? issues : urlIssues((config as DingTalkConfig).webhookUrl, 'config.webhookUrl');
  },

  async send(delivery, deps) {
    const { config, rendered } = delivery;
    const url = config.secret === undefined ? config.webhookUrl : signedDingTalkUrl(config.webhookUrl, config.secret, deps.now());
    const text = truncateUtf8(rendered.markdown, DINGTALK_MARKDOWN_MAX_BYTES);
    const result = await (deps.http ?? nodeHttpClient)({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { title: rendered.subject, text } }),
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    return robotOutcome(result, deps.now(), readErrcodeReply, (reply) => classifyRobotCode(reply, RETRYABLE, 'DingTalk'));
  },
};
