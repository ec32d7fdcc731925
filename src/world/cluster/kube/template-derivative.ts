/**
 * apimachinery's `equality.Semantic.DeepDerivative` over JSON values, as `kubectl argo rollouts undo`
 * compares the Rollout's pod template with a ReplicaSet's (`equalIgnoreHash`): what `a` leaves unset
 * (absent, null, an empty string, map or list) is ignored; what it sets must be equal in `b`.
 */
export function isDerivative(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return true;
  if (typeof a === 'string') return a === '' || a === b;
  if (Array.isArray(a)) {
    if (a.length === 0) return true;
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => isDerivative(x, b[i]));
  }
  if (typeof a === 'object') {
    const entries = Object.entries(a as Record<string, unknown>);
    if (entries.length === 0) return true;
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return false;
    const rb = b as Record<string, unknown>;
    return entries.every(([k, v]) => isDerivative(v, rb[k]));
  }
  return a === b;
}
