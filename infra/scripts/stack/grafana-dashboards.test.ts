// The committed Grafana dashboards, as an import would read them: valid JSON, panels that do
// not overlap on the grid, and no panel still announcing a metric as not exposed yet.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { observabilityDir } from './prometheus.ts';

interface Panel {
  readonly id: number;
  readonly title: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
}

const grafanaDir = join(observabilityDir, 'grafana');
const dashboards = readdirSync(grafanaDir).filter((file) => file.endsWith('.json'));

function overlap(a: Panel['gridPos'], b: Panel['gridPos']): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('Grafana dashboards', () => {
  it('are there to check', () => assert.ok(dashboards.length >= 4, dashboards.join(', ')));

  for (const file of dashboards) {
    it(`${file}: parses, with unique panel ids on a grid 24 wide where no two panels overlap`, () => {
      const text = readFileSync(join(grafanaDir, file), 'utf8');
      const panels = (JSON.parse(text) as { panels: Panel[] }).panels;
      assert.equal(new Set(panels.map((p) => p.id)).size, panels.length, 'panel ids are unique');
      for (const [i, a] of panels.entries()) {
        assert.ok(a.gridPos.x + a.gridPos.w <= 24, `${a.title} fits the grid`);
        for (const b of panels.slice(i + 1)) assert.ok(!overlap(a.gridPos, b.gridPos), `${a.title} overlaps ${b.title}`);
      }
    });

    it(`${file}: reads only metrics the services expose (no panel, legend or description says "proposed")`, () => {
      const text = readFileSync(join(grafanaDir, file), 'utf8');
      assert.doesNotMatch(text, /proposed/i);
    });
  }
});
