import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { histogramFrom } from './prometheus-histogram.ts';

const exposition = `# HELP csms_projection_stage_seconds Time a message spends in each of the projections' stages
# TYPE csms_projection_stage_seconds histogram
csms_projection_stage_seconds_bucket{le="0.001",projection="sessions",stage="write_record"} 3
csms_projection_stage_seconds_bucket{le="+Inf",projection="sessions",stage="write_record"} 4
csms_projection_stage_seconds_sum{projection="sessions",stage="write_record"} 0.5
csms_projection_stage_seconds_count{projection="sessions",stage="write_record"} 4
csms_projection_stage_seconds_bucket{le="0.001",projection="tariffs",stage="write_record"} 1
csms_projection_stage_seconds_bucket{le="+Inf",projection="tariffs",stage="write_record"} 1
csms_projection_stage_seconds_sum{projection="tariffs",stage="write_record"} 0.0005
csms_projection_stage_seconds_count{projection="tariffs",stage="write_record"} 1
csms_projection_stage_seconds_bucket{le="0.001",projection="tariffs",stage="write_batch"} 7
csms_projection_stage_seconds_count{projection="tariffs",stage="write_batch"} 7
csms_gateway_produce_seconds_bucket{le="0.001"} 2
csms_gateway_produce_seconds_bucket{le="+Inf"} 2
csms_gateway_produce_seconds_sum 0.0012
csms_gateway_produce_seconds_count 2
`;

describe('a histogram from the text exposition', () => {
  it('adds up the series that carry the wanted labels, whatever their other labels', () => {
    assert.deepEqual(histogramFrom(exposition, 'csms_projection_stage_seconds', { stage: 'write_record' }), {
      buckets: [{ le: 0.001, count: 4 }, { le: Number.POSITIVE_INFINITY, count: 5 }], count: 5, sum: 0.5005,
    });
  });

  it('reads a histogram without labels, and none where the name is missing', () => {
    assert.equal(histogramFrom(exposition, 'csms_gateway_produce_seconds', {}).count, 2);
    assert.deepEqual(histogramFrom(exposition, 'csms_processor_stage_seconds', { stage: 'decide' }), { buckets: [], count: 0, sum: 0 });
  });
});
