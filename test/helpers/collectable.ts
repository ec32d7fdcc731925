import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** V8's gc(), exposed for this process (vitest workers start without --expose-gc). */
const gc = runInNewContext('gc') as () => void;

/**
 * Whether nothing but `ref` still reaches its target: a full GC runs after the current job ends
 * (a WeakRef keeps its target alive until then), then the ref is read.
 */
export async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return ref.deref() === undefined;
}
