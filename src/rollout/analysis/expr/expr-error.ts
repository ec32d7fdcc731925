/**
 * A compile or runtime error of a condition. `message` is what expr-lang's `file.Error.Message`
 * would hold (Argo unwraps it without the location snippet: utils/evaluate/evaluate.go:EvalCondition).
 */
export class ExprError extends Error {
  readonly pos?: number;
  constructor(message: string, pos?: number) {
    super(message);
    this.name = 'ExprError';
    this.pos = pos;
  }
}
