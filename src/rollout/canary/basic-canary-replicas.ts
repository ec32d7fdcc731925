/**
 * `utils/replicaset/canary.go:approximateWeightedCanaryStableReplicaCounts`: the canary/stable
 * pod split that best approximates a weight without traffic routing. Ties round the canary up;
 * with surge allowed, spec.replicas + 1 pods may be used; a weight of 1-99 keeps at least one pod
 * on each side when there are 2+ pods. Returns [canary, stable].
 */
export function approximateWeightedCanaryStableReplicaCounts(
  specReplicas: number,
  desiredWeight: number,
  maxWeight: number,
  surgeAllowed: boolean,
): [number, number] {
  if (specReplicas === 0) return [0, 0];
  const exact = (specReplicas * desiredWeight) / maxWeight;
  const ceil = Math.ceil(exact);
  const floor = Math.floor(exact);
  const zeroAllowed = desiredWeight === maxWeight || desiredWeight === 0 || (specReplicas === 1 && !surgeAllowed);
  const options: { canary: number; total: number }[] = [];
  if (ceil < specReplicas || zeroAllowed) options.push({ canary: ceil, total: specReplicas });
  if (!isTied(desiredWeight, maxWeight, specReplicas) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: specReplicas });
  if (surgeAllowed) {
    options.push({ canary: ceil, total: specReplicas + 1 });
    if (!isTied(desiredWeight, maxWeight, specReplicas + 1) && (floor !== 0 || zeroAllowed)) {
      options.push({ canary: floor, total: specReplicas + 1 });
    }
  }
  if (options.length === 0) return [0, specReplicas];
  let best = options[0];
  for (const o of options.slice(1)) {
    if (delta(desiredWeight, maxWeight, o) < delta(desiredWeight, maxWeight, best)) best = o;
  }
  return [best.canary, best.total - best.canary];
}

function isTied(weight: number, maxWeight: number, total: number): boolean {
  const v = total * (weight / maxWeight);
  return v - Math.trunc(v) === 0.5;
}

function delta(weight: number, maxWeight: number, o: { canary: number; total: number }): number {
  return Math.abs((o.canary * maxWeight) / o.total - weight);
}
