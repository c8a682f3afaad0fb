import { escapeHtml, oneLine } from '../text.js';
import type { StatusNotice } from './status-notice.js';
import { SUBSCRIBER_TEXT, formatUtc, impactName, stageName } from './subscriber-text.js';

/** A notice in its subscriber's language: a subject, plain text, and simple HTML for e-mail. */
export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

interface Parts {
  subject: string;
  /** Lines before the body: what, when. */
  lead: string[];
  body: string;
  /** A prominent link (the confirm link), if any. */
  action: { label: string; url: string } | null;
  after: string[];
}

function parts(notice: StatusNotice): Parts {
  const t = SUBSCRIBER_TEXT[notice.locale];
  const page = oneLine(notice.page.name);
  switch (notice.kind) {
    case 'confirm':
      return {
        subject: t.confirmSubject(page),
        lead: [],
        body: t.confirmIntro(page),
        action: { label: t.confirmAction, url: notice.confirmUrl },
        after: [t.confirmIgnore],
      };
    case 'update': {
      const stage = stageName(notice.update.stage, notice.locale);
      const title = oneLine(notice.incident.title);
      return {
        subject: t.updateSubject(page, stage, title),
        lead: [
          `${title} — ${stage}`,
          `${t.impact}${t.colon}${impactName(notice.incident.impact, notice.locale)} · ${t.posted} ${formatUtc(notice.update.at)}`,
        ],
        body: notice.update.body,
        action: null,
        after: [],
      };
    }
    case 'maintenance': {
      const m = notice.maintenance;
      const title = oneLine(m.title);
      return {
        subject: t.maintenanceSubject(page, title),
        lead: [title, t.maintenanceWhen(formatUtc(m.startsAt), formatUtc(m.endsAt))],
        body: m.body,
        action: null,
        after: [],
      };
    }
  }
}

function htmlParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

export function renderNotice(notice: StatusNotice): RenderedNotice {
  const t = SUBSCRIBER_TEXT[notice.locale];
  const p = parts(notice);
  const page = oneLine(notice.page.name);
  const text = [
    ...p.lead,
    ...(p.lead.length > 0 ? [''] : []),
    p.body,
    '',
    ...(p.action ? [`${p.action.label}${t.colon}${p.action.url}`, ''] : []),
    ...p.after.flatMap((line) => [line, '']),
    `${t.viewPage}${t.colon}${notice.page.url}`,
    `${t.unsubscribe}${t.colon}${notice.unsubscribeUrl}`,
    '',
    t.footer(page),
  ].join('\n');
  const link = (label: string, url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const html = `<!doctype html>
<html lang="${notice.locale}"><head><meta charset="utf-8"><title>${escapeHtml(p.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;line-height:1.5">
${p.lead.map((line, i) => (i === 0 ? `<h2>${escapeHtml(line)}</h2>` : `<p style="color:#555">${escapeHtml(line)}</p>`)).join('\n')}
${htmlParagraphs(p.body)}
${p.action ? `<p><strong>${link(p.action.label, p.action.url)}</strong></p>` : ''}
${p.after.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
<p>${link(t.viewPage, notice.page.url)} · ${link(t.unsubscribe, notice.unsubscribeUrl)}</p>
<p style="color:#777;font-size:.85rem">${escapeHtml(t.footer(page))}</p>
</body></html>`;
  return { subject: p.subject, text, html };
}
