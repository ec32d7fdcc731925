import { z } from 'zod';
import { FAULT_CLASSES, FIX_CLASSES } from '../../scenario/scenario-schema.ts';

/**
 * What an agent answers: a diagnosis (L2) and, at L3 and above, a proposed fix. Validated with
 * this schema whatever the adapter; an answer that fails it is a scored failure with the
 * parser's message. JSON Schema in scenarios/schema/agent-answer.schema.json.
 */
export const AGENT_ANSWER_SCHEMA = 'firedrill.agent-answer/v1';

export const culpritSchema = z
  .object({
    file: z.string().min(1).meta({ description: 'Path in the repository, e.g. services/checkout/tax.js' }),
    line: z.int().positive().optional().meta({ description: 'A line of the offending hunk, numbered in the deployed commit' }),
    text: z.string().optional().meta({ description: 'Text quoted from the offending hunk (an added line, or part of one)' }),
  })
  .strict();

export const diagnosisSchema = z
  .object({
    service: z.string().min(1).meta({ description: 'The service where the cause lives (not where the symptom shows)' }),
    faultClass: z.enum(FAULT_CLASSES),
    culprit: culpritSchema.optional(),
    summary: z.string().min(1).meta({ description: 'The root cause in a sentence or two' }),
    evidence: z.array(z.string()).optional(),
    confidence: z.number().min(0).max(1).optional(),
  })
  .strict();

export const proposalSchema = z
  .object({
    title: z.string().min(1),
    body: z.string().optional().meta({ description: 'The PR description (the RCA)' }),
    patch: z.string().min(1).meta({ description: 'A unified diff against the deployed commit (git apply)' }),
    fixClass: z.enum(FIX_CLASSES).meta({ description: "The agent's claim; firedrill classifies the diff itself" }),
  })
  .strict();

export const agentAnswerSchema = z
  .object({
    schema: z.literal(AGENT_ANSWER_SCHEMA).optional(),
    diagnosis: diagnosisSchema.optional(),
    proposal: proposalSchema.optional(),
    usage: z.object({ tokens: z.int().nonnegative().optional() }).strict().optional().meta({ description: 'What the agent spent, when it knows' }),
  })
  .strict();

export type Culprit = z.output<typeof culpritSchema>;
export type Diagnosis = z.output<typeof diagnosisSchema>;
export type Proposal = z.output<typeof proposalSchema>;
export type AgentAnswer = z.output<typeof agentAnswerSchema>;
