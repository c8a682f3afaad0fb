import type { SnapshotComponent, SnapshotIncident, SnapshotMaintenance, StatusSnapshot, UptimeDay } from '../domain/status/snapshot.js';
import { COMPONENT_STATUSES } from '../domain/status/snapshot.js';
import { escapeMarkup as e, escapeMultiline } from './escape.js';
import { formatUtc, percent, type StatusText } from './text.js';

/** Pieces of the HTML status page: components with their 90-day bars, incidents, maintenance. */

const BAR_WIDTH = 8;
const BAR_STEP = 10;
const BAR_HEIGHT = 34;

function time(ms: number): string {
  return `<time datetime="${new Date(ms).toISOString()}">${formatUtc(ms)}</time>`;
}

function dayRect(day: UptimeDay, index: number, t: StatusText): string {
  const cls = day.uptime === null ? 'nd' : `s-${day.worst}`;
  return `<rect x="${index * BAR_STEP}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" rx="1" class="${cls}"><title>${e(t.day(day))}</title></rect>`;
}

/** The 90 daily bars of one component as inline SVG; each day names itself in words. */
export function uptimeBars(component: SnapshotComponent, t: StatusText): string {
  const days = component.uptimeDays;
  const width = Math.max(days.length * BAR_STEP - (BAR_STEP - BAR_WIDTH), BAR_WIDTH);
  const summary = component.uptime90 === null ? t.noData : t.uptime90(percent(component.uptime90, 2));
  return (
    `<svg class="bars" viewBox="0 0 ${width} ${BAR_HEIGHT}" preserveAspectRatio="none" role="group" aria-label="${e(`${component.name}: ${summary}`)}">` +
    days.map((d, i) => dayRect(d, i, t)).join('') +
    `</svg><div class="axis"><span>${e(t.daysAgo90)}</span><span>${e(summary)}</span><span>${e(t.today)}</span></div>`
  );
}

function componentItem(c: SnapshotComponent, t: StatusText, heading: 'h3' | 'h4'): string {
  const description = c.description ? `<p class="desc">${e(c.description)}</p>` : '';
  return (
    `<li class="comp"><div class="row"><${heading} class="cname">${e(c.name)}</${heading}>` +
    `<span class="cstat t-${c.status}"><span class="dot s-${c.status}" aria-hidden="true"></span>${e(t.status[c.status])}</span></div>` +
    `${description}${uptimeBars(c, t)}</li>`
  );
}

/** Components in their groups (ungrouped first), in the snapshot's order. */
export function componentSection(snapshot: StatusSnapshot, t: StatusText): string {
  const groups = new Map<string | null, SnapshotComponent[]>([[null, []]]);
  for (const c of snapshot.components) {
    const list = groups.get(c.group) ?? [];
    list.push(c);
    groups.set(c.group, list);
  }
  let body = '';
  for (const [group, list] of groups) {
    if (list.length === 0) continue;
    if (group === null) {
      body += `<ul class="comps">${list.map((c) => componentItem(c, t, 'h3')).join('')}</ul>`;
    } else {
      body += `<section class="group"><h3>${e(group)}</h3><ul class="comps">${list.map((c) => componentItem(c, t, 'h4')).join('')}</ul></section>`;
    }
  }
  return `<section aria-labelledby="components-h"><h2 id="components-h">${e(t.components)}</h2>${legend(t)}${body}</section>`;
}

function legend(t: StatusText): string {
  const items = COMPONENT_STATUSES.map((s) => `<li><span class="sw s-${s}" aria-hidden="true"></span>${e(t.status[s])}</li>`);
  items.push(`<li><span class="sw nd" aria-hidden="true"></span>${e(t.noData)}</li>`);
  return `<ul class="legend" aria-label="${e(t.legend)}">${items.join('')}</ul>`;
}

function componentNames(snapshot: StatusSnapshot, ids: string[]): string[] {
  return ids.map((id) => snapshot.components.find((c) => c.id === id)?.name).filter((n): n is string => n !== undefined);
}

function updateList(incident: SnapshotIncident, t: StatusText): string {
  const items = incident.updates.map(
    (u) => `<li><p class="uhead"><strong>${e(t.stage[u.stage])}</strong> · ${time(u.at)}</p><p>${escapeMultiline(u.body)}</p></li>`,
  );
  return `<ol class="updates">${items.join('')}</ol>`;
}

function incidentMeta(snapshot: StatusSnapshot, incident: SnapshotIncident, t: StatusText): string {
  const names = componentNames(snapshot, incident.componentIds);
  const affects = names.length > 0 ? ` · ${e(names.join(', '))}` : '';
  return `<p class="meta">${e(t.impactLabel)}: ${e(t.impact[incident.impact])} · ${e(t.stage[incident.stage])}${affects}</p>`;
}

/** Open incidents with every update, newest first; nothing when all is quiet. */
export function activeIncidentSection(snapshot: StatusSnapshot, t: StatusText): string {
  if (snapshot.activeIncidents.length === 0) return '';
  const articles = snapshot.activeIncidents.map((incident, i) => {
    const id = `active-${i}`;
    return (
      `<article class="inc imp-${incident.impact}" id="incident-${e(incident.id)}" aria-labelledby="${id}">` +
      `<h3 id="${id}">${e(incident.title)}</h3>${incidentMeta(snapshot, incident, t)}${updateList(incident, t)}</article>`
    );
  });
  return `<section aria-labelledby="active-h"><h2 id="active-h">${e(t.activeIncidents)}</h2>${articles.join('')}</section>`;
}

function maintenanceArticle(snapshot: StatusSnapshot, m: SnapshotMaintenance, t: StatusText): string {
  const names = componentNames(snapshot, m.componentIds);
  const affects = names.length > 0 ? `<p class="meta">${e(names.join(', '))}</p>` : '';
  return (
    `<article class="mt mt-${m.state}" id="maintenance-${e(m.id)}"><p class="tag">${e(t.maintenance[m.state])}</p>` +
    `<h3>${e(m.title)}</h3><p>${t.window(time(m.startsAt), time(m.endsAt))}</p>${affects}` +
    (m.body.trim() ? `<p>${escapeMultiline(m.body)}</p>` : '') +
    '</article>'
  );
}

/** Maintenance in progress, then scheduled ahead (completed ones only go to the feeds). */
export function maintenanceSection(snapshot: StatusSnapshot, t: StatusText): string {
  const shown = [
    ...snapshot.maintenances.filter((m) => m.state === 'in_progress'),
    ...snapshot.maintenances.filter((m) => m.state === 'scheduled'),
  ];
  if (shown.length === 0) return '';
  const heading = shown[0]?.state === 'in_progress' ? t.maintenance.in_progress : t.maintenance.scheduled;
  return `<section aria-labelledby="maint-h"><h2 id="maint-h">${e(heading)}</h2>${shown.map((m) => maintenanceArticle(snapshot, m, t)).join('')}</section>`;
}

const DAY = 86_400_000;

/** `[year, month]` pairs from the month of `from` (at most 90 days before `now`) to now's month, newest first (UTC). */
export function historyMonths(now: number, from = now - 90 * DAY): Array<[number, number]> {
  const start = new Date(Math.min(from, now - 90 * DAY));
  const end = new Date(now);
  const months: Array<[number, number]> = [];
  let y = end.getUTCFullYear();
  let m = end.getUTCMonth() + 1;
  while (y > start.getUTCFullYear() || (y === start.getUTCFullYear() && m >= start.getUTCMonth() + 1)) {
    months.push([y, m]);
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return months;
}

function historyItem(snapshot: StatusSnapshot, incident: SnapshotIncident, t: StatusText): string {
  const resolved = incident.resolvedAt === null ? '' : ` · ${t.resolvedAt(time(incident.resolvedAt))}`;
  return (
    `<li id="incident-${e(incident.id)}"><details><summary><strong>${e(incident.title)}</strong> · ${time(incident.startedAt)}${resolved}` +
    ` · ${e(t.updates(incident.updates.length))}</summary>${incidentMeta(snapshot, incident, t)}${updateList(incident, t)}</details></li>`
  );
}

/** Resolved incidents of the past 90 days by month (UTC), each month shown even when empty. */
export function historySection(snapshot: StatusSnapshot, t: StatusText, now: number): string {
  // An incident resolved within 90 days may have started earlier: its month is shown too (within a year).
  const earliest = snapshot.pastIncidents.reduce((min, i) => Math.min(min, i.startedAt), now);
  const months = historyMonths(now, Math.max(earliest, now - 366 * DAY)).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
  const oldest = months[months.length - 1] ?? '';
  const byMonth = new Map<string, SnapshotIncident[]>();
  for (const incident of snapshot.pastIncidents) {
    const month = new Date(incident.startedAt).toISOString().slice(0, 7);
    const key = months.includes(month) ? month : oldest;
    byMonth.set(key, [...(byMonth.get(key) ?? []), incident]);
  }
  const sections = months.map((key) => {
    const list = byMonth.get(key) ?? [];
    const body =
      list.length === 0
        ? `<p class="muted">${e(t.noIncidentsInMonth)}</p>`
        : `<ul class="hist">${list.map((i) => historyItem(snapshot, i, t)).join('')}</ul>`;
    return `<section aria-labelledby="m-${key}"><h3 id="m-${key}">${e(t.month(Number(key.slice(0, 4)), Number(key.slice(5))))}</h3>${body}</section>`;
  });
  return `<section aria-labelledby="history-h"><h2 id="history-h">${e(t.history)}</h2>${sections.join('')}</section>`;
}
