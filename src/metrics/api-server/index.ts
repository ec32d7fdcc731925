export { startPromApiServer, type PromApiServer, type PromApiServerOptions } from './server.ts';
