import { runChildProcess, type ChildProcessResult } from '../../util/run-child-process.ts';
import { AgentFailure, type Agent } from '../agent.ts';
import type { IncidentBundle } from '../protocol/incident-bundle.ts';
import { MAX_ANSWER_BYTES, parseAnswerText } from './parse-answer.ts';

const STDERR_TAIL = 2048;

/**
 * `command:<program and args>`: any executable as an agent. The bundle goes to its stdin as
 * JSON, its answer is read from stdout; the toolbox's URL and token come in the environment
 * (FIREDRILL_TOOLBOX_URL, FIREDRILL_TOOLBOX_TOKEN, FIREDRILL_MCP_URL). It runs in its own process
 * group, killed whole when the agent is cut off; the tail of its stderr goes to the journal.
 * Arguments are split on spaces (no shell): wrap anything fancier in a script.
 */
export function createCommandAgent(spec: string, options: { cwd?: string; env?: Record<string, string> } = {}): Agent {
  const argv = spec.trim().split(/\s+/);
  const id = `command:${spec}`;
  return {
    id,
    async run(bundle: IncidentBundle, ctx) {
      let r: ChildProcessResult;
      try {
        r = await runChildProcess({
          command: argv[0],
          args: argv.slice(1),
          cwd: options.cwd,
          env: {
            ...process.env, ...options.env,
            FIREDRILL_TOOLBOX_URL: bundle.toolbox.url, FIREDRILL_TOOLBOX_TOKEN: bundle.toolbox.token, FIREDRILL_MCP_URL: bundle.toolbox.mcpUrl,
          },
          input: JSON.stringify(bundle),
          signal: ctx.signal,
          maxStdout: MAX_ANSWER_BYTES,
          stderrTail: STDERR_TAIL,
        });
      } catch (err) {
        throw new AgentFailure('unreachable', (err as Error).message, { hint: 'check the path in the stack\'s agent.use' });
      }
      if (r.stderr.trim()) ctx.note(`${id} stderr (last ${STDERR_TAIL} bytes)`, { stderr: r.stderr.trim() });
      if (r.stdoutTooBig) throw new AgentFailure('invalid-answer', `${id} wrote more than ${MAX_ANSWER_BYTES} bytes to stdout`);
      if (r.aborted) throw new AgentFailure('timeout', `${id} was cut off`);
      if (r.exitCode !== 0) {
        const tail = r.stderr.trim().split('\n').slice(-5).join(' | ');
        throw new AgentFailure('crashed', `${id} exited with ${r.exitCode === null ? `signal ${r.signal}` : `code ${r.exitCode}`}${tail ? `: ${tail}` : ''}`);
      }
      return parseAnswerText(r.stdout, id);
    },
  };
}
