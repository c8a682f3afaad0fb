import type { StatusLocale, StatusSnapshot } from '../domain/status/snapshot.js';
import { COMPONENT_STATUSES } from '../domain/status/snapshot.js';
import { escapeMarkup as e, safeColor, safeImageUrl, textOn } from './escape.js';
import { activeIncidentSection, componentSection, historySection, maintenanceSection } from './html-parts.js';
import { DEFAULT_BRAND, NO_DATA_COLOR, STATUS_COLOR } from './palette.js';
import { formatUtc, TEXTS } from './text.js';

export interface HtmlOptions {
  /** The moment the page describes (the snapshot's build time when served from the cache). */
  now: number;
  /** Where the page lives, without a trailing slash: `/status/acme`, or `` on a custom domain. */
  basePath: string;
}

const LOCALES: Array<{ locale: StatusLocale; label: string }> = [
  { locale: 'zh-CN', label: '中文' },
  { locale: 'en', label: 'English' },
];

function styles(brand: string): string {
  const statusRules = COMPONENT_STATUSES.map((s) => `.s-${s}{fill:${STATUS_COLOR[s]};background:${STATUS_COLOR[s]}}`).join('');
  return (
    `:root{--brand:${brand};--on-brand:${textOn(brand)}}*{box-sizing:border-box}` +
    'body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.5;color:#1f2328;background:#f6f8fa}' +
    '.wrap{max-width:52rem;margin:0 auto;padding:0 1rem}.top{background:var(--brand);color:var(--on-brand);padding:1rem 0}' +
    '.top .wrap{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}.top a{color:var(--on-brand)}' +
    '.brand{display:flex;gap:.75rem;align-items:center}.brand img{max-height:2.5rem;max-width:10rem}h1{margin:0;font-size:1.5rem}' +
    '.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem}' +
    'nav ul{list-style:none;margin:0;padding:0;display:flex;gap:.75rem}[aria-current]{font-weight:700}' +
    'main section{margin:1.5rem 0}h2{font-size:1.2rem}.banner{padding:1rem;border-radius:.4rem;font-size:1.2rem;font-weight:600}' +
    '.comps{list-style:none;padding:0;margin:0}.comp{background:#fff;border:1px solid #d0d7de;border-radius:.4rem;padding:.75rem;margin:.5rem 0}' +
    '.row{display:flex;justify-content:space-between;gap:1rem;align-items:baseline}.cname{margin:0;font-size:1rem}.desc{margin:.25rem 0;color:#57606a}' +
    '.dot,.sw{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin-right:.35rem}.sw{border-radius:2px}' +
    `${statusRules}.nd{fill:${NO_DATA_COLOR};background:${NO_DATA_COLOR}}` +
    '.bars{display:block;width:100%;height:2.1rem;margin-top:.5rem}.axis{display:flex;justify-content:space-between;font-size:.8rem;color:#57606a}' +
    '.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1rem;font-size:.85rem}' +
    '.inc,.mt{background:#fff;border:1px solid #d0d7de;border-left:.4rem solid #c92a2a;border-radius:.4rem;padding:.75rem 1rem;margin:.75rem 0}' +
    `.imp-none,.imp-minor{border-left-color:${STATUS_COLOR.degraded_performance}}.imp-major{border-left-color:${STATUS_COLOR.partial_outage}}` +
    `.mt{border-left-color:${STATUS_COLOR.under_maintenance}}.inc h3,.mt h3{margin:.25rem 0}.tag{margin:0;font-weight:600;color:#1c5fa8}` +
    '.meta,.muted{color:#57606a;font-size:.9rem}.updates{padding-left:1.25rem}.uhead{margin:.25rem 0 0}' +
    '.hist{padding-left:1.25rem}summary{cursor:pointer}footer{margin:2rem 0;color:#57606a;font-size:.9rem}a{color:#0550ae}'
  );
}

function head(snapshot: StatusSnapshot, locale: StatusLocale, feeds: string): string {
  const t = TEXTS[locale];
  const brand = safeColor(snapshot.page.branding.primaryColor, DEFAULT_BRAND);
  const description = snapshot.page.description ?? t.overall[snapshot.overall];
  return (
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">' +
    `<title>${e(`${snapshot.page.name} · ${t.statusPage}`)}</title><meta name="description" content="${e(description)}">` +
    `<link rel="alternate" type="application/rss+xml" title="RSS" href="${e(`${feeds}/feed.rss?lang=${locale}`)}">` +
    `<link rel="alternate" type="application/atom+xml" title="Atom" href="${e(`${feeds}/feed.atom?lang=${locale}`)}">` +
    `<style>${styles(brand)}</style></head>`
  );
}

function topBar(snapshot: StatusSnapshot, locale: StatusLocale): string {
  const t = TEXTS[locale];
  const logo = safeImageUrl(snapshot.page.branding.logoUrl);
  const img = logo === null ? '' : `<img src="${e(logo)}" alt="${e(snapshot.page.name)}">`;
  const links = LOCALES.map(({ locale: l, label }) => {
    const current = l === locale ? ' aria-current="true"' : '';
    return `<li><a href="?lang=${l}" hreflang="${l}" lang="${l}"${current}>${label}</a></li>`;
  });
  return (
    `<a class="skip" href="#main">${e(t.skipToContent)}</a><header class="top"><div class="wrap">` +
    `<div class="brand">${img}<h1>${e(snapshot.page.name)} · ${e(t.statusPage)}</h1></div>` +
    `<nav aria-label="${e(t.language)}"><ul>${links.join('')}</ul></nav></div></header>`
  );
}

function footer(snapshot: StatusSnapshot, locale: StatusLocale, base: string): string {
  const t = TEXTS[locale];
  const updated = `<time datetime="${new Date(snapshot.builtAt).toISOString()}">${formatUtc(snapshot.builtAt)}</time>`;
  return (
    `<footer class="wrap"><nav aria-label="${e(t.subscribe)}"><ul>` +
    `<li><a href="${e(`${base}/feed.rss?lang=${locale}`)}">RSS</a></li><li><a href="${e(`${base}/feed.atom?lang=${locale}`)}">Atom</a></li>` +
    `<li><a href="${e(`${base}/summary.json`)}">summary.json</a></li></ul></nav>` +
    // A plain form: subscribing works without JavaScript (double opt-in by e-mail).
    `<form class="subscribe" method="post" action="${e(`/status/${snapshot.page.slug}/subscribe`)}">` +
    `<input type="hidden" name="locale" value="${e(locale)}">` +
    `<label>${e(t.emailLabel)} <input type="email" name="email" required maxlength="254" autocomplete="email"></label> ` +
    `<button type="submit">${e(t.subscribeButton)}</button></form>` +
    `<p>${e(t.lastUpdated)}: ${updated}</p></footer>`
  );
}

/** The whole public status page as one self-contained HTML document (inline CSS, no JavaScript). */
export function renderStatusHtml(snapshot: StatusSnapshot, locale: StatusLocale, options: HtmlOptions): string {
  const t = TEXTS[locale];
  const base = options.basePath.replace(/\/+$/, '');
  const description = snapshot.page.description ? `<p>${e(snapshot.page.description)}</p>` : '';
  const banner = `<p class="banner s-${snapshot.overall}" style="color:${textOn(STATUS_COLOR[snapshot.overall])}">${e(t.overall[snapshot.overall])}</p>`;
  return (
    `<!doctype html><html lang="${locale}">${head(snapshot, locale, base)}<body>${topBar(snapshot, locale)}` +
    `<main id="main" class="wrap">${description}${banner}` +
    activeIncidentSection(snapshot, t) +
    maintenanceSection(snapshot, t) +
    componentSection(snapshot, t) +
    historySection(snapshot, t, options.now) +
    `</main>${footer(snapshot, locale, base)}</body></html>`
  );
}
