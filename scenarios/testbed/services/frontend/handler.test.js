import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { routes } from './handler.js';
import { createFakeContext } from '../../sdk/fake-context.js';

const config = JSON.parse(readFileSync(new URL('./config.json', import.meta.url), 'utf8'));

test('products page renders locally', async () => {
  const ctx = createFakeContext({ config });
  const res = await routes['GET /api/products'](ctx, { query: { page: 2 } });
  assert.equal(res.status, 200);
  assert.equal(res.body.page, 2);
  assert.equal(ctx.calls.length, 0);
});

test('checkout is forwarded with the configured timeout', async () => {
  const ctx = createFakeContext({ config, deps: { checkout: { '/checkout': { status: 200, body: { orderId: 'o1' } } } } });
  const res = await routes['POST /api/checkout'](ctx, { body: { items: [] } });
  assert.equal(res.status, 200);
  assert.equal(ctx.calls[0].opts.timeoutMs, config.dependencies.checkout.timeoutMs);
});

test('a failing checkout becomes a 502 for the user', async () => {
  const ctx = createFakeContext({ config, deps: { checkout: { '/checkout': { status: 503, body: {} } } } });
  const res = await routes['POST /api/checkout'](ctx, { body: { items: [] } });
  assert.equal(res.status, 502);
});

test('a products page renders in well under 100 ms of service time', async () => {
  const ctx = createFakeContext({ config });
  await routes['GET /api/products'](ctx, { query: {} });
  assert.ok(ctx.spent < 100, `spent ${ctx.spent} ms`);
});
