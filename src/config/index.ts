export * from './path-issue.ts';
export * from './yaml-source.ts';
export * from './zod-issues.ts';
export * from './validate-with-schema.ts';
export * from './describe-value.ts';
export * from './one-of.ts';
export * from './duration-field.ts';
