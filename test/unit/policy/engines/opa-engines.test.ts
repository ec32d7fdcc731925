import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countLiveChildren } from '../../../../src/world/local/cleanup-registry.ts';
import { checkOpaAvailable, findOpaBinary, OPA_MODULE, OPA_VERSION, requireOpaBinary } from '../../../../src/policy/engines/opa-binary.ts';
import { createOpaEvalEngine } from '../../../../src/policy/engines/opa-eval-engine.ts';
import { startOpaServerEngine } from '../../../../src/policy/engines/opa-server-engine.ts';
import { createPolicyEngine } from '../../../../src/policy/engines/create-policy-engine.ts';

const dir = mkdtempSync(join(tmpdir(), 'opa-engines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opa = findOpaBinary();
const NO_OPA = 'path' in opa ? undefined : `${opa.problem}: OPA process tests skipped`;
if (NO_OPA) console.warn(NO_OPA);

/** PATH without any opa on it, for the lookup tests. */
const noOpaOnPath = { PATH: '/nonexistent' };

describe('finding the opa binary', () => {
  it('takes FIREDRILL_OPA first, then the tool cache, and says what is missing', () => {
    const tools = join(dir, 'tools');
    const cached = join(tools, `opa-${OPA_VERSION}`, 'opa');
    const saved = process.env.PATH;
    process.env.PATH = noOpaOnPath.PATH;
    try {
      expect(findOpaBinary({ FIREDRILL_TOOLS_DIR: tools })).toEqual({ problem: expect.stringContaining(`${cached} does not exist`) });
      mkdirSync(join(tools, `opa-${OPA_VERSION}`), { recursive: true });
      writeFileSync(cached, '#!/bin/sh\n');
      chmodSync(cached, 0o755);
      expect(findOpaBinary({ FIREDRILL_TOOLS_DIR: tools })).toEqual({ path: cached, source: 'tool cache' });
      expect(findOpaBinary({ FIREDRILL_TOOLS_DIR: tools, FIREDRILL_OPA: cached })).toEqual({ path: cached, source: 'FIREDRILL_OPA' });
      expect(findOpaBinary({ FIREDRILL_TOOLS_DIR: tools, FIREDRILL_OPA: join(dir, 'nope') })).toEqual({ problem: expect.stringContaining('is not an executable file') });
    } finally {
      process.env.PATH = saved;
    }
  });

  it('fails a stack that names OPA at validation, with how to build it', () => {
    const saved = process.env.PATH;
    process.env.PATH = noOpaOnPath.PATH;
    try {
      const env = { FIREDRILL_TOOLS_DIR: join(dir, 'empty') };
      const issue = checkOpaAvailable('spec.policy.engine', env);
      expect(issue?.path).toBe('spec.policy.engine');
      expect(issue?.message).toMatch(/policy engine is OPA, but opa was not found/);
      expect(issue?.hint).toContain(`bash clusters/tools/build-go-tools.sh opa (${OPA_MODULE}@${OPA_VERSION}`);
      expect(() => requireOpaBinary(env)).toThrow(/opa was not found/);
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe.skipIf(NO_OPA !== undefined)('OPA engines', () => {
  const input = { classes: [{ class: 'restart', file: 'deploy/argo/rollouts.yaml', detail: 'restartAt set' }] };

  it('serves decisions on 127.0.0.1 and leaves no process behind after close', async () => {
    const before = countLiveChildren();
    const engine = await createPolicyEngine('opa');
    expect(countLiveChildren()).toBe(before + 1);
    expect(await engine.decide(input)).toEqual({ verdict: 'allow', rule: 'all-safe', reasons: ['restart in deploy/argo/rollouts.yaml: restartAt set [allowed by restart]'] });
    await engine.close();
    expect(countLiveChildren()).toBe(before);
    await expect(engine.decide(input)).rejects.toThrow(/closed/);
  }, 30_000);

  it('treats a policy without a decision as an error, never as an allow', async () => {
    const rego = join(dir, 'empty.rego');
    writeFileSync(rego, 'package firedrill.autoapply\n\nsomething_else := true\n');
    await expect(createOpaEvalEngine({ rego }).decide(input)).rejects.toThrow(/gave no decision/);
    const server = await startOpaServerEngine({ rego });
    try {
      await expect(server.decide(input)).rejects.toThrow(/gave no decision/);
    } finally {
      await server.close();
    }
  }, 30_000);

  it('reports a policy that does not compile with opa\'s own message', async () => {
    const rego = join(dir, 'broken.rego');
    writeFileSync(rego, 'package firedrill.autoapply\n\ndecision := {\n');
    await expect(createOpaEvalEngine({ rego }).decide(input)).rejects.toThrow(/opa eval failed/);
    await expect(startOpaServerEngine({ rego })).rejects.toThrow(/did not start/);
  }, 30_000);
});
