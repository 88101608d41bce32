// The web console in a real headless Chromium (Debian's package, driven by playwright-core)
// against the whole CSMS: an operator signs in, watches a station connect live, resets it and
// sees the command reach Accepted, and opens a finished, billed session's energy chart, cost and
// CDR. Each main page
// is photographed on the way; CSMS_CONSOLE_SCREENSHOTS=<dir> keeps the pictures (the README's).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestEnvironment, type TestEnvironment } from '../src/test-env.ts';
import { playSeedWorkflow, simulatedChargePoint, type SimulatedChargePoint } from '../src/simulator/index.ts';
import { cdrOf, untilSessionsAreBilled } from './billing-views.ts';
import { api, E2E_ADMIN_API_KEY, eventually, startSystem, type RunningSystem } from './system.ts';

const BASE_PORT = 25_300;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without a browser on a developer's machine the test is skipped; CI installs one and must run it.
const skip = !existsSync(CHROMIUM) && process.env.CI === undefined ? `no Chromium at ${CHROMIUM} (apt-get install chromium)` : false;
/** Energy by the kWh and a session fee, 20 % VAT: what the session page and the CDRs show. */
const tariff = {
  id: 'console-standard', name: 'Standard', currency: 'EUR', timeZone: 'UTC', vatRate: '20',
  elements: [{ priceComponents: [{ type: 'ENERGY', price: '0.35' }, { type: 'FLAT', price: '0.50' }] }],
};
const screenshots = resolve(process.env.CSMS_CONSOLE_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'csms-console-')));

/** Waits until an element with this test id (inside `within`) reads `expected`: a whole text, or a pattern. */
async function waitForText(page: Page, testId: string, expected: string | RegExp, within?: string): Promise<void> {
  const scope = within === undefined ? page : page.locator(within);
  const text = typeof expected === 'string' ? new RegExp(`^\\s*${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : expected;
  try {
    await scope.locator(`[data-testid="${testId}"]`).filter({ hasText: text }).first().waitFor({ timeout: 30_000 });
  } catch (error) {
    // What the page showed instead, for whoever reads the failure.
    await page.screenshot({ path: join(screenshots, `failed-${testId}.png`), fullPage: true }).catch(() => {});
    throw new Error(`${testId} never read ${String(expected)} (picture: ${screenshots}/failed-${testId}.png)`, { cause: error });
  }
}

describe('the web console in headless Chromium', { skip }, () => {
  let env: TestEnvironment;
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  let finishedTransaction: number;
  let finishedCdr: { cdrId: string; totalInclVatMinor: number };
  const stations: SimulatedChargePoint[] = [];

  const shoot = (name: string) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
  const open = (hash: string) => page.goto(`${system.apiUrl}/console/#${hash}`);

  /** Opens a page, waits until it shows `selector` (its data, not just its frame), and photographs it. */
  async function photograph(hash: string, selector: string, name: string): Promise<void> {
    await open(hash);
    await page.locator(selector).first().waitFor({ timeout: 30_000 });
    await shoot(name);
  }

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    env = await startTestEnvironment();
    system = await startSystem(env, BASE_PORT);
    await api(system, 'POST', '/id-tags', { idTag: 'CONSOLE-TAG', status: 'Accepted' });
    for (const [method, path, body] of [['POST', '/tariffs', tariff], ['PUT', '/tariff-assignments', { scope: 'Default', tariffId: tariff.id }]] as const) {
      const { status, body: answer } = await api(system, method, path, body);
      assert.ok(status >= 200 && status < 300, `${method} ${path}: ${status} ${JSON.stringify(answer)}`);
    }
    await untilSessionsAreBilled(system, 'CONSOLE-TAG', new Date());
    // A finished, billed session with meter values for the sessions pages.
    const done = simulatedChargePoint({ endpoint: system.ocppUrl, id: 'CONSOLE-DONE' });
    stations.push(done);
    await done.connect();
    await eventually('id tag known to processors', async () =>
      (await done.authorize('CONSOLE-TAG')).idTagInfo.status === 'Accepted' ? true : undefined);
    const played = await playSeedWorkflow(done, { idTag: 'CONSOLE-TAG', meterStartWh: 1_000, energyWh: 18_000, samples: 4 });
    finishedTransaction = played.transactionId;
    finishedCdr = await cdrOf(system, 'CONSOLE-DONE', finishedTransaction);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // No sandbox as root; no background networking, which this machine's closed network refuses.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  });
  after(async () => {
    await browser?.close();
    for (const station of stations) await station.close().catch(() => {});
    await system?.shutdown();
    await env?.stop();
  });

  it('refuses a wrong key and signs in with a right one', async () => {
    await open('/sign-in');
    await page.fill('[data-testid="sign-in-token"]', 'not-a-key-0123456789abcdefghijklmnopqrstuvwxyz');
    await page.click('[data-testid="sign-in-submit"]');
    await waitForText(page, 'sign-in-error', /./);
    await page.fill('[data-testid="sign-in-token"]', E2E_ADMIN_API_KEY);
    await page.click('[data-testid="sign-in-submit"]');
    await waitForText(page, 'live-indicator', 'live');
    await waitForText(page, 'who', /admin/);
  });

  it('shows a station connect live, without a reload', async () => {
    await page.locator('[data-testid="fleet-row"][data-station="CONSOLE-DONE"]').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('[data-testid="fleet-row"][data-station="CONSOLE-CP1"]').count(), 0);
    const station = simulatedChargePoint({ endpoint: system.ocppUrl, id: 'CONSOLE-CP1' });
    stations.push(station);
    await station.connect();
    await station.boot();
    await waitForText(page, 'fleet-connection', 'connected', '[data-testid="fleet-row"][data-station="CONSOLE-CP1"]');
    await shoot('fleet');
  });

  it('sends the station a Reset and watches the command reach Accepted', async () => {
    await page.click('[data-testid="fleet-row"][data-station="CONSOLE-CP1"] a');
    await waitForText(page, 'station-connection', 'connected');
    await page.selectOption('[data-testid="command-action"]', 'Reset');
    await page.selectOption('[data-testid="field-type"]', 'Soft');
    await page.click('[data-testid="command-send"]');
    const row = '[data-testid="command-row"]:has([data-testid="command-action-cell"]:text-is("Reset"))';
    await waitForText(page, 'command-status', 'Accepted', row);
    await shoot('station');
  });

  it('opens a finished session: its energy over time, its cost and its CDR', async () => {
    await photograph('/sessions', '[data-testid="session-row"]', 'sessions');
    await open(`/sessions/${finishedTransaction}`);
    await page.locator('[data-testid="energy-chart"] canvas').waitFor({ timeout: 30_000 });
    await waitForText(page, 'session-energy', /18(\.0+)?\s*kWh/);
    await waitForText(page, 'session-cost', new RegExp((finishedCdr.totalInclVatMinor / 100).toFixed(2).replace('.', '\\.')));
    await waitForText(page, 'session-cdr', new RegExp(finishedCdr.cdrId));
    await shoot('session');
  });

  it('lists the tariffs, the CDRs, the id tags and the dead letters', async () => {
    await photograph('/tariffs', 'text=console-standard', 'tariffs');
    await photograph('/cdrs', 'text=CONSOLE-DONE', 'cdrs');
    await photograph('/id-tags', 'text=CONSOLE-TAG', 'id-tags');
    await photograph('/dead-letters', '[data-testid="dead-letters-table"]', 'dead-letters');
  });
});
