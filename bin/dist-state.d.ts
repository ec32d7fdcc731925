/** Why dist/ must not run (missing, or a source changed after the build), or undefined when it may. */
export function findStaleReason(root: string): string | undefined;
