/** The scenario's user load, as every backend's load generator takes it (k6's constant-arrival-rate). */
export interface LoadSpec {
  rate: number;
  maxInFlight: number;
  timeoutMs: number;
  mix: { route: string; method: 'GET' | 'POST'; weight: number }[];
}
