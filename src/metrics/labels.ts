/** A label set. `__name__` holds the metric name, as in Prometheus. */
export type Labels = Readonly<Record<string, string>>;

/** Canonical key of a label set: names sorted, so equal sets give equal keys. */
export function labelsKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let key = '';
  for (const n of names) key += `${n}\u0000${labels[n]}\u0001`;
  return key;
}

/** Prometheus's text form: name{a="1",b="2"}. */
export function formatLabels(labels: Labels): string {
  const { __name__: name = '', ...rest } = labels;
  const inner = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`)
    .join(',');
  return inner ? `${name}{${inner}}` : name || '{}';
}
