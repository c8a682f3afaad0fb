import type { ComponentStatus } from '../domain/status/snapshot.js';

/** Colours shared by the page and the badges; never the only carrier of meaning (words go with them). */
export const STATUS_COLOR: Record<ComponentStatus, string> = {
  operational: '#2f9e44',
  degraded_performance: '#e8a400',
  partial_outage: '#e8590c',
  major_outage: '#c92a2a',
  under_maintenance: '#1c7ed6',
};

export const NO_DATA_COLOR = '#adb5bd';

/** The brand colour of a page that has none (or an invalid one). */
export const DEFAULT_BRAND = '#1f6feb';
