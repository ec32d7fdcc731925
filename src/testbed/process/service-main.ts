/**
 * Entry of one service version's process (`node --import tsx service-main.ts`, forked by the
 * local world with an IPC channel). It serves on 127.0.0.1 at a port the OS picks, reports it,
 * and then follows the parent's messages. It exits when the parent says so or disappears.
 */
import { runServiceProcess } from './run-service-process.ts';

runServiceProcess();
