// The whole monitor list, kept live: `event: monitor` changes one row's state in place (batched,
// no refetch); a monitor the list does not know yet, or a reconnect, reloads it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { listAllMonitors, listFirstMonitors } from '../../api/monitors';
import type { MonitorListItem } from '../../api/types';
import { useLiveEvents, useReloadOnLive } from '../../api/useLiveEvents';
import { useQuery, type Query } from '../../api/useQuery';
import { byName, listedState, URGENCY, type ListedState } from './format';

export interface MonitorRowData {
  monitor: MonitorListItem;
  state: ListedState;
}

const FLUSH_MS = 150;

/** A live state onto a listed monitor: `paused`, or a checked monitor's state. */
function withState(m: MonitorListItem, state: string): MonitorListItem {
  if (state === 'paused') return m.paused ? m : { ...m, paused: true };
  if (state !== 'up' && state !== 'down' && state !== 'degraded' && state !== 'pending') return m;
  return m.paused || m.state !== state ? { ...m, paused: false, state } : m;
}

export function useMonitorList(serviceId: string | null = null) {
  // The monitors in trouble and a first page show at once; the whole list (up to 10,000 rows with
  // their bars: megabytes) replaces them when it has arrived. It is asked for once the first answer
  // is in, so that building and parsing megabytes never delays the first rows.
  const first = useQuery(`monitors-first:${serviceId ?? '*'}`, (signal) => listFirstMonitors(serviceId, signal));
  const firstSettled = first.data !== undefined || first.error !== undefined;
  const full = useQuery(firstSettled ? `monitors:${serviceId ?? '*'}` : null, (signal) => listAllMonitors(serviceId, signal));
  const query: Query<MonitorListItem[]> =
    full.data === undefined && full.error === undefined && first.data !== undefined ? { ...full, data: first.data } : full;
  const data = query.data;
  const [live, setLive] = useState<{ base: MonitorListItem[] | undefined; states: ReadonlyMap<string, string> }>({
    base: undefined,
    states: new Map(),
  });
  const dataRef = useRef(data);
  const pending = useRef(new Map<string, string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    dataRef.current = data;
  }, [data]);
  useEffect(() => () => clearTimeout(timer.current), []);

  // Sorted once per fetch: rows do not jump around under the pointer when a state changes live.
  const sorted = useMemo(
    () =>
      (data ?? [])
        .map((m) => ({ monitor: m, state: listedState(m) }))
        .sort((a, b) => URGENCY[a.state] - URGENCY[b.state] || byName(a.monitor.name, b.monitor.name)),
    [data],
  );
  const known = useMemo(() => new Set((data ?? []).map((m) => m.id)), [data]);

  useReloadOnLive(query.reload, (event) => event.type === 'monitor' && !known.has(event.monitor.id));
  useLiveEvents((event) => {
    if (event.type !== 'monitor' || !known.has(event.monitor.id)) return;
    pending.current.set(event.monitor.id, event.monitor.state);
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      const batch = pending.current;
      pending.current = new Map();
      const base = dataRef.current;
      setLive((prev) => {
        const states = new Map(prev.base === base ? prev.states : []);
        for (const [id, state] of batch) states.set(id, state);
        return { base, states };
      });
    }, FLUSH_MS);
  });

  const states = live.base === data ? live.states : null;
  const rows: MonitorRowData[] = useMemo(() => {
    if (!states || states.size === 0) return sorted;
    return sorted.map((row) => {
      const state = states.get(row.monitor.id);
      if (state === undefined) return row;
      const monitor = withState(row.monitor, state);
      return monitor === row.monitor ? row : { monitor, state: listedState(monitor) };
    });
  }, [sorted, states]);

  return { query, rows };
}
