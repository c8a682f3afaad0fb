import type { FieldIssue } from '../../domain/errors.js';
import type { Locale, PageMessage, RenderedMessage } from '../message.js';
import type { HttpClient } from './http.js';

export const CHANNEL_KINDS = ['email', 'webhook', 'slack', 'wecom', 'dingtalk', 'feishu', 'sms-gateway'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A person a message is addressed to: an e-mail address or a phone number, by channel. */
export interface Recipient {
  address: string;
  name: string | null;
}

/** One send: what to say, to whom, through which configured target. */
export interface Delivery<Config> {
  /** The channel target's configuration, already checked with `validateConfig`. */
  config: Config;
  /** For e-mail and SMS/voice; empty for robots and webhooks, which post to a group endpoint. */
  recipients: readonly Recipient[];
  locale: Locale;
  /** The messages this delivery carries: one, or several when bundled. */
  messages: readonly PageMessage[];
  /** `renderMessage` or `renderBundle` of `messages` in `locale`. */
  rendered: RenderedMessage;
  /** Stable across attempts of the same delivery, so a receiver can drop a repeat. */
  idempotencyKey: string;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface SendDeps {
  /** Epoch ms; signatures and timestamps are taken from it. */
  now(): number;
  /** The HTTP port; defaults to `nodeHttpClient`. */
  http?: HttpClient;
  /** Upper bound for the whole exchange (connect, send, answer); default `DEFAULT_TIMEOUT_MS`. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * What became of a send:
 * - `sent`: the receiver confirmed it;
 * - `retry`: it certainly did not arrive (or the receiver asked us to come back): send again later;
 * - `failed`: it will not work without someone changing something (bad URL, secret, address);
 * - `unknown`: it may have arrived (the request was out when the connection broke or timed out):
 *   repeating it could page twice, so the worker must not repeat it blindly.
 */
export type SendOutcome =
  | { status: 'sent'; detail: string }
  | { status: 'retry'; detail: string; retryAfterMs?: number }
  | { status: 'failed'; detail: string }
  | { status: 'unknown'; detail: string };

/** A notification channel plugin. `send` never rejects: every failure is an outcome. */
export interface Channel<Config> {
  readonly kind: ChannelKind;
  /** `people`: needs recipients (e-mail, SMS/voice); `endpoint`: posts to a configured group or URL. */
  readonly addresses: 'people' | 'endpoint';
  /** Problems with a target's configuration, fields named `config.…`; empty when it is usable. */
  validateConfig(config: unknown): FieldIssue[];
  send(delivery: Delivery<Config>, deps: SendDeps): Promise<SendOutcome>;
}
