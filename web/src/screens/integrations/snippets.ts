// Ready-to-paste configuration for a sender, filled in with the server's address and a key. The
// texts are the senders' own formats (English, technical); their titles and notes are translated.
import type { Integration, IntegrationKind } from '../../api/types';
import type { Messages } from '../../i18n/messages';

export interface Snippet {
  id: string;
  title: string;
  note?: string;
  code: string;
}

type Strings = Messages['integrations']['snippets'];

const json = (value: unknown) => JSON.stringify(value);

export function alertmanagerUrl(origin: string, key: string): string {
  return `${origin}/api/v1/integrations/${key}/alertmanager`;
}

function alertmanager(origin: string, key: string, s: Strings): Snippet[] {
  const receiver = `route:
  receiver: fenghuo

receivers:
  - name: fenghuo
    webhook_configs:
      - url: ${alertmanagerUrl(origin, key)}
        send_resolved: true`;
  const prometheus = `# prometheus.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['alertmanager:9093']
rule_files:
  - fenghuo-rules.yml

# fenghuo-rules.yml
groups:
  - name: fenghuo
    rules:
      - alert: ApiDown
        expr: up{job="api"} == 0
        for: 1m
        labels:
          severity: critical
          service: api # a Fenghuo service id
        annotations:
          summary: '{{ $labels.instance }} is down'`;
  return [
    { id: 'alertmanager', title: s.alertmanager, note: s.alertmanagerNote, code: receiver },
    { id: 'prometheus', title: s.prometheus, note: s.prometheusNote, code: prometheus },
  ];
}

function grafana(origin: string, key: string, integration: Pick<Integration, 'hasSecret' | 'settings'>, s: Strings): Snippet[] {
  const notes = [s.grafanaNote];
  if (integration.hasSecret) {
    notes.push(s.grafanaHmac(integration.settings.signatureHeader));
    if (integration.settings.timestampHeader) notes.push(s.grafanaTimestamp(integration.settings.timestampHeader));
  } else notes.push(s.grafanaNoHmac);
  return [{ id: 'grafana', title: s.grafanaUrl, note: notes.join(' '), code: `${origin}/api/v1/integrations/${key}/grafana` }];
}

function pagerduty(origin: string, key: string, s: Strings): Snippet[] {
  const event = {
    routing_key: key,
    event_action: 'trigger',
    dedup_key: 'db1-disk-full',
    payload: { summary: 'Disk full on db1', source: 'db1', severity: 'critical', custom_details: { service: 'payments' } },
  };
  const curl = `curl -X POST '${origin}/v2/enqueue' \\
  -H 'Content-Type: application/json' \\
  -d '${json(event)}'`;
  const am = `receivers:
  - name: fenghuo-pagerduty
    pagerduty_configs:
      - routing_key: ${key}
        url: ${origin}/v2/enqueue`;
  return [
    { id: 'pagerduty', title: s.pagerduty, note: s.pagerdutyNote, code: curl },
    { id: 'pagerduty-alertmanager', title: s.pagerdutyAlertmanager, code: am },
  ];
}

function opsgenie(origin: string, key: string, s: Strings): Snippet[] {
  const alert = { message: 'Disk full on db1', alias: 'db1-disk-full', priority: 'P1', details: { service: 'payments' } };
  const curl = `curl -X POST '${origin}/v2/alerts' \\
  -H 'Authorization: GenieKey ${key}' \\
  -H 'Content-Type: application/json' \\
  -d '${json(alert)}'`;
  const am = `receivers:
  - name: fenghuo-opsgenie
    opsgenie_configs:
      - api_key: ${key}
        api_url: ${origin}/`;
  return [
    { id: 'opsgenie', title: s.opsgenie, note: s.opsgenieNote, code: curl },
    { id: 'opsgenie-alertmanager', title: s.opsgenieAlertmanager, code: am },
  ];
}

function webhook(origin: string, key: string, s: Strings): Snippet[] {
  const event = { summary: 'Cooling unit CRAC-3 failed', severity: 'critical', service: 'payments', labels: { datacenter: 'dc-sh-1' } };
  const curl = `curl -X POST '${origin}/api/v1/integrations/${key}/webhook' \\
  -H 'Content-Type: application/json' \\
  -d '${json(event)}'`;
  return [{ id: 'webhook', title: s.webhook, note: s.webhookNote, code: curl }];
}

function heartbeat(origin: string, key: string, s: Strings): Snippet[] {
  const url = `${origin}/api/push/${key}?status=up&msg=OK&ping=`;
  const cron = `0 3 * * * /usr/local/bin/backup.sh && curl -fsS --retry 3 '${url}' > /dev/null`;
  return [
    { id: 'heartbeat', title: s.heartbeat, note: s.heartbeatNote, code: url },
    { id: 'heartbeat-cron', title: s.heartbeatCron, code: cron },
  ];
}

/** The snippets for an integration of `kind` and its key (a key only works at its own kind's endpoints). */
export function snippetsFor(
  kind: IntegrationKind,
  key: string,
  origin: string,
  integration: Pick<Integration, 'hasSecret' | 'settings'>,
  s: Strings,
): Snippet[] {
  switch (kind) {
    case 'alertmanager':
      return alertmanager(origin, key, s);
    case 'grafana':
      return grafana(origin, key, integration, s);
    case 'pagerduty':
      return pagerduty(origin, key, s);
    case 'opsgenie':
      return opsgenie(origin, key, s);
    case 'webhook':
      return webhook(origin, key, s);
    case 'heartbeat':
      return heartbeat(origin, key, s);
    case 'monitor':
      return [];
  }
}
