// Every channel marks a drill's page ([演练] in Chinese, [DRILL] in English) where a person reads it
// first, and a real page carries no mark: each format is sent to its fake receiver and read back.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderBundle, renderMessage, type Locale, type PageMessage } from '../message.js';
import type { Delivery, SendDeps } from './channel.js';
import { dingTalkChannel } from './dingtalk/dingtalk.js';
import { fakeDingTalkRobot } from './dingtalk/fake-dingtalk.js';
import { emailChannel } from './email/email.js';
import { startFakeSmtp, type FakeSmtp } from './email/fake-smtp.js';
import { fakeFeishuBot } from './feishu/fake-feishu.js';
import { feishuChannel } from './feishu/feishu.js';
import { fakeSlackWebhook } from './slack/fake-slack.js';
import { slackChannel } from './slack/slack.js';
import { smsGatewayChannel } from './sms-gateway/sms-gateway.js';
import { T0, aDelivery, aPage } from './testing/builders.js';
import { json, localOnly, startReceiver, type Receiver } from './testing/receiver.js';
import { webhookChannel, type WebhookPayload } from './webhook/webhook.js';
import { fakeWeComRobot } from './wecom/fake-wecom.js';
import { weComChannel } from './wecom/wecom.js';

const MARK: Record<Locale, string> = { 'zh-CN': '[演练]', en: '[DRILL]' };
const LOCALES: Locale[] = ['zh-CN', 'en'];
const deps: SendDeps = { now: () => T0, http: localOnly(), timeoutMs: 2_000 };

function delivery<C>(config: C, locale: Locale, drill: boolean, extra: Partial<Delivery<C>> = {}): Delivery<C> {
  const page: PageMessage = aPage({ drill });
  return aDelivery(config, { locale, messages: [page], rendered: renderMessage(page, locale), ...extra });
}

const hasNoMark = (text: string): boolean => !text.includes(MARK.en) && !text.includes(MARK['zh-CN']);

describe('drill mark: the rendered message', () => {
  for (const locale of LOCALES) {
    it(`${locale}: subject, text, markdown and HTML start with the mark; a real page has none`, () => {
      const drill = renderMessage(aPage({ drill: true }), locale);
      assert.ok(drill.subject.startsWith(`${MARK[locale]} [`), drill.subject);
      assert.ok(drill.text.startsWith(`${MARK[locale]} [`), drill.text);
      assert.ok(unescaped(drill.markdown).startsWith(`### ${MARK[locale]} [`), drill.markdown);
      assert.ok(drill.html.includes(`<h2>${MARK[locale]} [`), drill.html);
      const real = renderMessage(aPage(), locale);
      for (const part of [real.subject, real.text, real.markdown, real.html]) assert.ok(hasNoMark(part), part);
    });
  }

  it('a bundle marks each drill it lists, and its subject only when every message is a drill', () => {
    const mixed = renderBundle([aPage({ drill: true, incidentNumber: 1 }), aPage({ incidentNumber: 2 })], 'en');
    assert.ok(hasNoMark(mixed.subject), mixed.subject);
    assert.match(mixed.text, /- \[DRILL\] \[Level 1\] #1 /);
    assert.match(mixed.text, /- \[Level 1\] #2 /);
    const drills = renderBundle([aPage({ drill: true, incidentNumber: 1 }), aPage({ drill: true, incidentNumber: 2 })], 'zh-CN');
    assert.ok(drills.subject.startsWith('[演练] [一级]'), drills.subject);
  });
});

describe('drill mark: each channel format', () => {
  const SECRET = 'drill-secret';
  let robots: Receiver;
  let smtp: FakeSmtp;
  before(async () => {
    const wecom = fakeWeComRobot({ key: 'k', now: () => T0, perMinute: 1000 });
    const dingtalk = fakeDingTalkRobot({ accessToken: 't', secret: SECRET, now: () => T0 });
    const feishu = fakeFeishuBot({ hookPath: '/feishu', secret: SECRET, now: () => T0 });
    const slack = fakeSlackWebhook('/slack');
    robots = await startReceiver((req) => {
      if (req.url.startsWith('/cgi-bin/')) return wecom(req);
      if (req.url.startsWith('/robot/')) return dingtalk(req);
      if (req.url === '/feishu') return feishu(req);
      if (req.url === '/slack') return slack(req);
      return json({ ok: true });
    });
    smtp = await startFakeSmtp();
  });
  after(async () => {
    await robots.close();
    await smtp.close();
  });

  /** Sends a drill page and a real one in `locale`; returns what arrived for each. */
  async function both(send: (drill: boolean) => Promise<void>, read: () => string): Promise<{ drill: string; real: string }> {
    await send(true);
    const drill = read();
    await send(false);
    return { drill, real: read() };
  }
  const lastBody = () => robots.requests.at(-1)!.body.toString('utf8');

  for (const locale of LOCALES) {
    const mark = MARK[locale];

    it(`${locale}: e-mail subject and body`, async () => {
      const config = { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Fenghuo <f@example.test>' };
      const recipients = [{ address: 'oncall@example.test', name: 'On call' }];
      const sent = await both(
        async (drill) => assert.equal((await emailChannel.send(delivery(config, locale, drill, { recipients }), deps)).status, 'sent'),
        () => {
          const mail = smtp.mails.at(-1)!;
          return `${mail.header('subject')}\n${mail.text}\n${mail.html}`;
        },
      );
      const [subject, ...body] = sent.drill.split('\n');
      assert.ok(subject?.startsWith(`${mark} [`), subject);
      assert.ok(body.join('\n').includes(`${mark} [`), 'the body says it too');
      assert.ok(hasNoMark(sent.real), sent.real);
    });

    it(`${locale}: webhook subject, text and "drill": true`, async () => {
      const config = { url: `${robots.origin}/hook`, secret: SECRET };
      const sent = await both(
        async (drill) => assert.equal((await webhookChannel.send(delivery(config, locale, drill), deps)).status, 'sent'),
        lastBody,
      );
      const drill = JSON.parse(sent.drill) as WebhookPayload;
      assert.equal(drill.drill, true);
      assert.equal(drill.messages[0]?.drill, true);
      assert.ok(drill.subject.startsWith(`${mark} [`) && drill.text.startsWith(`${mark} [`) && unescaped(drill.markdown).includes(mark));
      const real = JSON.parse(sent.real) as WebhookPayload;
      assert.equal(real.drill, false);
      assert.equal(real.messages[0]?.drill, false);
      assert.ok(hasNoMark(sent.real));
    });

    for (const kind of ['slack', 'wecom', 'dingtalk', 'feishu'] as const) {
      it(`${locale}: ${kind} text`, async () => {
        const config =
          kind === 'slack'
            ? { webhookUrl: `${robots.origin}/slack` }
            : kind === 'wecom'
              ? { webhookUrl: `${robots.origin}/cgi-bin/webhook/send?key=k` }
              : kind === 'dingtalk'
                ? { webhookUrl: `${robots.origin}/robot/send?access_token=t`, secret: SECRET }
                : { webhookUrl: `${robots.origin}/feishu`, secret: SECRET };
        const channel = { slack: slackChannel, wecom: weComChannel, dingtalk: dingTalkChannel, feishu: feishuChannel }[kind];
        const sent = await both(async (drill) => {
          const outcome = await channel.send(delivery(config as never, locale, drill), deps);
          assert.equal(outcome.status, 'sent', outcome.detail);
        }, lastBody);
        // The message as the robot shows it: JSON-decoded, so the mark reads as written.
        assert.ok(readable(sent.drill).includes(`${mark} [`), readable(sent.drill));
        assert.ok(hasNoMark(readable(sent.real)), sent.real);
      });
    }

    it(`${locale}: SMS gateway {{subject}} and {{title}}`, async () => {
      const config = {
        method: 'POST' as const,
        url: `${robots.origin}/sms`,
        contentType: 'application/json' as const,
        bodyTemplate: '{"subject":"{{subject}}","title":"{{title}}"}',
      };
      const recipients = [{ address: '+8613800138000', name: '张伟' }];
      const sent = await both(async (drill) => {
        const outcome = await smsGatewayChannel.send(delivery(config, locale, drill, { recipients }), deps);
        assert.equal(outcome.status, 'sent', outcome.detail);
      }, lastBody);
      const drill = JSON.parse(sent.drill) as { subject: string; title: string };
      assert.ok(drill.subject.startsWith(`${mark} [`), drill.subject);
      assert.ok(drill.title.startsWith(`${mark} `), drill.title);
      assert.ok(hasNoMark(sent.real), sent.real);
    });
  }
});

/** Markdown as displayed: `\[` shows as `[`. */
function unescaped(markdown: string): string {
  return markdown.replace(/\\([[\]])/g, '$1');
}

/** Every string in a JSON body, joined and unescaped: what a robot displays, whatever its envelope. */
function readable(body: string): string {
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(body));
  return unescaped(strings.join('\n'));
}
