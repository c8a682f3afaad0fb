import type { StatusLocale } from '../domain/status/snapshot.js';

/** The fixed pages of the public side: not found and unavailable, in both languages, built once. */

const TEXT = {
  notFound: {
    'zh-CN': ['找不到此状态页', '地址可能有误，或此页已被删除。'],
    en: ['Status page not found', 'The address may be mistyped, or the page was removed.'],
  },
  unavailable: {
    'zh-CN': ['状态页暂时无法显示', '请稍后刷新。'],
    en: ['The status page is temporarily unavailable', 'Please reload in a moment.'],
  },
} as const;

function page(locale: StatusLocale, [title, hint]: readonly [string, string]): Buffer {
  return Buffer.from(
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<meta name="robots" content="noindex"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style>` +
      `</head><body><main><h1>${title}</h1><p>${hint}</p></main></body></html>`,
  );
}

export const FIXED_PAGES: Record<'notFound' | 'unavailable', Record<StatusLocale, Buffer>> = {
  notFound: { 'zh-CN': page('zh-CN', TEXT.notFound['zh-CN']), en: page('en', TEXT.notFound.en) },
  unavailable: { 'zh-CN': page('zh-CN', TEXT.unavailable['zh-CN']), en: page('en', TEXT.unavailable.en) },
};
