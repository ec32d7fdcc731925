/** The objects a cluster run applies, from the stack's own YAML (see cluster-objects.ts). */
export { COMMIT_ANNOTATION, RUN_LABEL, planDeployPatch, renderClusterObjects, renderTemplateObjects, type ClusterObjects, type ClusterObjectsInput, type ManifestText } from './cluster-objects.ts';
export { codeConfigMapName, planKindDeployPatch, renderCodeConfigMap, renderKindObjects, ROUTER_LABEL, ROUTER_SERVICE_PORT, type KindObjectsInput, type ServiceFile } from './kind-objects.ts';
