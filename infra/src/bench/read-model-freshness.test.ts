import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stageTimings, type Scrape, type ServiceScrapes } from './pipeline-stages.ts';
import { readModelFreshness } from './read-model-freshness.ts';
import { formatFreshness, formatStageTimings } from './stage-report.ts';

// As prom-client writes an unlabelled histogram, between other metrics of the projections.
const exposition = (under50ms: number, under500ms: number, total: number, sum: number) => `# HELP csms_projection_stage_seconds Time a message spends in each of the projections' stages
# TYPE csms_projection_stage_seconds histogram
csms_projection_stage_seconds_bucket{le="0.05",projection="sessions",stage="write_batch"} 9
csms_projection_stage_seconds_bucket{le="+Inf",projection="sessions",stage="write_batch"} 9
csms_projection_stage_seconds_sum{projection="sessions",stage="write_batch"} 0.1
csms_projection_stage_seconds_count{projection="sessions",stage="write_batch"} 9
# HELP csms_projection_freshness_seconds Commit time minus the Kafka record's timestamp, per applied record
# TYPE csms_projection_freshness_seconds histogram
csms_projection_freshness_seconds_bucket{le="0.05"} ${under50ms}
csms_projection_freshness_seconds_bucket{le="0.5"} ${under500ms}
csms_projection_freshness_seconds_bucket{le="+Inf"} ${total}
csms_projection_freshness_seconds_sum ${sum}
csms_projection_freshness_seconds_count ${total}
# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 104857600
`;

const scrape = (text: string) => ({ ok: true, text }) as const;
/** The services' scrapes, the projections' as given, the others' empty. */
const services = (projections: Scrape): ServiceScrapes => ({ gateway: scrape(''), processors: scrape(''), projections });

describe('the read model\'s freshness over the load window', () => {
  it('summarizes the records applied in the window only, from the histogram\'s change', () => {
    // 1,000 records before the window; in it, 100 more: 60 within 50 ms, 38 more within 500 ms, 2 later.
    const freshness = readModelFreshness(services(scrape(exposition(1000, 1000, 1000, 10))), services(scrape(exposition(1060, 1098, 1100, 40))));
    assert.equal(freshness?.status, 'measured');
    if (freshness?.status !== 'measured') return;
    assert.equal(freshness.count, 100);
    assert.ok(Math.abs(freshness.meanMs! - 300) < 1e-9);
    assert.ok(Math.abs(freshness.p50Ms! - (50 * 50) / 60) < 1e-9);
    assert.equal(freshness.p99Ms, 500);
    assert.equal(formatFreshness(freshness), 'read model fresh within: ~p50 41.7 ms, ~p99 500.0 ms (100 records applied in the window)\n');
  });

  it('says so when no record was applied in the window', () => {
    const same = services(scrape(exposition(5, 5, 5, 0.1)));
    assert.equal(formatFreshness(readModelFreshness(same, same)), 'read model fresh within: - (no records applied in the window)\n');
  });

  it('is not reported when the projections do not expose the histogram', () => {
    const without = services(scrape('# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes 104857600\n'));
    assert.equal(formatFreshness(readModelFreshness(without, without)),
      'read model fresh within: not reported (the projections expose no csms_projection_freshness_seconds)\n');
  });

  it('leaves it to the stage table to say, once, that the projections could not be read', () => {
    const before = services({ ok: false, reason: 'ECONNREFUSED' });
    const after = services(scrape(exposition(5, 5, 5, 0.1)));
    assert.equal(readModelFreshness(before, after), null);
    assert.equal(formatFreshness(null), '');
    const urls = { gateway: 'http://g/metrics', processors: 'http://p/metrics', projections: 'http://127.0.0.1:4003/metrics' };
    const table = formatStageTimings(stageTimings(urls, before, after));
    assert.equal(table.match(/ECONNREFUSED/g)?.length, 1);
    assert.match(table, /^projections metrics unreachable at http:\/\/127\.0\.0\.1:4003\/metrics \(ECONNREFUSED\): its stages are left out$/m);
  });
});
