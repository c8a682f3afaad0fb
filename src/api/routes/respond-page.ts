import type { StoredIncident } from '../../store/incidents-repo.js';

/** The small HTML pages behind acknowledge/resolve links, in the recipient's language. */

type Lang = 'zh-CN' | 'en';

const TEXT = {
  'zh-CN': {
    level: (n: number) => ['', '一级', '二级', '三级', '四级'][n] ?? `${n}级`,
    acknowledge: '确认（认领）此事件',
    resolve: '标记为已解决',
    status: '状态',
    statuses: { triggered: '已触发', acknowledged: '已确认', mitigated: '已缓解', resolved: '已解决' } as Record<string, string>,
    done: { acknowledge: '已确认，升级已停止。', resolve: '已标记为解决。' },
    notDone: '未执行：',
    error: '无法使用此链接',
    hint: '按下按钮才会执行操作；打开链接本身不会改变任何内容。',
  },
  en: {
    level: (n: number) => `Level ${n}`,
    acknowledge: 'Acknowledge this incident',
    resolve: 'Mark as resolved',
    status: 'Status',
    statuses: { triggered: 'triggered', acknowledged: 'acknowledged', mitigated: 'mitigated', resolved: 'resolved' } as Record<
      string,
      string
    >,
    done: { acknowledge: 'Acknowledged; the escalation has stopped.', resolve: 'Marked as resolved.' },
    notDone: 'Not done: ',
    error: 'This link cannot be used',
    hint: 'Nothing happens until you press the button; opening the link changes nothing.',
  },
};

export function langOf(locale: string | null | undefined): Lang {
  return locale === 'en' ? 'en' : 'zh-CN';
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
.level{display:inline-block;padding:.1rem .5rem;border-radius:.3rem;background:#b00020;color:#fff;font-weight:600}
button{font-size:1.1rem;padding:.7rem 1.2rem;border-radius:.4rem;border:0;background:#1a56db;color:#fff;cursor:pointer}
.muted{color:#555;font-size:.9rem}</style></head>
<body>${body}</body></html>`;
}

function summary(lang: Lang, incident: StoredIncident): string {
  const t = TEXT[lang];
  return `<p><span class="level">${escape(t.level(incident.level))}</span> #${incident.number}</p>
<h1>${escape(incident.title)}</h1>
<p>${t.status}: <strong>${escape(t.statuses[incident.status] ?? incident.status)}</strong></p>`;
}

/** The page a link opens: the incident and one button that POSTs back to the same URL. */
export function actionPage(locale: string, incident: StoredIncident, action: 'acknowledge' | 'resolve'): string {
  const lang = langOf(locale);
  const t = TEXT[lang];
  return page(
    lang,
    `#${incident.number} ${incident.title}`,
    `${summary(lang, incident)}
<form method="post"><button type="submit">${escape(t[action])}</button></form>
<p class="muted">${escape(t.hint)}</p>`,
  );
}

export function resultPage(locale: string, incident: StoredIncident, action: 'acknowledge' | 'resolve', notDone: string | null): string {
  const lang = langOf(locale);
  const t = TEXT[lang];
  const message = notDone === null ? t.done[action] : `${t.notDone}${notDone}`;
  return page(lang, `#${incident.number} ${incident.title}`, `${summary(lang, incident)}<p><strong>${escape(message)}</strong></p>`);
}

export function errorPage(message: string): string {
  return page('en', TEXT.en.error, `<h1>${TEXT['zh-CN'].error} / ${TEXT.en.error}</h1><p>${escape(message)}</p>`);
}
