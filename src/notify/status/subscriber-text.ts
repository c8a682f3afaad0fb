import type { PublicImpact, PublicStage, StatusLocale } from '../../domain/status/snapshot.js';

/** Everything a status-page subscriber reads — mails, webhook texts, the pages behind their links — in zh-CN and en. */
export interface SubscriberVocabulary {
  stages: Record<PublicStage, string>;
  impacts: Record<PublicImpact, string>;
  colon: string;
  updateSubject: (page: string, stage: string, title: string) => string;
  maintenanceSubject: (page: string, title: string) => string;
  maintenanceWhen: (from: string, to: string) => string;
  impact: string;
  posted: string;
  confirmSubject: (page: string) => string;
  confirmIntro: (page: string) => string;
  confirmIgnore: string;
  confirmAction: string;
  viewPage: string;
  unsubscribe: string;
  footer: (page: string) => string;
  checkInbox: { title: string; body: string };
  confirmPage: { title: (page: string) => string; button: string; hint: string; done: string; already: string };
  unsubscribePage: { title: (page: string) => string; button: string; hint: string; done: string };
  invalidLink: string;
  invalidInput: (field: string) => string;
}

export const SUBSCRIBER_TEXT: Record<StatusLocale, SubscriberVocabulary> = {
  'zh-CN': {
    stages: { investigating: '调查中', identified: '已查明原因', monitoring: '观察中', resolved: '已解决' },
    impacts: { none: '无影响', minor: '轻微', major: '严重', critical: '重大' },
    colon: '：',
    updateSubject: (page, stage, title) => `[${page}] ${stage}：${title}`,
    maintenanceSubject: (page, title) => `[${page}] 计划维护：${title}`,
    maintenanceWhen: (from, to) => `时间：${from} 至 ${to}`,
    impact: '影响',
    posted: '发布于',
    confirmSubject: (page) => `[${page}] 请确认订阅`,
    confirmIntro: (page) => `有人（希望是您）请求订阅 ${page} 状态页的更新。请打开下面的链接并按下按钮确认：`,
    confirmIgnore: '如果这不是您的请求，请忽略本邮件；未经确认不会再给您发送任何内容。',
    confirmAction: '确认订阅',
    viewPage: '查看状态页',
    unsubscribe: '退订',
    footer: (page) => `您收到此邮件，是因为订阅了 ${page} 状态页。`,
    checkInbox: {
      title: '请查收邮件',
      body: '如果该地址可以接收邮件，一封带有确认链接的邮件正在路上。确认之后您才会收到更新。',
    },
    confirmPage: {
      title: (page) => `确认订阅 ${page}`,
      button: '确认订阅',
      hint: '按下按钮才会确认；打开链接本身不会改变任何内容。',
      done: '订阅已确认。状态页每次发布更新时您都会收到通知。',
      already: '此订阅已经确认过。',
    },
    unsubscribePage: {
      title: (page) => `退订 ${page}`,
      button: '退订',
      hint: '按下按钮即退订，不会再收到任何邮件。',
      done: '已退订。您不会再收到此状态页的通知。',
    },
    invalidLink: '此链接无效，或订阅已经结束。',
    invalidInput: (field) => `请检查填写的内容（${field}）。`,
  },
  en: {
    stages: { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' },
    impacts: { none: 'none', minor: 'minor', major: 'major', critical: 'critical' },
    colon: ': ',
    updateSubject: (page, stage, title) => `[${page}] ${stage}: ${title}`,
    maintenanceSubject: (page, title) => `[${page}] Scheduled maintenance: ${title}`,
    maintenanceWhen: (from, to) => `When: ${from} to ${to}`,
    impact: 'Impact',
    posted: 'Posted',
    confirmSubject: (page) => `[${page}] Please confirm your subscription`,
    confirmIntro: (page) =>
      `Someone (hopefully you) asked to be notified about the ${page} status page. Open the link below and press the button to confirm:`,
    confirmIgnore: 'If you did not ask for this, ignore this message: nothing more is sent without a confirmation.',
    confirmAction: 'Confirm subscription',
    viewPage: 'View the status page',
    unsubscribe: 'Unsubscribe',
    footer: (page) => `You receive this because you subscribed to the ${page} status page.`,
    checkInbox: {
      title: 'Check your inbox',
      body: 'If the address can receive mail, a message with a confirmation link is on its way. Updates start once you confirm.',
    },
    confirmPage: {
      title: (page) => `Confirm your subscription to ${page}`,
      button: 'Confirm subscription',
      hint: 'Nothing happens until you press the button; opening the link changes nothing.',
      done: 'Your subscription is confirmed. You will be notified whenever the status page is updated.',
      already: 'This subscription was already confirmed.',
    },
    unsubscribePage: {
      title: (page) => `Unsubscribe from ${page}`,
      button: 'Unsubscribe',
      hint: 'Pressing the button ends the subscription at once.',
      done: 'You are unsubscribed and will receive no more messages from this status page.',
    },
    invalidLink: 'This link is not valid, or the subscription has ended.',
    invalidInput: (field) => `Please check what you entered (${field}).`,
  },
};

/** `2026-11-30 02:00 UTC`: pages have no time zone of their own, so times are given in UTC. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function stageName(stage: string, locale: StatusLocale): string {
  return SUBSCRIBER_TEXT[locale].stages[stage as PublicStage] ?? stage;
}

export function impactName(impact: string, locale: StatusLocale): string {
  return SUBSCRIBER_TEXT[locale].impacts[impact as PublicImpact] ?? impact;
}
