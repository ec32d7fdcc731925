import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { routes, tokenize } from './handler.js';
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

test('search lists a page for an empty query and reports its terms', async () => {
  const ctx = createFakeContext({ config });
  const res = await routes['GET /api/search'](ctx, { query: { page: 3 } });
  assert.equal(res.status, 200);
  assert.equal(res.body.page, 3);
  assert.deepEqual(res.body.terms, []);
  assert.equal(ctx.calls.length, 0);
});

test('search terms are lower-case words, at most 8', () => {
  assert.deepEqual(tokenize('Red  SHOES, size-42'), ['red', 'shoes', 'size', '42']);
  assert.equal(tokenize('a b c d e f g h i j').length, 8);
});

test('a search costs more per term but stays well under 100 ms', async () => {
  const one = createFakeContext({ config });
  await routes['GET /api/search'](one, { query: { q: 'shoes' } });
  const many = createFakeContext({ config });
  await routes['GET /api/search'](many, { query: { q: 'red leather shoes' } });
  assert.ok(many.spent > one.spent);
  assert.ok(many.spent < 100, `spent ${many.spent} ms`);
});
