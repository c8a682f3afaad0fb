import type { Channel, ChannelKind } from './channel.js';
import { CHANNEL_KINDS } from './channel.js';
import { dingTalkChannel, type DingTalkConfig } from './dingtalk/dingtalk.js';
import { emailChannel, type EmailConfig } from './email/email.js';
import { feishuChannel, type FeishuConfig } from './feishu/feishu.js';
import { slackChannel, type SlackConfig } from './slack/slack.js';
import { smsGatewayChannel, type SmsGatewayConfig } from './sms-gateway/sms-gateway.js';
import { webhookChannel, type WebhookConfig } from './webhook/webhook.js';
import { weComChannel, type WeComConfig } from './wecom/wecom.js';

/** The configuration each kind of channel takes. */
export interface ChannelConfigs {
  email: EmailConfig;
  webhook: WebhookConfig;
  slack: SlackConfig;
  wecom: WeComConfig;
  dingtalk: DingTalkConfig;
  feishu: FeishuConfig;
  'sms-gateway': SmsGatewayConfig;
}

export const CHANNELS: { readonly [K in ChannelKind]: Channel<ChannelConfigs[K]> } = {
  email: emailChannel,
  webhook: webhookChannel,
  slack: slackChannel,
  wecom: weComChannel,
  dingtalk: dingTalkChannel,
  feishu: feishuChannel,
  'sms-gateway': smsGatewayChannel,
};

export function isChannelKind(value: string): value is ChannelKind {
  return (CHANNEL_KINDS as readonly string[]).includes(value);
}

/** The plugin for a kind. */
export function channelFor<K extends ChannelKind>(kind: K): Channel<ChannelConfigs[K]> {
  return CHANNELS[kind];
}
