// The shop's edge: renders product pages itself and forwards cart checkouts.

export const routes = {
  'GET /api/products': async (ctx, req) => {
    const page = Number(req.query?.page ?? 1);
    await ctx.work(6 + renderCostMs(ctx.config.catalog.size));
    return { status: 200, body: { page, items: 20 } };
  },

  'POST /api/checkout': async (ctx, req) => {
    await ctx.work(4);
    const dep = ctx.config.dependencies.checkout;
    const res = await ctx.call('checkout', '/checkout', req.body, dep);
    if (res.status >= 500) {
      ctx.log('error', 'checkout failed', { status: res.status });
      return { status: 502, body: { error: 'checkout unavailable' } };
    }
    return res;
  },
};

// Rendering a page costs about 1 ms per 1000 catalog entries it has to filter.
export function renderCostMs(catalogSize) {
  return catalogSize / 1000;
}
