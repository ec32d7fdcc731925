export { PromqlEngine, type EngineOptions } from './engine.ts';
export { PromqlEvalError, PromqlParseError } from './errors.ts';
export { parseQuery } from './parse/parse-query.ts';
export { FUNCTIONS, type FunctionDef } from './function-table.ts';
export type { Expr, ValueType } from './syntax-tree.ts';
