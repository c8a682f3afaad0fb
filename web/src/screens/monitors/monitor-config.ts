// A new monitor's kind-specific settings as the form holds them, and as the API's `config`.
import type { MonitorKind } from '../../api/types';

export type ConfigDraft = Record<
  'url' | 'method' | 'expectedStatus' | 'keyword' | 'host' | 'port' | 'dnsName' | 'recordType' | 'resolver' | 'expected' | 'minDaysValid',
  string
>;

export const EMPTY_CONFIG: ConfigDraft = {
  url: 'https://',
  method: 'GET',
  expectedStatus: '200-299',
  keyword: '',
  host: '',
  port: '',
  dnsName: '',
  recordType: 'A',
  resolver: '',
  expected: '',
  minDaysValid: '14',
};

const text = (value: string) => (value.trim() ? value.trim() : undefined);
const int = (value: string) => (value.trim() ? Number(value) : undefined);

/** The draft as the API's `config` for the kind; empty optional fields are left out. */
export function configOf(kind: MonitorKind, d: ConfigDraft): Record<string, unknown> {
  const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  switch (kind) {
    case 'http':
      return pick({
        url: d.url.trim(),
        method: d.method,
        expectedStatus: d.expectedStatus
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        keyword: text(d.keyword),
      });
    case 'tcp':
      return pick({ host: d.host.trim(), port: int(d.port) });
    case 'dns':
      return pick({ name: d.dnsName.trim(), recordType: d.recordType, resolver: text(d.resolver), expected: text(d.expected) });
    case 'tls':
      return pick({ host: d.host.trim(), port: int(d.port), minDaysValid: int(d.minDaysValid) });
    case 'heartbeat':
      return {};
  }
}
