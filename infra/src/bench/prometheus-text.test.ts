import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gaugeFrom, samplesOf } from './prometheus-text.ts';

// A piece of the gateway's /metrics: prom-client's default process metrics beside its own.
const exposition = `# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 187510784
# HELP process_resident_memory_bytes_peak A made-up neighbour that shares the name's start.
process_resident_memory_bytes_peak 9
# HELP csms_gateway_connections Open charge point sockets
# TYPE csms_gateway_connections gauge
csms_gateway_connections 5000
csms_gateway_stage_seconds_bucket{le="+Inf",stage="parse_validate",note="a \\"quoted\\" label"} 3
`;

describe('samples from the text exposition', () => {
  it('reads a gauge without labels by its exact name', () => {
    assert.equal(gaugeFrom(exposition, 'process_resident_memory_bytes'), 187_510_784);
    assert.equal(gaugeFrom(exposition, 'csms_gateway_connections'), 5000);
  });

  it('has no value for a gauge the exposition lacks', () => {
    assert.equal(gaugeFrom(exposition, 'process_heap_bytes'), null);
    assert.equal(gaugeFrom('', 'process_resident_memory_bytes'), null);
  });

  it('reads labels, escaped quotes included', () => {
    const [sample] = samplesOf(exposition, 'csms_gateway_stage_seconds');
    assert.deepEqual(sample, { metric: 'csms_gateway_stage_seconds_bucket', labels: new Map([['le', '+Inf'], ['stage', 'parse_validate'], ['note', 'a "quoted" label']]), value: 3 });
  });
});
