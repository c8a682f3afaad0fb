import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indicatorOf, renderSummaryJson } from './render-summary-json.js';
import { aComponent, aSnapshot, DAY, hostileSnapshot, NOW } from './testing/snapshots.js';

describe('renderSummaryJson', () => {
  it('has the Statuspage summary shape with ISO times', () => {
    const snapshot = hostileSnapshot();
    const json = JSON.parse(renderSummaryJson(snapshot, { url: 'https://status.example.com/' })) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading JSON
    assert.deepEqual(Object.keys(json), ['page', 'status', 'components', 'incidents', 'scheduled_maintenances']);
    assert.deepEqual(json.page, {
      id: 'page-1',
      name: snapshot.page.name,
      url: 'https://status.example.com/',
      time_zone: 'Etc/UTC',
      updated_at: '2026-11-20T12:00:00.000Z',
    });
    assert.deepEqual(json.status, { indicator: 'critical', description: 'Major Service Outage' });
    assert.equal(json.components[0].status, 'major_outage');
    assert.equal(json.components[0].group, snapshot.components[0]?.group);
    assert.equal(json.components[0].uptime_90d, 1);
    const incident = json.incidents[0];
    assert.equal(incident.status, 'identified');
    assert.equal(incident.impact, 'critical');
    assert.equal(incident.resolved_at, null);
    assert.equal(incident.incident_updates[0].created_at, new Date(NOW - 600_000).toISOString());
    assert.equal(incident.incident_updates[0].body, snapshot.activeIncidents[0]?.updates[0]?.body);
    assert.deepEqual(incident.components, [{ id: 'c"1', name: snapshot.components[0]?.name }]);
    assert.equal(json.scheduled_maintenances[0].status, 'scheduled');
    assert.equal(json.scheduled_maintenances[0].scheduled_for, new Date(NOW + DAY).toISOString());
    // Past incidents are not in the summary, as on Statuspage.
    assert.equal(json.incidents.length, 1);
  });

  it('leaves out the url when it is not known and completed maintenance always', () => {
    const m = { id: 'm', title: 't', body: '', componentIds: [], startsAt: NOW - DAY, endsAt: NOW - DAY + 1, state: 'completed' as const };
    const json = JSON.parse(renderSummaryJson(aSnapshot({ maintenances: [m] }))) as { page: object; scheduled_maintenances: unknown[] };
    assert.ok(!('url' in json.page));
    assert.deepEqual(json.scheduled_maintenances, []);
  });

  it('maps component statuses and incident impact to the indicator, the graver winning', () => {
    const at = (overall: Parameters<typeof aSnapshot>[0]) => indicatorOf(aSnapshot(overall));
    assert.equal(at({ overall: 'operational' }), 'none');
    assert.equal(at({ overall: 'under_maintenance' }), 'maintenance');
    assert.equal(at({ overall: 'degraded_performance' }), 'minor');
    assert.equal(at({ overall: 'partial_outage' }), 'major');
    assert.equal(at({ overall: 'major_outage', components: [aComponent({ status: 'major_outage' })] }), 'critical');
    const incident = {
      id: 'i',
      title: 't',
      stage: 'investigating' as const,
      componentIds: [],
      startedAt: NOW,
      resolvedAt: null,
      updates: [],
    };
    assert.equal(at({ overall: 'operational', activeIncidents: [{ ...incident, impact: 'major' }] }), 'major');
    assert.equal(at({ overall: 'partial_outage', activeIncidents: [{ ...incident, impact: 'minor' }] }), 'major');
    assert.equal(at({ overall: 'under_maintenance', activeIncidents: [{ ...incident, impact: 'minor' }] }), 'minor');
  });
});
