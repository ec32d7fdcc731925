export type { Agent, AgentRunContext, AgentFailureKind, AgentOutcome } from './agent.ts';
export { AgentFailure } from './agent.ts';
export { BudgetMeter, type AgentBudget } from './budget.ts';
export * from './protocol/incident-bundle.ts';
export * from './protocol/agent-answer.ts';
export type { IncidentView, LogQuery, ServiceLogLine, RolloutView } from './toolbox/incident-view.ts';
export { CLUSTER_KINDS, type ClusterEvent, type ClusterKind, type ClusterLogs, type ClusterReads, type RolloutTree } from './toolbox/cluster-reads.ts';
