// Ledger: appends a double-entry record. Writes are fast; a few wait for a disk flush.

export const routes = {
  'POST /record': async (ctx, req) => {
    const { amount } = req.body ?? {};
    if (!(amount > 0)) ctx.fail(400, 'invalid amount');
    await ctx.work(20);
    if (ctx.random() < 0.03) await ctx.work(250); // group commit waits for fsync
    return { status: 200, body: { entryId: `e${Math.floor(ctx.random() * 1e9)}` } };
  },
};
