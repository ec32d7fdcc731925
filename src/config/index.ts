export * from './yaml-source.ts';
export * from './validate-with-schema.ts';
