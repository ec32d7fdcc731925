// Payments: authorizes the card, records the charge in the ledger.

export const routes = {
  'POST /charge': async (ctx, req) => {
    const { amount, card } = req.body ?? {};
    if (!(amount > 0)) ctx.fail(400, 'invalid amount');
    await ctx.work(150); // card network authorization
    if (String(card ?? '').startsWith('4000')) return { status: 402, body: { error: 'card declined' } };
    const record = await ctx.call('ledger', '/record', { amount }, ctx.config.dependencies.ledger);
    if (record.status !== 200) ctx.fail(503, 'ledger unavailable');
    return { status: 200, body: { txId: record.body.entryId, amount } };
  },
};
