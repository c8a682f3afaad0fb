import type { ComponentStatus, PublicImpact, PublicStage, StatusLocale, UptimeDay } from '../domain/status/snapshot.js';

/** The words of the public status page in zh-CN and en; every renderer takes its labels from here. */

export interface StatusText {
  status: Record<ComponentStatus, string>;
  stage: Record<PublicStage, string>;
  impact: Record<PublicImpact, string>;
  /** The banner over the page, by overall status. */
  overall: Record<ComponentStatus, string>;
  maintenance: { scheduled: string; in_progress: string; completed: string };
  statusPage: string;
  skipToContent: string;
  language: string;
  activeIncidents: string;
  components: string;
  history: string;
  noIncidentsInMonth: string;
  legend: string;
  noData: string;
  uptime90: (percent: string) => string;
  daysAgo90: string;
  today: string;
  lastUpdated: string;
  subscribe: string;
  emailLabel: string;
  subscribeButton: string;
  impactLabel: string;
  window: (from: string, to: string) => string;
  resolvedAt: (at: string) => string;
  updates: (count: number) => string;
  day: (day: UptimeDay) => string;
  month: (year: number, month: number) => string;
  badgeStatus: string;
  badgeUptime: string;
  feedTitle: (name: string) => string;
  feedDescription: (name: string) => string;
  maintenanceTitle: (title: string) => string;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `0.99349` → `99.34`: floored, so a day with any downtime never reads as 100%. */
export function percent(share: number, digits: number): string {
  const scale = 10 ** (digits + 2);
  return (Math.floor(share * scale + 1e-9) / 10 ** digits).toFixed(digits);
}

/** `2026-11-20 14:05 UTC`: one unambiguous zone for everyone, as the uptime days are UTC days. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const TEXTS: Record<StatusLocale, StatusText> = {
  'zh-CN': {
    status: {
      operational: '正常',
      degraded_performance: '性能下降',
      partial_outage: '部分中断',
      major_outage: '严重中断',
      under_maintenance: '维护中',
    },
    stage: { investigating: '调查中', identified: '已确认原因', monitoring: '观察中', resolved: '已解决' },
    impact: { none: '无影响', minor: '轻微影响', major: '较大影响', critical: '严重影响' },
    overall: {
      operational: '所有系统运行正常',
      degraded_performance: '部分系统性能下降',
      partial_outage: '部分系统中断',
      major_outage: '系统严重中断',
      under_maintenance: '系统维护中',
    },
    maintenance: { scheduled: '计划维护', in_progress: '维护进行中', completed: '维护已完成' },
    statusPage: '服务状态',
    skipToContent: '跳到正文',
    language: '语言',
    activeIncidents: '当前事件',
    components: '组件状态',
    history: '历史事件（过去 90 天）',
    noIncidentsInMonth: '本月无事件。',
    legend: '图例',
    noData: '无数据',
    uptime90: (p) => `90 天可用率 ${p}%`,
    daysAgo90: '90 天前',
    today: '今天',
    lastUpdated: '最后更新',
    subscribe: '订阅与接口',
    emailLabel: '电子邮件',
    subscribeButton: '订阅更新',
    impactLabel: '影响',
    window: (from, to) => `${from} 至 ${to}`,
    resolvedAt: (at) => `已于 ${at} 解决`,
    updates: (n) => `${n} 条更新`,
    day: (d) =>
      d.uptime === null
        ? `${d.date}：无数据`
        : `${d.date}：可用率 ${percent(d.uptime, 1)}%` + (d.downMinutes > 0 ? `，中断 ${d.downMinutes} 分钟` : ''),
    month: (y, m) => `${y}年${m}月`,
    badgeStatus: '状态',
    badgeUptime: '可用率',
    feedTitle: (name) => `${name} 服务状态`,
    feedDescription: (name) => `${name} 的事件与维护通知`,
    maintenanceTitle: (title) => `计划维护：${title}`,
  },
  en: {
    status: {
      operational: 'operational',
      degraded_performance: 'degraded performance',
      partial_outage: 'partial outage',
      major_outage: 'major outage',
      under_maintenance: 'under maintenance',
    },
    stage: { investigating: 'investigating', identified: 'identified', monitoring: 'monitoring', resolved: 'resolved' },
    impact: { none: 'no impact', minor: 'minor', major: 'major', critical: 'critical' },
    overall: {
      operational: 'All systems operational',
      degraded_performance: 'Some systems have degraded performance',
      partial_outage: 'Partial system outage',
      major_outage: 'Major system outage',
      under_maintenance: 'Under maintenance',
    },
    maintenance: { scheduled: 'Scheduled maintenance', in_progress: 'Maintenance in progress', completed: 'Maintenance completed' },
    statusPage: 'Status',
    skipToContent: 'Skip to content',
    language: 'Language',
    activeIncidents: 'Active incidents',
    components: 'Components',
    history: 'Incident history (past 90 days)',
    noIncidentsInMonth: 'No incidents this month.',
    legend: 'Legend',
    noData: 'no data',
    uptime90: (p) => `${p}% uptime over 90 days`,
    daysAgo90: '90 days ago',
    today: 'Today',
    lastUpdated: 'Last updated',
    subscribe: 'Feeds and API',
    emailLabel: 'E-mail',
    subscribeButton: 'Subscribe to updates',
    impactLabel: 'Impact',
    window: (from, to) => `${from} to ${to}`,
    resolvedAt: (at) => `Resolved ${at}`,
    updates: (n) => (n === 1 ? '1 update' : `${n} updates`),
    day: (d) =>
      d.uptime === null
        ? `${d.date}: no data`
        : `${d.date}: ${percent(d.uptime, 1)}% up` + (d.downMinutes > 0 ? `, ${d.downMinutes} min down` : ''),
    month: (y, m) => `${MONTHS_EN[m - 1] ?? String(m)} ${y}`,
    badgeStatus: 'status',
    badgeUptime: 'uptime',
    feedTitle: (name) => `${name} status`,
    feedDescription: (name) => `Incidents and maintenance for ${name}`,
    maintenanceTitle: (title) => `Scheduled maintenance: ${title}`,
  },
};
