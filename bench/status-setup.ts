// The status page bench/status.ts measures: 50 catalog services, a page with 50 components in five
// groups (one service each), 90 days of history (internal incidents, resolved public posts), an
// open public incident with updates, maintenance; and two services that are not on the page, for
// the background ingest.
//
// Everything is created over the API, then the history is moved into the past in the SQLite file,
// because the API cannot write it: `resolve` stamps the server's now (an incident opened with
// `startedAt` 40 days ago and resolved now counts as down for all 40 days), a public post's
// `resolved` update likewise, and a component counts only from its `createdAt` (days before show
// "no data"). The bench rewrites those instants before the first public request, so that the
// first snapshot already has real bars.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { api, rng } from './harness.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export const PAGE_SLUG = 'bench';
/** Not on the page: the background ingest goes here, so the page is not rebuilt all the time. */
export const OFF_PAGE_SERVICE = 'bench-ingest';

const GROUPS: Array<{ name: string; components: Array<[id: string, name: string]> }> = [
  {
    name: '网站与应用',
    components: [
      ['web', '官网'],
      ['app', '移动应用'],
      ['console', '管理控制台'],
      ['search', '搜索'],
      ['recommend', '推荐'],
      ['push', '消息推送'],
      ['support-chat', '在线客服'],
      ['docs', '文档中心'],
      ['community', '社区'],
      ['campaigns', '活动页'],
    ],
  },
  {
    name: '支付',
    components: [
      ['checkout', '收银台'],
      ['alipay', '支付宝通道'],
      ['wechat-pay', '微信支付通道'],
      ['unionpay', '银联通道'],
      ['refunds', '退款'],
      ['reconciliation', '对账'],
      ['invoicing', '电子发票'],
      ['wallet', '钱包'],
      ['risk', '风控'],
      ['settlement', '结算'],
    ],
  },
  {
    name: '账户',
    components: [
      ['sign-in', '登录'],
      ['sign-up', '注册'],
      ['sms', '短信验证码'],
      ['email', '邮件通知'],
      ['kyc', '实名认证'],
      ['membership', '会员'],
      ['points', '积分'],
      ['coupons', '优惠券'],
      ['addresses', '收货地址'],
      ['sso', '企业单点登录'],
    ],
  },
  {
    name: '开放平台',
    components: [
      ['rest-api', 'REST API'],
      ['webhooks', 'Webhooks'],
      ['oauth', 'OAuth 授权'],
      ['dev-portal', '开发者中心'],
      ['export', '数据导出'],
      ['reports-api', '报表 API'],
      ['logistics-api', '物流 API'],
      ['orders-api', '订单 API'],
      ['catalog-api', '商品 API'],
      ['sandbox', '沙箱环境'],
    ],
  },
  {
    name: '基础设施',
    components: [
      ['dc-east', '华东机房'],
      ['dc-north', '华北机房'],
      ['cdn', 'CDN'],
      ['dns', 'DNS'],
      ['object-store', '对象存储'],
      ['mq', '消息队列'],
      ['database', '数据库'],
      ['cache', '缓存'],
      ['logging', '日志服务'],
      ['monitoring', '监控告警'],
    ],
  },
];

/** A service on the page, for the variant where the background ingest goes to one of its services. */
export const ON_PAGE_SERVICE = 'mq';

export interface StatusSetup {
  pageId: string;
  slug: string;
  /** The open public incident the measured updates go to. */
  openPostId: string;
  /** PagerDuty routing keys: an integration bound to a service off the page, and one on it. */
  offPageKey: string;
  onPageKey: string;
  counts: { services: number; components: number; internalIncidents: number; pastPosts: number; updates: number; maintenances: number };
}

interface Backdate {
  incidents: Array<{ id: string; mitigatedAt: number; resolvedAt: number }>;
  posts: Array<{ id: string; resolvedAt: number; updates: Array<{ id: string; at: number }> }>;
  componentsCreatedAt: number;
  pageId: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Creates the catalog, the page and its history over the API; see the file comment for what is then moved into the past. */
export async function setUpStatusPage(base: string, token: string, dataDir: string, log: (s: string) => void): Promise<StatusSetup> {
  const call = <T = { id: string }>(method: string, path: string, body?: unknown) => api<T>(base, token, method, path, body);
  const random = rng(2026);
  const now = Date.now();
  const components = GROUPS.flatMap((g) => g.components.map(([id, name]) => ({ id, name, group: g.name })));

  for (const c of components) await call('POST', '/api/v1/services', { id: c.id, name: c.name });
  await call('POST', '/api/v1/services', { id: OFF_PAGE_SERVICE, name: 'Bench ingest (not on the page)' });

  const page = await call('POST', '/api/v1/status-pages', {
    slug: PAGE_SLUG,
    name: '烽火示例',
    description: '服务运行状态与事件通告',
    defaultLocale: 'zh-CN',
    branding: { primaryColor: '#1c5fa8' },
  });
  const componentIds = new Map<string, string>();
  for (const [i, c] of components.entries()) {
    const created = await call('POST', `/api/v1/status-pages/${page.id}/components`, {
      name: c.name,
      group: c.group,
      description: i % 3 === 0 ? `${c.name}：对外服务与相关接口` : null,
      serviceIds: [c.id],
    });
    componentIds.set(c.id, created.id);
  }
  log(`  ${components.length} services and components`);

  // 90 days of internal incidents on half of the services: 1–4 each, 10 minutes to 6 hours,
  // outages (down) and degradations (only colour the day); none still open.
  const backdate: Backdate = { incidents: [], posts: [], componentsCreatedAt: now - 120 * DAY, pageId: page.id };
  for (const [i, c] of components.entries()) {
    if (i % 2 === 1) continue;
    const n = 1 + Math.floor(random() * 4);
    for (let k = 0; k < n; k++) {
      const startedAt = now - Math.floor((1 + random() * 87) * DAY);
      const minutes = 10 + Math.floor(random() * 350);
      const impact = random() < 0.6 ? 'outage' : 'degraded';
      const incident = await call('POST', '/api/v1/incidents', {
        title: `${c.name} ${impact === 'outage' ? '不可用' : '响应变慢'}`,
        services: [c.id],
        impact,
        usersAffectedPct: Math.round(random() * 30),
        startedAt: iso(startedAt),
      });
      await call('POST', `/api/v1/incidents/${incident.id}/resolve`, {});
      const resolvedAt = startedAt + minutes * MINUTE;
      backdate.incidents.push({ id: incident.id, mitigatedAt: startedAt + Math.floor(minutes * 0.7) * MINUTE, resolvedAt });
    }
  }
  log(`  ${backdate.incidents.length} internal incidents in the last 90 days`);

  // Three resolved public posts in the history.
  const past: Array<{ days: number; hours: number; ids: string[]; status: string; title: string }> = [
    { days: 12, hours: 3, ids: ['checkout', 'alipay'], status: 'partial_outage', title: '部分用户支付失败' },
    { days: 41, hours: 1, ids: ['sign-in', 'sms'], status: 'degraded_performance', title: '短信验证码延迟' },
    { days: 77, hours: 5, ids: ['cdn', 'web', 'app'], status: 'major_outage', title: '华东地区访问中断' },
  ];
  for (const p of past) {
    const startedAt = now - p.days * DAY;
    const post = await call<{ id: string; updates: Array<{ id: string }> }>('POST', `/api/v1/status-pages/${page.id}/incidents`, {
      title: p.title,
      impact: p.status === 'major_outage' ? 'critical' : p.status === 'partial_outage' ? 'major' : 'minor',
      components: p.ids.map((id) => ({ id: componentIds.get(id), status: p.status })),
      stage: 'investigating',
      body: `我们正在调查${p.title}的问题，稍后更新。`,
      startedAt: iso(startedAt),
    });
    const first = post.updates[0]?.id;
    const identified = await call<{ updates: Array<{ id: string }> }>(
      'POST',
      `/api/v1/status-pages/${page.id}/incidents/${post.id}/updates`,
      {
        stage: 'identified',
        body: '已定位原因：上游网络设备故障，正在切换线路。',
      },
    );
    const resolved = await call<{ updates: Array<{ id: string }> }>(
      'POST',
      `/api/v1/status-pages/${page.id}/incidents/${post.id}/updates`,
      {
        stage: 'resolved',
        body: '已恢复，我们会继续观察并发布复盘。',
      },
    );
    const resolvedAt = startedAt + p.hours * HOUR;
    backdate.posts.push({
      id: post.id,
      resolvedAt,
      updates: [
        ...(first ? [{ id: first, at: startedAt + 5 * MINUTE }] : []),
        ...(identified.updates[0] ? [{ id: identified.updates[0].id, at: startedAt + 40 * MINUTE }] : []),
        ...(resolved.updates[0] ? [{ id: resolved.updates[0].id, at: resolvedAt }] : []),
      ],
    });
  }
  moveIntoThePast(dataDir, backdate);
  log(`  ${past.length} resolved public posts; history moved into the past in the SQLite file`);

  // Now, through the API only (each write raises the page's version).
  const open = await call('POST', `/api/v1/status-pages/${page.id}/incidents`, {
    title: '部分地区微信支付延迟',
    impact: 'minor',
    components: [
      { id: componentIds.get('wechat-pay'), status: 'partial_outage' },
      { id: componentIds.get('checkout'), status: 'degraded_performance' },
    ],
    stage: 'investigating',
    body: '部分华南用户使用微信支付时出现延迟，我们正在调查。',
  });
  for (const [stage, body] of [
    ['identified', '原因已定位：支付通道的一处专线拥塞，正在切换到备用线路。'],
    ['monitoring', '已切换到备用线路，支付成功率正在恢复，我们持续观察中。'],
  ] as const) {
    await call('POST', `/api/v1/status-pages/${page.id}/incidents/${open.id}/updates`, { stage, body });
  }
  const infra = ['database', 'cache', 'mq'].map((id) => componentIds.get(id));
  await call('POST', `/api/v1/status-pages/${page.id}/maintenances`, {
    title: '数据库与缓存例行升级',
    body: '升级期间写入可能有数秒延迟，读取不受影响。',
    componentIds: infra,
    startsAt: iso(now + 2 * DAY),
    endsAt: iso(now + 2 * DAY + 2 * HOUR),
  });
  await call('POST', `/api/v1/status-pages/${page.id}/maintenances`, {
    title: '对象存储扩容',
    body: '扩容已完成。',
    componentIds: [componentIds.get('object-store')],
    startsAt: iso(now - 3 * DAY),
    endsAt: iso(now - 3 * DAY + HOUR),
  });

  const offPage = await call<{ key: string }>('POST', '/api/v1/integrations', {
    name: 'bench-off-page',
    kind: 'pagerduty',
    serviceId: OFF_PAGE_SERVICE,
  });
  const onPage = await call<{ key: string }>('POST', '/api/v1/integrations', {
    name: 'bench-on-page',
    kind: 'pagerduty',
    serviceId: ON_PAGE_SERVICE,
  });
  return {
    pageId: page.id,
    slug: PAGE_SLUG,
    openPostId: open.id,
    offPageKey: offPage.key,
    onPageKey: onPage.key,
    counts: {
      services: components.length + 1,
      components: components.length,
      internalIncidents: backdate.incidents.length,
      pastPosts: past.length,
      updates: past.length * 3 + 3,
      maintenances: 2,
    },
  };
}

interface Sqlite {
  pragma(s: string): unknown;
  prepare(sql: string): { run(...params: unknown[]): { changes: number } };
  transaction(fn: () => void): () => void;
  close(): void;
}

/** Rewrites the instants the API stamps with "now" (see the file comment); nothing public has been read yet. */
function moveIntoThePast(dataDir: string, b: Backdate): void {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, o: { fileMustExist: boolean }) => Sqlite;
  const db = new Database(join(dataDir, 'fenghuo.db'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const incident = db.prepare(
      'update incidents set acknowledged_at = null, mitigated_at = ?, resolved_at = ?, updated_at = ? where id = ?',
    );
    const post = db.prepare('update status_incidents set resolved_at = ?, updated_at = ? where id = ?');
    const update = db.prepare('update status_updates set created_at = ? where id = ?');
    const components = db.prepare('update status_components set created_at = ? where page_id = ?');
    db.transaction(() => {
      for (const i of b.incidents) {
        if (incident.run(i.mitigatedAt, i.resolvedAt, i.resolvedAt, i.id).changes !== 1) throw new Error(`incident ${i.id} not found`);
      }
      for (const p of b.posts) {
        if (post.run(p.resolvedAt, p.resolvedAt, p.id).changes !== 1) throw new Error(`status incident ${p.id} not found`);
        for (const u of p.updates) update.run(u.at, u.id);
      }
      if (components.run(b.componentsCreatedAt, b.pageId).changes === 0) throw new Error('no components to backdate');
    })();
  } finally {
    db.close();
  }
}
