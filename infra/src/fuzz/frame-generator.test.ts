import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileOcppSchemas, ocppSchemas } from '@csms/contracts';
import { brokenFramingFrame } from './broken-framing.ts';
import { deepNestingFrame } from './deep-nesting.ts';
import { createFrameGenerator } from './frame-generator.ts';
import { FUZZ_FAMILIES, type FrameContext, type FuzzFrame } from './fuzz-frame.ts';
import { orphanAnswerFrame } from './orphan-answer.ts';
import { oversizeFrame } from './oversize.ts';
import { randomBytesFrame } from './random-bytes.ts';
import { randomStream, type Random } from './random.ts';

const schemas = ocppSchemas('ocpp1.6');
const validators = compileOcppSchemas('ocpp1.6', { stationTimes: true });
const LIMIT = 65_536;
const ACTIONS = ['Authorize', 'BootNotification', 'Heartbeat', 'MeterValues', 'StartTransaction', 'StatusNotification', 'StopTransaction'];
const generator = (seed: number) => createFrameGenerator({ seed, schemas, actions: ACTIONS, maxFrameBytes: LIMIT });

const bytesOf = (frame: FuzzFrame) => (typeof frame.data === 'string' ? Buffer.byteLength(frame.data) : frame.data.length);
const sameData = (a: FuzzFrame, b: FuzzFrame) => Buffer.from(a.data).equals(Buffer.from(b.data)) && a.binary === b.binary;

/** `count` frames of one family, grouped by variant. */
function byVariant(make: (random: Random, context: FrameContext) => FuzzFrame, count = 600): Map<string, FuzzFrame[]> {
  const groups = new Map<string, FuzzFrame[]>();
  for (let index = 0; index < count; index += 1) {
    const frame = make(randomStream(11, index), { index, maxFrameBytes: LIMIT });
    groups.set(frame.variant, [...(groups.get(frame.variant) ?? []), frame]);
  }
  return groups;
}

function parse(frame: FuzzFrame): unknown {
  return JSON.parse(Buffer.from(frame.data).toString('utf8'));
}

/** The deepest nesting of brackets and braces in a text, outside strings (none of these frames has brackets in strings). */
function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const char of text) {
    if (char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ']' || char === '}') depth -= 1;
  }
  return deepest;
}

describe('the frame generator', () => {
  it('gives the same frame for the same seed and index, whatever was generated before', () => {
    const [a, b] = [generator(42), generator(42)];
    const forward = Array.from({ length: 300 }, (_, i) => a(i));
    const backward = Array.from({ length: 300 }, (_, i) => b(299 - i)).reverse();
    forward.forEach((frame, i) => {
      assert.ok(sameData(frame, backward[i]!), `frame ${i}`);
      assert.deepEqual([frame.family, frame.variant], [backward[i]!.family, backward[i]!.variant]);
    });
  });

  it('gives other frames for another seed', () => {
    const [a, b] = [generator(1), generator(2)];
    const differing = Array.from({ length: 100 }, (_, i) => i).filter((i) => !sameData(a(i), b(i)));
    assert.ok(differing.length > 90, `${differing.length} of 100 frames differ`);
  });

  it('mixes every family into a run, payloads most', () => {
    const next = generator(5);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i += 1) counts.set(next(i).family, (counts.get(next(i).family) ?? 0) + 1);
    for (const family of FUZZ_FAMILIES) assert.ok((counts.get(family) ?? 0) > 0, `${family} generated`);
    assert.equal(Math.max(...counts.values()), counts.get('schema-payload'));
  });

  it('keeps a family out when its weight is 0', () => {
    const next = createFrameGenerator({
      seed: 1, schemas, actions: ACTIONS, maxFrameBytes: LIMIT,
      weights: { 'schema-payload': 1, 'broken-framing': 0, 'random-bytes': 0, 'orphan-answer': 0, 'deep-nesting': 0, oversize: 0 },
    });
    for (let i = 0; i < 100; i += 1) assert.equal(next(i).family, 'schema-payload');
  });
});

describe('frame families', () => {
  it('random-bytes: binary frames are binary, invalid UTF-8 really is, the empty frame is empty', () => {
    const groups = byVariant(randomBytesFrame);
    assert.deepEqual([...groups.keys()].sort(), ['binary-bytes', 'binary-call', 'empty-text', 'invalid-utf8-call', 'random-text', 'text-bytes']);
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (const frame of groups.get('binary-bytes')!) assert.ok(frame.binary && Buffer.isBuffer(frame.data) && frame.data.length > 0);
    for (const frame of groups.get('binary-call')!) assert.ok(frame.binary && Array.isArray(parse(frame)));
    for (const frame of groups.get('invalid-utf8-call')!) {
      assert.ok(!frame.binary);
      assert.throws(() => strict.decode(frame.data as Buffer), TypeError);
    }
    const textBytes = groups.get('text-bytes')!;
    assert.ok(textBytes.every((f) => !f.binary && Buffer.isBuffer(f.data)));
    assert.ok(textBytes.filter((f) => { try { strict.decode(f.data as Buffer); return false; } catch { return true; } }).length > textBytes.length / 2);
    for (const frame of groups.get('random-text')!) assert.ok(!frame.binary && typeof frame.data === 'string' && frame.data.length > 0);
    for (const frame of groups.get('empty-text')!) assert.equal(frame.data, '');
  });

  it('broken-framing: every variant breaks the rule it names', () => {
    const groups = byVariant(brokenFramingFrame, 1500);
    const known = new Set(schemas.map((s) => /^urn:(.+)\.req$/.exec(s.$id)?.[1]));
    const claims: Record<string, (text: string) => boolean> = {
      'not-json': (t) => { try { JSON.parse(t); return false; } catch { return true; } },
      'not-an-array': (t) => !Array.isArray(JSON.parse(t)),
      'bad-type-id': (t) => ![2, 3, 4].includes((JSON.parse(t) as unknown[])[0] as number),
      'unknown-type-id': (t) => { const id = (JSON.parse(t) as unknown[])[0]; return typeof id === 'number' && ![2, 3, 4].includes(id); },
      'bad-message-id': (t) => { const id = (JSON.parse(t) as unknown[])[1]; return typeof id !== 'string' || id.length === 0 || id.length > 36 || /[^\x20-\x7e]/.test(id); },
      'bad-action': (t) => { const action = (JSON.parse(t) as unknown[])[2]; return typeof action !== 'string' || /[^\x20-\x7e]/.test(action); },
      'unknown-action': (t) => !known.has((JSON.parse(t) as unknown[])[2] as string),
      'csms-action': (t) => ['Reset', 'RemoteStartTransaction', 'ChangeConfiguration', 'UnlockConnector', 'GetLog'].includes((JSON.parse(t) as unknown[])[2] as string),
      'missing-elements': (t) => { const m = JSON.parse(t) as unknown[]; return m.length < ({ 2: 4, 3: 3, 4: 5 }[m[0] as 2 | 3 | 4] ?? 1); },
      'extra-elements': (t) => { const m = JSON.parse(t) as unknown[]; return m.length > { 2: 4, 3: 3, 4: 5 }[m[0] as 2 | 3 | 4]; },
      'payload-not-object': (t) => { const p = (JSON.parse(t) as unknown[])[3]; return typeof p !== 'object' || p === null || Array.isArray(p); },
      'duplicate-keys': (t) => /"(\w+)":[^]*"\1":/.test(t),
      'prototype-keys': (t) => t.includes('"__proto__"') || t.includes('"constructor"'),
    };
    assert.deepEqual([...groups.keys()].sort(), Object.keys(claims).sort());
    for (const [variant, frames] of groups) {
      for (const frame of frames) assert.ok(claims[variant]!(frame.data as string), `${variant}: ${String(frame.data).slice(0, 120)}`);
    }
  });

  it('deep-nesting: thousands of levels, within the frame size limit', () => {
    const groups = byVariant(deepNestingFrame, 200);
    assert.equal(groups.size, 5);
    for (const frames of groups.values()) {
      for (const frame of frames) {
        assert.ok(depthOf(frame.data as string) >= 1000, `${frame.variant} depth ${depthOf(frame.data as string)}`);
        assert.ok(bytesOf(frame) <= LIMIT, `${frame.variant} ${bytesOf(frame)} bytes`);
      }
    }
  });

  it('oversize: under-limit frames fit it (the CALL a valid DataTransfer), over-limit ones exceed it', () => {
    const groups = byVariant(oversizeFrame, 200);
    assert.equal(groups.size, 5);
    const validate = validators.get('urn:DataTransfer.req')!;
    for (const frame of [...groups.get('under-limit-call')!, ...groups.get('under-limit-binary')!]) {
      assert.ok(bytesOf(frame) <= LIMIT && bytesOf(frame) >= LIMIT - 64, `${frame.variant} ${bytesOf(frame)} bytes`);
    }
    for (const frame of groups.get('under-limit-call')!) assert.ok(validate((parse(frame) as unknown[])[3]));
    for (const variant of ['over-limit-call', 'over-limit-binary', 'far-over-limit']) {
      for (const frame of groups.get(variant)!) assert.ok(bytesOf(frame) > LIMIT, `${variant} ${bytesOf(frame)} bytes`);
    }
  });

  it('orphan-answer: CALLRESULTs and CALLERRORs only', () => {
    const groups = byVariant(orphanAnswerFrame, 200);
    assert.equal(groups.size, 4);
    for (const frames of groups.values()) {
      for (const frame of frames) assert.ok([3, 4].includes((parse(frame) as unknown[])[0] as number));
    }
  });
});
