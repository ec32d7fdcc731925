export { handlePromApiRequest, startPromApiServer, type PromApiServer, type PromApiServerOptions } from './server.ts';
export type { ApiContext } from './handlers.ts';
