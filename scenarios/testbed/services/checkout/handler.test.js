import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { routes } from './handler.js';
import { computeTax } from './tax.js';
import { quoteExpressShipping } from './shipping.js';
import { createFakeContext } from '../../sdk/fake-context.js';

const config = JSON.parse(readFileSync(new URL('./config.json', import.meta.url), 'utf8'));
const cart = { country: 'DE', card: '4111', items: [{ sku: 'a', price: 10, qty: 2 }] };
const paid = { payments: { '/charge': (body) => ({ status: 200, body: { txId: 't1', amount: body.amount } }) } };

test('tax follows the destination country', () => {
  assert.equal(computeTax({ country: 'DE', subtotal: 100 }), 19);
  assert.equal(computeTax({ country: 'ZZ', subtotal: 100 }), 0);
});

test('a cart is charged subtotal plus tax', async () => {
  const ctx = createFakeContext({ config, deps: paid });
  const res = await routes['POST /checkout'](ctx, { body: cart });
  assert.equal(res.status, 200);
  assert.equal(res.body.total, 23.8);
  assert.equal(ctx.calls[0].body.amount, 23.8);
});

test('payments is called with the configured timeout and retries', async () => {
  const ctx = createFakeContext({ config, deps: paid });
  await routes['POST /checkout'](ctx, { body: cart });
  assert.deepEqual(ctx.calls[0].opts, config.dependencies.payments);
});

test('dependency timeouts stay above the payments p99 and retries stay low', () => {
  // Payments answers in ~150-400 ms; a timeout below that turns slowness into a retry storm.
  assert.ok(config.dependencies.payments.timeoutMs >= 1000);
  assert.ok(config.dependencies.payments.retries <= 2);
});

test('a failed payment is a 503', async () => {
  const ctx = createFakeContext({ config, deps: { payments: { '/charge': { status: 503, body: {} } } } });
  await assert.rejects(routes['POST /checkout'](ctx, { body: cart }), (e) => e.status === 503);
});

test('express shipping is a zone fee plus handling per item', () => {
  assert.equal(quoteExpressShipping({ country: 'DE', items: [{ qty: 2 }, { qty: 1 }] }), 12);
  assert.equal(quoteExpressShipping({ country: 'US', items: [{ qty: 1 }] }), 13.5);
});

test('with express-shipping on, the charge includes the quote', async () => {
  const ctx = createFakeContext({ config: { ...config, flags: { ...config.flags, 'express-shipping': true } }, deps: paid });
  const res = await routes['POST /checkout'](ctx, { body: cart });
  assert.equal(res.status, 200);
  assert.equal(res.body.total, 23.8 + 11);
  assert.equal(ctx.calls[0].body.amount, 23.8 + 11);
});
