import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { routes } from './handler.js';
import { createFakeContext } from '../../sdk/fake-context.js';

const config = JSON.parse(readFileSync(new URL('./config.json', import.meta.url), 'utf8'));

test('a record gets an entry id', async () => {
  const ctx = createFakeContext({ config });
  const res = await routes['POST /record'](ctx, { body: { amount: 3 } });
  assert.equal(res.status, 200);
  assert.match(res.body.entryId, /^e\d+$/);
});

test('an invalid amount is rejected', async () => {
  const ctx = createFakeContext({ config });
  await assert.rejects(routes['POST /record'](ctx, { body: { amount: 0 } }), (e) => e.status === 400);
});
