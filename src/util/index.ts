export * from './errors.ts';
export * from './rng.ts';
export * from './duration.ts';
export * from './go-duration.ts';
