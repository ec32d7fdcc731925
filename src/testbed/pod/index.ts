/**
 * The testbed in a pod (the kind backend): one service of one commit on :8080 with the process
 * runtime of the local backend; the image's entry is pod-main.ts.
 */
export { POD_CODE_DIR, POD_PORT, readPodOptions, type PodOptions } from './pod-options.ts';
export { startPodService, type PodService } from './run-pod-service.ts';
