/**
 * The IPC protocol between the local world (parent) and one service version's process (child).
 * The parent sends `init` once, `load` to (re)deploy code, `resize` when replicas change, and
 * `stop` to drain and exit. The child answers `listening` and `loaded`/`failed`, and pushes its
 * pool stats and log lines on its own.
 */
import type { PoolStats } from '../version-stats.ts';
import type { Interference } from '../core/interference.ts';

export interface InitMessage {
  type: 'init';
  service: string;
  version: 'stable' | 'canary';
  /** Seeds the process's ctx.random() and ctx.work jitter. */
  seed: number;
  /** Port (on 127.0.0.1) of each service's traffic router: where ctx.call(service, ...) goes. */
  routerPorts: Record<string, number>;
  /** Host of each service's router where it is not 127.0.0.1 (in a pod: the cluster Service in front of the router stand-in). */
  routerHosts?: Record<string, string>;
  /**
   * `service@commit` this process adds to the SERVED_HEADER of its answers (pods only): the load
   * generator outside the cluster learns from it which commit of each service a request went through.
   */
  servedAs?: string;
  /** How often pool stats are pushed to the parent (real ms). */
  statsIntervalMs: number;
}

export interface LoadMessage {
  type: 'load';
  /** A checkout of the testbed repo; services/<service>/handler.js and config.json are loaded from it. */
  dir: string;
  replicas: number;
}

export interface ResizeMessage {
  type: 'resize';
  replicas: number;
}

export interface StopMessage {
  type: 'stop';
}

/** Starts (`interference` set) or ends an interference on this process (testbed/core/interference.ts). */
export interface InterferenceMessage {
  type: 'interference';
  interference?: Interference;
}

export type ParentMessage = InitMessage | LoadMessage | ResizeMessage | InterferenceMessage | StopMessage;

/** A version's pool and running request totals (the sim's VersionStats without the name). */
export type ProcessStats = PoolStats;

export interface ProcessLogLine {
  /** Unix ms. */
  t: number;
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

export type ChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'loaded'; dir: string }
  | { type: 'failed'; message: string; hint?: string }
  | { type: 'stats'; stats: ProcessStats }
  | { type: 'logs'; lines: ProcessLogLine[]; dropped: number };

/** Header that carries a user request's id through every hop (the router traces canary hits by it). */
export const REQUEST_ID_HEADER = 'x-firedrill-request';

/** Header of an answer: `service@commit` of every pod the request went through, comma-separated (pods only). */
export const SERVED_HEADER = 'x-firedrill-served';
