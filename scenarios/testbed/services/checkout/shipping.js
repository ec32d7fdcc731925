// Express shipping quotes (behind the express-shipping flag): a flat fee per destination zone,
// plus a per-item handling charge. Countries map to zones; the table covers the launch markets.
const ZONE_OF_COUNTRY = { US: 'na', CA: 'na', DE: 'eu', FR: 'eu', GB: 'uk', JP: 'apac' };
const ZONES = {
  na: { fee: 12, perItem: 1.5 },
  eu: { fee: 9, perItem: 1 },
  uk: { fee: 10, perItem: 1 },
  apac: { fee: 18, perItem: 2 },
};

export function quoteExpressShipping(cart) {
  const zone = ZONES[ZONE_OF_COUNTRY[cart.country]];
  const items = cart.items.reduce((n, item) => n + item.qty, 0);
  return zone.fee + zone.perItem * items;
}
