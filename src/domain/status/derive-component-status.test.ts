import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImpactType, Level } from '../grading/policy.js';
import {
  atMost,
  deriveComponentStatus,
  impactStatus,
  incidentStatusNow,
  monitorStatus,
  overallStatus,
  type ComponentStatusInputs,
  type InternalIncidentImpact,
  type MappedMonitor,
} from './derive-component-status.js';

function incident(over: Partial<InternalIncidentImpact> & { impact?: ImpactType; service?: string } = {}): InternalIncidentImpact {
  const { impact = 'outage', service = 'pay', ...rest } = over;
  return {
    status: 'triggered',
    level: 1,
    drill: false,
    suppressed: false,
    affected: [{ service, impact }],
    services: [service],
    startedAt: 0,
    mitigatedAt: null,
    resolvedAt: null,
    ...rest,
  };
}

const inputs = (over: Partial<ComponentStatusInputs> = {}): ComponentStatusInputs => ({
  serviceIds: ['pay'],
  incidents: [],
  publicStatuses: [],
  inMaintenance: false,
  override: null,
  ...over,
});

describe('status/derive: the impact table', () => {
  it('maps outage by level, degraded and incorrect results to degraded, the rest to operational', () => {
    const cases: Array<[ImpactType, Level, string]> = [
      ['outage', 1, 'major_outage'],
      ['outage', 2, 'major_outage'],
      ['outage', 3, 'partial_outage'],
      ['outage', 4, 'partial_outage'],
      ['degraded', 1, 'degraded_performance'],
      ['degraded', 4, 'degraded_performance'],
      ['incorrect_results', 2, 'degraded_performance'],
      ['data_leak', 1, 'operational'],
      ['security_attack', 1, 'operational'],
      ['vulnerability', 2, 'operational'],
      ['complaint', 3, 'operational'],
    ];
    for (const [impact, level, expected] of cases) assert.equal(impactStatus(impact, level), expected, `${impact} at ${level}`);
  });

  it('caps a status without raising a lighter one', () => {
    assert.equal(atMost('major_outage', 'degraded_performance'), 'degraded_performance');
    assert.equal(atMost('operational', 'degraded_performance'), 'operational');
    assert.equal(atMost('degraded_performance', 'degraded_performance'), 'degraded_performance');
  });
});

describe('status/derive: internal incidents', () => {
  it('counts only the impact on the component’s own services', () => {
    const both = incident({
      affected: [
        { service: 'pay', impact: 'degraded' },
        { service: 'chat', impact: 'outage' },
      ],
      services: ['pay', 'chat'],
    });
    assert.equal(incidentStatusNow(both, ['pay']), 'degraded_performance');
    assert.equal(incidentStatusNow(both, ['chat']), 'major_outage');
    assert.equal(incidentStatusNow(incident(), ['moments']), 'operational');
  });

  it('gives a service reached through the catalog the gravest direct impact', () => {
    const dc = incident({
      level: 3,
      affected: [
        { service: 'gz-dc1', impact: 'outage' },
        { service: 'gz-dc1', impact: 'degraded' },
      ],
      services: ['gz-dc1', 'storage', 'chat'],
    });
    assert.equal(incidentStatusNow(dc, ['chat']), 'partial_outage');
    assert.equal(incidentStatusNow(dc, ['moments']), 'operational');
  });

  it('follows the lifecycle: mitigated is degraded at most, resolved nothing', () => {
    assert.equal(incidentStatusNow(incident({ status: 'acknowledged' }), ['pay']), 'major_outage');
    assert.equal(incidentStatusNow(incident({ status: 'mitigated' }), ['pay']), 'degraded_performance');
    assert.equal(incidentStatusNow(incident({ status: 'mitigated', impact: 'complaint' }), ['pay']), 'operational');
    assert.equal(incidentStatusNow(incident({ status: 'resolved', resolvedAt: 5 }), ['pay']), 'operational');
  });

  it('never counts drills or suppressed incidents', () => {
    assert.equal(incidentStatusNow(incident({ drill: true }), ['pay']), 'operational');
    assert.equal(incidentStatusNow(incident({ suppressed: true }), ['pay']), 'operational');
  });
});

describe('status/derive: deriveComponentStatus', () => {
  it('is operational with nothing going on', () => {
    assert.equal(deriveComponentStatus(inputs()), 'operational');
  });

  it('takes the gravest of incidents and public posts', () => {
    const status = deriveComponentStatus(
      inputs({ incidents: [incident({ impact: 'degraded' }), incident({ level: 4 })], publicStatuses: ['degraded_performance'] }),
    );
    assert.equal(status, 'partial_outage');
    assert.equal(deriveComponentStatus(inputs({ publicStatuses: ['major_outage', 'degraded_performance'] })), 'major_outage');
  });

  it('shows maintenance unless something graver is going on', () => {
    assert.equal(deriveComponentStatus(inputs({ inMaintenance: true })), 'under_maintenance');
    assert.equal(
      deriveComponentStatus(inputs({ inMaintenance: true, incidents: [incident({ impact: 'degraded' })] })),
      'degraded_performance',
    );
    assert.equal(
      deriveComponentStatus(inputs({ inMaintenance: true, incidents: [incident({ impact: 'data_leak' })] })),
      'under_maintenance',
    );
  });

  it('lets the override win, lighter or graver', () => {
    assert.equal(deriveComponentStatus(inputs({ incidents: [incident()], override: 'operational' })), 'operational');
    assert.equal(deriveComponentStatus(inputs({ override: 'partial_outage' })), 'partial_outage');
    assert.equal(deriveComponentStatus(inputs({ inMaintenance: true, override: 'degraded_performance' })), 'degraded_performance');
  });

  it('gives the page the worst component status', () => {
    assert.equal(overallStatus([]), 'operational');
    assert.equal(overallStatus(['operational', 'under_maintenance']), 'under_maintenance');
    assert.equal(overallStatus(['under_maintenance', 'degraded_performance', 'operational']), 'degraded_performance');
  });
});

describe('status/derive: mapped monitors', () => {
  const monitor = (state: MappedMonitor['state'], paused = false): MappedMonitor => ({ state, paused, stateSince: 0 });

  it('maps down to major outage, degraded to degraded performance, up, pending and paused to nothing', () => {
    assert.equal(monitorStatus(monitor('down')), 'major_outage');
    assert.equal(monitorStatus(monitor('degraded')), 'degraded_performance');
    assert.equal(monitorStatus(monitor('up')), 'operational');
    assert.equal(monitorStatus(monitor('pending')), 'operational');
    assert.equal(monitorStatus(monitor('down', true)), 'operational', 'a paused monitor counts as paused, whatever state it kept');
    assert.equal(monitorStatus(monitor('degraded', true)), 'operational');
  });

  it('a down monitor makes the component a major outage; none or all up leaves it operational', () => {
    assert.equal(deriveComponentStatus(inputs({ monitors: [monitor('up'), monitor('down')] })), 'major_outage');
    assert.equal(deriveComponentStatus(inputs({ monitors: [monitor('up'), monitor('pending')] })), 'operational');
    assert.equal(deriveComponentStatus(inputs({ monitors: [] })), 'operational');
    assert.equal(deriveComponentStatus(inputs()), 'operational', 'monitors may be omitted');
  });

  it('graver wins with the other inputs', () => {
    // A degraded monitor beside a level-3 outage incident: the partial outage is graver.
    assert.equal(deriveComponentStatus(inputs({ monitors: [monitor('degraded')], incidents: [incident({ level: 3 })] })), 'partial_outage');
    // A down monitor beside the same: the major outage is graver.
    assert.equal(deriveComponentStatus(inputs({ monitors: [monitor('down')], incidents: [incident({ level: 3 })] })), 'major_outage');
    // Maintenance is lighter than any trouble, a degraded monitor included.
    assert.equal(deriveComponentStatus(inputs({ monitors: [monitor('degraded')], inMaintenance: true })), 'degraded_performance');
    assert.equal(deriveComponentStatus(inputs({ monitors: [monitor('up')], inMaintenance: true })), 'under_maintenance');
    assert.equal(deriveComponentStatus(inputs({ monitors: [monitor('degraded')], publicStatuses: ['partial_outage'] })), 'partial_outage');
  });

  it('the override still wins outright', () => {
    assert.equal(deriveComponentStatus(inputs({ monitors: [monitor('down')], override: 'operational' })), 'operational');
    assert.equal(deriveComponentStatus(inputs({ monitors: [monitor('up')], override: 'degraded_performance' })), 'degraded_performance');
  });
});
