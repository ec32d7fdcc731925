/** What an agent may spend on one incident (stack `agent.budget`); absent limits are unlimited. */
export interface AgentBudget {
  toolCalls?: number;
  wallMs?: number;
  tokens?: number;
}

/**
 * Counts what an agent spends and cuts it off at the first limit passed: the toolbox (HTTP and
 * MCP alike) charges every call here, adapters report tokens, a timer watches wall time.
 */
export class BudgetMeter {
  toolCalls = 0;
  tokens = 0;
  private exceededWhy: string | undefined;
  private readonly controller = new AbortController();

  constructor(readonly limits: AgentBudget) {}

  /** Aborts when a limit is passed (or `cutOff` is called). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get exceeded(): string | undefined {
    return this.exceededWhy;
  }

  /** Charges one tool call; false (and the agent is cut off) when it is one past the limit. */
  chargeToolCall(): boolean {
    if (this.exceededWhy) return false;
    this.toolCalls++;
    if (this.limits.toolCalls !== undefined && this.toolCalls > this.limits.toolCalls) {
      this.cutOff(`tool-call budget exceeded (${this.limits.toolCalls} calls)`);
      return false;
    }
    return true;
  }

  chargeTokens(tokens: number): void {
    this.tokens += tokens;
    if (this.limits.tokens !== undefined && this.tokens > this.limits.tokens) this.cutOff(`token budget exceeded (${this.tokens} > ${this.limits.tokens})`);
  }

  /** The agent's turn is over (answered or not): its signal aborts, nothing is counted against it. */
  finish(): void {
    if (!this.controller.signal.aborted) this.controller.abort(new Error('the agent finished'));
  }

  cutOff(why: string): void {
    if (this.exceededWhy) return;
    this.exceededWhy = why;
    this.controller.abort(new Error(why));
  }
}
