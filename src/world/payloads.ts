// The English instance alone: the package's root loads every locale (~140 ms at each start, in
// every suite worker, against ~25 ms). Its data is en with base as fallback: the same pools as
// `new Faker({ locale: [en] })` (compared for seeds 1-20).
import { faker } from '@faker-js/faker/locale/en';

/**
 * Realistic request bodies from a seeded faker. A pool is drawn once per run and sampled by the
 * run's RNG: faker costs microseconds per call, which a 90k-request drill cannot pay per request.
 */
export interface CartPayload {
  country: string;
  card: string;
  coupon: string | null;
  items: { sku: string; name: string; category: string; price: number; qty: number }[];
}

const COUNTRIES = ['US', 'US', 'US', 'DE', 'FR', 'GB', 'JP', 'CA', 'BR', 'IN'];
const CATEGORIES = ['books', 'electronics', 'garden', 'toys', 'digital', 'grocery'];

export function createCartPool(seed: number, size = 512): CartPayload[] {
  // One instance per thread, reseeded here; the pool is drawn synchronously, so no other draw interleaves.
  faker.seed(seed);
  const pool: CartPayload[] = [];
  for (let i = 0; i < size; i++) {
    const n = faker.number.int({ min: 1, max: 4 });
    pool.push({
      country: faker.helpers.arrayElement(COUNTRIES),
      card: faker.number.int({ min: 0, max: 49 }) === 0 ? '4000000000000002' : faker.finance.creditCardNumber({ issuer: '4###############' }),
      coupon: faker.number.int({ min: 0, max: 9 }) === 0 ? faker.string.alphanumeric(8).toUpperCase() : null,
      items: Array.from({ length: n }, () => ({
        sku: faker.string.alphanumeric(10),
        name: faker.commerce.productName(),
        category: faker.helpers.arrayElement(CATEGORIES),
        price: Number(faker.commerce.price({ min: 2, max: 300 })),
        qty: faker.number.int({ min: 1, max: 3 }),
      })),
    });
  }
  return pool;
}
