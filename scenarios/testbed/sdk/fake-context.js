// A test double of the firedrill service context, for the testbed's own unit tests.
// Calls to dependencies are answered by `deps[service][route]`; spent work is summed.
export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function createFakeContext({ config, deps = {}, seed = 1 } = {}) {
  let state = seed;
  const ctx = {
    config,
    flags: config.flags ?? {},
    spent: 0,
    calls: [],
    logs: [],
    async work(ms) {
      ctx.spent += ms;
    },
    async call(service, route, body, opts = {}) {
      ctx.calls.push({ service, route, body, opts });
      const answer = deps[service]?.[route];
      if (!answer) return { status: 503, body: { error: `no fake for ${service} ${route}` } };
      return typeof answer === 'function' ? answer(body) : answer;
    },
    log(level, message, fields = {}) {
      ctx.logs.push({ level, message, ...fields });
    },
    random() {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    },
    fail(status, message) {
      throw new HttpError(status, message);
    },
  };
  return ctx;
}
