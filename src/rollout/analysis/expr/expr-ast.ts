/** Syntax tree of the expr subset, shaped like expr-lang's ast package (v1.17.8). */
export type ExprNode =
  | { type: 'nil'; pos: number }
  | { type: 'bool'; value: boolean; pos: number }
  | { type: 'int'; value: bigint; pos: number }
  | { type: 'float'; value: number; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'identifier'; name: string; pos: number }
  /** `#` (name '') or `#index`, `#acc` inside a predicate. */
  | { type: 'pointer'; name: string; pos: number }
  | { type: 'unary'; op: string; node: ExprNode; pos: number }
  | { type: 'binary'; op: string; left: ExprNode; right: ExprNode; pos: number }
  /** `a.b`, `a[b]`, `a?.b`; `property` is a string node for `.name`. */
  | { type: 'member'; node: ExprNode; property: ExprNode; optional: boolean; pos: number }
  | { type: 'slice'; node: ExprNode; from?: ExprNode; to?: ExprNode; pos: number }
  /** A call of an environment function (isNaN, asInt, ...). */
  | { type: 'call'; callee: string; args: ExprNode[]; pos: number }
  /** A call of an expr builtin (len, all, filter, ...). */
  | { type: 'builtin'; name: string; args: ExprNode[]; pos: number }
  | { type: 'predicate'; node: ExprNode; pos: number }
  | { type: 'conditional'; cond: ExprNode; then: ExprNode; else: ExprNode; pos: number }
  | { type: 'array'; items: ExprNode[]; pos: number }
  | { type: 'map'; pairs: { key: ExprNode; value: ExprNode }[]; pos: number }
  | { type: 'let'; name: string; value: ExprNode; body: ExprNode; pos: number }
  | { type: 'sequence'; nodes: ExprNode[]; pos: number };

export type NodeOf<T extends ExprNode['type']> = Extract<ExprNode, { type: T }>;
