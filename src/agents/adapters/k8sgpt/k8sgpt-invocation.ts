import { join } from 'node:path';
import { stringify } from 'yaml';
import type { KubeAccess } from '../../agent.ts';
import type { K8sGptOptions } from './k8sgpt-options.ts';

/** What one `k8sgpt analyze` gets: its arguments, its environment, and the config file to write first. */
export interface K8sGptInvocation {
  args: string[];
  env: Record<string, string>;
  configFile: string;
  configYaml: string;
}

/**
 * `k8sgpt analyze --output json` on the run's namespace with the run's kubeconfig, the chosen
 * analyzers, and (only when the stack names an AI backend) --explain. `dir` is a temp dir of the
 * run's own: K8sGPT's config and cache go there, never to the user's. At start-up K8sGPT moves a
 * legacy ~/.k8sgpt.yaml into $XDG_CONFIG_HOME/k8sgpt and creates that dir, and it reads K8SGPT_*
 * variables over its config (viper's AutomaticEnv): so HOME and the XDG dirs point into `dir`,
 * and the caller's K8SGPT_* and KUBECONFIG are dropped (the kubeconfig is the flag's, only).
 */
export function planK8sGptAnalyze(o: { options: K8sGptOptions; kube: KubeAccess; dir: string; env: NodeJS.ProcessEnv }): K8sGptInvocation {
  const { options, kube, dir } = o;
  const configFile = join(dir, 'k8sgpt.yaml');
  const explain = options.explain;
  const args = [
    'analyze', '--output', 'json', '--kubeconfig', kube.kubeconfig, ...(kube.context ? ['--kubecontext', kube.context] : []),
    '--namespace', kube.namespace, '--filter', options.filters.join(','), '--config', configFile,
    ...(explain ? ['--explain', '--backend', explain.backend, ...(explain.anonymize ? ['--anonymize'] : [])] : []),
  ];
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(o.env)) {
    if (value !== undefined && key !== 'KUBECONFIG' && !key.startsWith('K8SGPT_')) env[key] = value;
  }
  Object.assign(env, { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'), NO_COLOR: '1' });
  return { args, env, configFile, configYaml: renderK8sGptConfig(options, o.env) };
}

/**
 * K8sGPT's config file as `k8sgpt auth add` writes it (pkg/ai AIConfiguration: providers with
 * name, model, password, baseurl; the default provider). Without --explain it holds no provider.
 */
export function renderK8sGptConfig(options: K8sGptOptions, env: NodeJS.ProcessEnv): string {
  const explain = options.explain;
  if (!explain) return stringify({ ai: { providers: [] } });
  const key = explain.apiKeyEnv ? env[explain.apiKeyEnv] : undefined;
  const provider = { name: explain.backend, model: explain.model, ...(key ? { password: key } : {}), ...(explain.baseUrl ? { baseurl: explain.baseUrl } : {}) };
  return stringify({ ai: { providers: [provider], defaultprovider: explain.backend } });
}
