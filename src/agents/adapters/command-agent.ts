import { spawn } from 'node:child_process';
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
    run(bundle: IncidentBundle, ctx) {
      return new Promise((resolve, reject) => {
        let child;
        try {
          child = spawn(argv[0], argv.slice(1), {
            cwd: options.cwd,
            env: {
              ...process.env, ...options.env,
              FIREDRILL_TOOLBOX_URL: bundle.toolbox.url, FIREDRILL_TOOLBOX_TOKEN: bundle.toolbox.token, FIREDRILL_MCP_URL: bundle.toolbox.mcpUrl,
            },
            stdio: ['pipe', 'pipe', 'pipe'],
            detached: true,
          });
        } catch (err) {
          reject(new AgentFailure('unreachable', `cannot start ${argv[0]}: ${(err as Error).message}`));
          return;
        }
        let stdout = '';
        let stderr = '';
        let tooBig = false;
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          if (stdout.length + chunk.length > MAX_ANSWER_BYTES) {
            tooBig = true;
            kill();
          } else stdout += chunk;
        });
        child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-STDERR_TAIL)));
        const kill = (): void => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        };
        ctx.signal.addEventListener('abort', kill, { once: true });
        child.stdin.on('error', () => {}); // an agent that never reads its stdin is not a harness error
        child.stdin.end(JSON.stringify(bundle));
        child.on('error', (err) => {
          ctx.signal.removeEventListener('abort', kill);
          reject(new AgentFailure('unreachable', `cannot start ${argv[0]}: ${err.message}`, { hint: 'check the path in the stack\'s agent.use' }));
        });
        child.on('close', (code, signal) => {
          ctx.signal.removeEventListener('abort', kill);
          if (stderr.trim()) ctx.note(`${id} stderr (last ${STDERR_TAIL} bytes)`, { stderr: stderr.trim() });
          if (tooBig) return reject(new AgentFailure('invalid-answer', `${id} wrote more than ${MAX_ANSWER_BYTES} bytes to stdout`));
          if (ctx.signal.aborted) return reject(new AgentFailure('timeout', `${id} was cut off`));
          if (code !== 0) {
            const tail = stderr.trim().split('\n').slice(-5).join(' | ');
            return reject(new AgentFailure('crashed', `${id} exited with ${code === null ? `signal ${signal}` : `code ${code}`}${tail ? `: ${tail}` : ''}`));
          }
          try {
            resolve(parseAnswerText(stdout, id));
          } catch (err) {
            reject(err);
          }
        });
      });
    },
  };
}
