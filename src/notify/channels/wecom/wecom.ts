import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import { truncateUtf8 } from '../../text.js';
import { DEFAULT_TIMEOUT_MS, type Channel } from '../channel.js';
import { UrlString, schemaIssues, urlIssues } from '../config.js';
import { nodeHttpClient } from '../http.js';
import { classifyRobotCode, robotOutcome, type RobotReply } from '../outcome.js';

export const WeComConfigSchema = Type.Object(
  {
    /** `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…` as WeCom shows it. */
    webhookUrl: UrlString,
  },
  { additionalProperties: false },
);
export type WeComConfig = Static<typeof WeComConfigSchema>;

/** WeCom refuses markdown content over 4096 bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

/** errcode → retry delay (ms). Every other non-zero code (93000 invalid webhook URL, 40058 bad parameter, …) fails. */
const RETRYABLE = new Map<number, number>([
  [-1, 5_000], // system busy
  [45009, 60_000], // api freq out of limit: 20 messages per minute per robot
  [45033, 5_000], // too many concurrent calls
]);

/** `{errcode, errmsg}`, as WeCom and DingTalk answer. */
export function readErrcodeReply(body: unknown): RobotReply | null {
  const reply = body as { errcode?: unknown; errmsg?: unknown } | null;
  if (typeof reply?.errcode !== 'number') return null;
  return { code: reply.errcode, message: typeof reply.errmsg === 'string' ? reply.errmsg : '' };
}

/** WeCom (企业微信) group robot, `msgtype: markdown`. It has no signature: the key in the URL is the secret. */
export const weComChannel: Channel<WeComConfig> = {
  kind: 'wecom',
  addresses: 'endpoint',

  validateConfig(config: unknown): FieldIssue[] {
    const issues = schemaIssues(WeComConfigSchema, config);
    return issues.length > 0 ? issues : urlIssues((config as WeComConfig).webhookUrl, 'config.webhookUrl');
  },

  async send(delivery, deps) {
    const content = truncateUtf8(delivery.rendered.markdown, WECOM_MARKDOWN_MAX_BYTES);
    const result = await (deps.http ?? nodeHttpClient)({
      method: 'POST',
      url: delivery.config.webhookUrl,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    return robotOutcome(result, deps.now(), readErrcodeReply, (reply) => classifyRobotCode(reply, RETRYABLE, 'WeCom'));
  },
};
