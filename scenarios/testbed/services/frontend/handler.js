// The shop's edge: renders product pages itself and forwards cart checkouts.

export const routes = {
  'GET /api/products': async (ctx, req) => {
    const page = Number(req.query?.page ?? 1);
    await ctx.work(6 + renderCostMs(ctx.config.catalog.size));
    return { status: 200, body: { page, items: 20 } };
  },

  // Search filters the catalog by keyword; an empty query lists the page like a category browse.
  'GET /api/search': async (ctx, req) => {
    const page = Number(req.query?.page ?? 1);
    const terms = tokenize(req.query?.q ?? '');
    await ctx.work(4 + searchCostMs(ctx.config.catalog.size, terms.length));
    return { status: 200, body: { page, terms, items: 20 } };
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

// Lower-case words of a search query, at most 8 (longer queries are cut, not rejected).
export function tokenize(q) {
  return String(q).toLowerCase().split(/\W+/).filter(Boolean).slice(0, 8);
}

// The keyword index answers each term in about 2 ms per 1000 catalog entries.
export function searchCostMs(catalogSize, termCount) {
  return Math.max(1, termCount) * 2 * (catalogSize / 1000);
}
