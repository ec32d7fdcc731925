/**
 * A problem found in a config value before it is placed in its file: the YAML path as segments
 * (so a key holding dots, like a label `app.kubernetes.io/name`, stays one segment), the message,
 * and a hint. `locateIssues` (yaml-source.ts) turns these into ConfigIssues with file:line:column.
 */
export type YamlPath = (string | number)[];

export interface PathIssue {
  path: YamlPath;
  message: string;
  hint?: string;
  /** Point at the key rather than its value: an unknown or unsupported field. */
  atKey?: boolean;
}

/** Drops repeats (same path and message): a schema and a rule may see the same problem. */
export function dedupeIssues<T extends { path: YamlPath | string; message: string }>(issues: T[]): T[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${JSON.stringify(issue.path)}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
