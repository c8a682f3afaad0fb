// Postmortems and the regulator's reports of an incident (docs/postmortems.md): what the incident
// page shows, how to start one, and where the printable documents are.
import { apiUrl, api } from './client';
import type { Page, PostmortemSummary, RegulatorClock, RegulatorReportSummary } from './types';
import type { Locale } from '../i18n/locales';

const seg = encodeURIComponent;

/**
 * The incident's postmortem, or null when it has none yet. Asked through the list (an incident has
 * at most one), so that "none yet" is an empty answer rather than a 404 in the browser's console.
 */
export async function getPostmortem(incidentId: string, signal?: AbortSignal): Promise<PostmortemSummary | null> {
  const { items } = await api.get<Page<{ id: string }>>('/postmortems', { incidentId, limit: 1 }, signal);
  if (items.length === 0) return null;
  return api.get<PostmortemSummary>(`/incidents/${seg(incidentId)}/postmortem`, undefined, signal);
}

export const startPostmortem = (incidentId: string) => api.post<PostmortemSummary>(`/incidents/${seg(incidentId)}/postmortem`);

export const listRegulatorReports = (incidentId: string, signal?: AbortSignal) =>
  api.get<{ clock: RegulatorClock; items: RegulatorReportSummary[] }>(`/incidents/${seg(incidentId)}/regulator-reports`, undefined, signal);

export const startRegulatorReport = (incidentId: string, kind: 'initial' | 'final') =>
  api.post<RegulatorReportSummary>(`/incidents/${seg(incidentId)}/regulator-reports`, { kind });

/** The printable page (print to PDF from the browser) or the Markdown file, in a language. */
export const postmortemDocument = (incidentId: string, format: 'html' | 'md', lang: Locale) =>
  apiUrl(`/incidents/${seg(incidentId)}/postmortem.${format}`, { lang });
export const regulatorDocument = (incidentId: string, reportId: string, format: 'html' | 'md', lang: Locale) =>
  apiUrl(`/incidents/${seg(incidentId)}/regulator-reports/${seg(reportId)}.${format}`, { lang });
