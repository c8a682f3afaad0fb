import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { namesVendorDirectly, outageMinutes, type VendorIncident } from './vendor-outages.js';

const MIN = 60_000;
const incident = (start: number, mitigated: number | null, resolved: number | null, impact = 'outage'): VendorIncident => ({
  id: String(start),
  number: start,
  title: 't',
  level: 2,
  affected: [{ service: 'idc', impact: impact as 'outage' }],
  startedAt: start * MIN,
  mitigatedAt: mitigated === null ? null : mitigated * MIN,
  resolvedAt: resolved === null ? null : resolved * MIN,
});

describe('metrics/vendor-outages', () => {
  it('adds outages from start to mitigation, overlaps once, clipped to the range, open ones to now', () => {
    const list = [
      incident(0, 30, 60), // 0–30
      incident(10, 50, 50), // 10–50: with the first, 0–50
      incident(100, null, 115), // resolving mitigates too: 100–115
      incident(200, null, null), // open: 200–now (230)
      incident(300, 400, 400, 'degraded'), // not an outage
      incident(-20, 5, 5), // starts before the range: counts from its start (0)
    ];
    assert.equal(outageMinutes(list, 0, 1_000 * MIN, 230 * MIN), 50 + 15 + 30);
    assert.equal(outageMinutes(list, 20 * MIN, 210 * MIN, 230 * MIN), 30 + 15 + 10, 'clipped to [20, 210)');
  });

  it('tells a vendor named as affected from one reached through the catalog', () => {
    assert.equal(namesVendorDirectly(incident(0, 1, 1), 'idc'), true);
    assert.equal(namesVendorDirectly(incident(0, 1, 1), 'cloud'), false);
  });
});
