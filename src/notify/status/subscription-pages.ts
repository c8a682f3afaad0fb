import type { StatusLocale } from '../../domain/status/snapshot.js';
import { escapeHtml } from '../text.js';
import { SUBSCRIBER_TEXT } from './subscriber-text.js';

/**
 * The small HTML pages of self-service subscription: "check your inbox", and the pages behind the
 * confirm and unsubscribe links. A link opened with GET shows one button that POSTs back to the
 * same URL (link scanners and previews fetch with GET); they work without JavaScript.
 */

function page(locale: StatusLocale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
button{font-size:1.1rem;padding:.7rem 1.2rem;border-radius:.4rem;border:0;background:#1a56db;color:#fff;cursor:pointer}
.muted{color:#555;font-size:.9rem}</style></head>
<body>${body}</body></html>`;
}

const back = (url: string, name: string) => `<p class="muted"><a href="${escapeHtml(url)}">${escapeHtml(name)}</a></p>`;

export function checkInboxPage(locale: StatusLocale, pageName: string, pageUrl: string): string {
  const t = SUBSCRIBER_TEXT[locale].checkInbox;
  return page(locale, t.title, `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.body)}</p>${back(pageUrl, pageName)}`);
}

/** The page a confirm or unsubscribe link opens: one button that POSTs to `action` (the same URL). */
export function linkActionPage(locale: StatusLocale, kind: 'confirm' | 'unsubscribe', pageName: string, action: string): string {
  const t = kind === 'confirm' ? SUBSCRIBER_TEXT[locale].confirmPage : SUBSCRIBER_TEXT[locale].unsubscribePage;
  const title = t.title(pageName);
  return page(
    locale,
    title,
    `<h1>${escapeHtml(title)}</h1>
<form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(t.button)}</button></form>
<p class="muted">${escapeHtml(t.hint)}</p>`,
  );
}

export function linkDonePage(locale: StatusLocale, message: string, pageName: string, pageUrl: string): string {
  return page(locale, pageName, `<h1>${escapeHtml(pageName)}</h1><p><strong>${escapeHtml(message)}</strong></p>${back(pageUrl, pageName)}`);
}

/**
 * An error in both languages (the reader's is not known when a link or a form is bad): a bad link,
 * or the form field to fix, and the error's own message.
 */
export function subscriptionErrorPage(message: string, problem: { link: true } | { field: string } | null): string {
  const [zh, en] = [SUBSCRIBER_TEXT['zh-CN'], SUBSCRIBER_TEXT.en];
  const lines =
    problem === null
      ? []
      : 'field' in problem
        ? [zh.invalidInput(problem.field), en.invalidInput(problem.field)]
        : [zh.invalidLink, en.invalidLink];
  return page(
    'en',
    '订阅 / Subscription',
    `${lines.map((l) => `<p><strong>${escapeHtml(l)}</strong></p>`).join('')}<p class="muted">${escapeHtml(message)}</p>`,
  );
}
