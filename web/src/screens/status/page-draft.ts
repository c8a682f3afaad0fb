// The status-page form's state as strings, the API body made from it, and the API's field errors in
// the reader's words where we know them.
import { isApiError } from '../../api/errors';
import type { StatusPage, StatusPageInput } from '../../api/types';
import type { Messages } from '../../i18n/messages';
import { errorFor, fieldErrors, type FieldMessages } from '../monitors/form-errors';

export interface PageDraft {
  slug: string;
  name: string;
  description: string;
  /** One host name per line. */
  hostnames: string;
  logoUrl: string;
  useColor: boolean;
  primaryColor: string;
  defaultLocale: 'zh-CN' | 'en';
}

export function pageDraftOf(p: StatusPage | undefined, locale: string): PageDraft {
  return {
    slug: p?.slug ?? '',
    name: p?.name ?? '',
    description: p?.description ?? '',
    hostnames: (p?.hostnames ?? []).join('\n'),
    logoUrl: p?.branding.logoUrl ?? '',
    useColor: Boolean(p?.branding.primaryColor),
    primaryColor: p?.branding.primaryColor ?? '#1d4ed8',
    defaultLocale: p?.defaultLocale ?? (locale === 'en' ? 'en' : 'zh-CN'),
  };
}

export function pageInputOf(d: PageDraft): StatusPageInput {
  return {
    slug: d.slug.trim(),
    name: d.name.trim(),
    description: d.description.trim() || null,
    hostnames: d.hostnames
      .split(/[\s,]+/)
      .map((h) => h.trim())
      .filter(Boolean),
    branding: { logoUrl: d.logoUrl.trim() || null, primaryColor: d.useColor ? d.primaryColor.trim() : null },
    defaultLocale: d.defaultLocale,
  };
}

/** Field errors keyed as the form's fields: `hostnames[1]` shows on `hostnames`, `branding.logoUrl` on `logoUrl`. */
export function pageFieldErrors(err: unknown, t: Messages): FieldMessages {
  const f = t.statusPages.form;
  const raw = fieldErrors(err);
  const conflict = isApiError(err) && err.status === 409;
  const out: FieldMessages = {};
  const slug = errorFor(raw, 'slug');
  if (slug) out.slug = conflict ? f.slugTaken : /must match|pattern/.test(slug) ? f.slugInvalid : slug;
  const hosts = errorFor(raw, 'hostnames');
  if (hosts) out.hostnames = conflict ? `${f.hostnameTaken} (${hosts})` : hosts;
  for (const key of ['name', 'description', 'defaultLocale'] as const) {
    const message = errorFor(raw, key);
    if (message) out[key] = message;
  }
  const logo = errorFor(raw, 'branding.logoUrl');
  if (logo) out.logoUrl = logo;
  const color = errorFor(raw, 'branding.primaryColor');
  if (color) out.primaryColor = color;
  return out;
}
