import { api } from './client';
import type { Metrics } from './types';

export const fetchMetrics = (from: Date, to: Date, signal?: AbortSignal) =>
  api.get<Metrics>('/reports/metrics', { from: from.toISOString(), to: to.toISOString() }, signal);
