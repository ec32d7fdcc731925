import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { routes } from './handler.js';
import { createFakeContext } from '../../sdk/fake-context.js';

const config = JSON.parse(readFileSync(new URL('./config.json', import.meta.url), 'utf8'));
const ledgerOk = { ledger: { '/record': { status: 200, body: { entryId: 'e1' } } } };

test('a charge is authorized and recorded', async () => {
  const ctx = createFakeContext({ config, deps: ledgerOk });
  const res = await routes['POST /charge'](ctx, { body: { amount: 12.5, card: '4111' } });
  assert.equal(res.status, 200);
  assert.equal(res.body.txId, 'e1');
});

test('authorization stays fast: one card-network round trip per charge', async () => {
  const ctx = createFakeContext({ config, deps: ledgerOk });
  await routes['POST /charge'](ctx, { body: { amount: 5, card: '4111' } });
  assert.ok(ctx.spent <= 200, `spent ${ctx.spent} ms`);
});

test('a declined card is a 402 and is not recorded', async () => {
  const ctx = createFakeContext({ config, deps: ledgerOk });
  const res = await routes['POST /charge'](ctx, { body: { amount: 5, card: '4000 0000' } });
  assert.equal(res.status, 402);
  assert.equal(ctx.calls.length, 0);
});

test('a ledger failure is a 503', async () => {
  const ctx = createFakeContext({ config, deps: { ledger: { '/record': { status: 500, body: {} } } } });
  await assert.rejects(routes['POST /charge'](ctx, { body: { amount: 5, card: '4111' } }), (e) => e.status === 503);
});
