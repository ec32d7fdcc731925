/**
 * A timeline is the one output of a run (Chaos Toolkit's journal): every act of the world, the
 * rollout controller, the pager, the humans and the agents is an event. Scoring reads only this.
 * `t` is milliseconds since the run's epoch; `type` is a dotted name (`deploy.started`).
 * Payload keys are kept in a stable order by the writer, so a timeline is byte-identical for a
 * given seed.
 */
export interface TimelineEvent {
  t: number;
  type: string;
  /** Who acted: world, rollout, analysis, pager, oncall, agent, policy, harness. */
  source: string;
  [key: string]: unknown;
}
