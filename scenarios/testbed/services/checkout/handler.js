// Checkout: prices the cart, charges the card through payments, returns the order.
import { computeTax } from './tax.js';
import { quoteExpressShipping } from './shipping.js';

export const routes = {
  'POST /checkout': async (ctx, req) => {
    const cart = req.body ?? {};
    if (!Array.isArray(cart.items) || cart.items.length === 0) ctx.fail(400, 'empty cart');
    await ctx.work(12 + 2 * cart.items.length);
    const subtotal = cart.items.reduce((sum, item) => sum + item.price * item.qty, 0);
    const tax = computeTax({ ...cart, subtotal });
    const shipping = ctx.flags['express-shipping'] ? quoteExpressShipping(cart) : 0;
    const dep = ctx.config.dependencies.payments;
    const charge = await ctx.call('payments', '/charge', { amount: subtotal + tax + shipping, card: cart.card }, dep);
    if (charge.status >= 500) {
      ctx.log('error', 'payment failed', { status: charge.status });
      ctx.fail(503, 'payment unavailable');
    }
    if (charge.status !== 200) return { status: 402, body: { error: 'payment declined' } };
    return { status: 200, body: { orderId: charge.body.txId, total: subtotal + tax + shipping } };
  },
};
