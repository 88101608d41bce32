import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { localConfig, observabilityDir } from './prometheus.ts';

const committed = readFileSync(join(observabilityDir, 'prometheus', 'prometheus.yml'), 'utf8');

describe('localConfig', () => {
  it('points every scrape job at this start\'s ports and the rules at their absolute path', () => {
    const config = localConfig(committed, { gateway: 5000, processors: 5002, projections: 5003, api: 5004 }, '/repo/alerts.yml');
    for (const port of [5000, 5002, 5003, 5004]) assert.ok(config.includes(`'127.0.0.1:${port}'`), `port ${port}`);
    for (const port of [4005, 4002, 4003, 4004]) assert.equal(config.includes(`'127.0.0.1:${port}'`), false, `port ${port} left`);
    assert.match(config, /^rule_files:\n {2}- "\/repo\/alerts\.yml"$/m);
  });

  it('leaves the committed file as it is for the default ports, but for the rules\' path', () => {
    const config = localConfig(committed, { gateway: 4005, processors: 4002, projections: 4003, api: 4004 }, '/x/alerts.yml');
    assert.equal(config.replace('"/x/alerts.yml"', 'alerts.yml'), committed);
  });
});
