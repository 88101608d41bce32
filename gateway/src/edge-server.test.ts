import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEdgeServer, createTlsEdgeServer } from './edge-server.ts';

// That a half-sent request is then closed is shown on a real socket in gateway.int.test.ts.
describe('edge server', () => {
  it('bounds how long a request may take to arrive, plain and TLS alike, checked every second', () => {
    const options = { handshakeTimeoutMs: 7000 };
    for (const server of [createEdgeServer(() => undefined, options), createTlsEdgeServer(() => undefined, { ...options, tls: {} })]) {
      assert.deepEqual([server.headersTimeout, server.requestTimeout], [7000, 7000]);
    }
  });
});
