/** Beyond this many open entries the oldest are dropped: a bound, not a limit a drill reaches. */
const MAX_ENTRIES = 500_000;

/**
 * Which version of the deployed service each user request reached, by request id: the
 * deployed service's router notes every routing decision, and the load generator reads it when
 * the request settles (the last decision wins, as retries may land elsewhere, like the sim's trace).
 */
export class RequestTrace {
  private readonly versions = new Map<string, string>();

  note(requestId: string, version: string): void {
    this.versions.delete(requestId);
    this.versions.set(requestId, version);
    if (this.versions.size > MAX_ENTRIES) this.versions.delete(this.versions.keys().next().value!);
  }

  take(requestId: string): string | undefined {
    const v = this.versions.get(requestId);
    this.versions.delete(requestId);
    return v;
  }
}
