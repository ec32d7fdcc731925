/** Something waiting for a worker. An object, not a closure: this is the sim's hottest path. */
export interface PoolTask {
  start(): void;
}

/**
 * A service version's capacity: `workers` requests run at once (a thread pool across replicas),
 * up to `queueLimit` wait in FIFO order, the rest are shed with 503. A worker stays busy while
 * its handler awaits a dependency, which is how a slow dependency saturates its callers: the
 * cascade emerges from this, not from a scripted curve.
 */
export class WorkerPool {
  private busyCount = 0;
  /** Slots before `head` are emptied as tasks start: a started task must not be kept alive here. */
  private waiting: (PoolTask | undefined)[] = [];
  private head = 0;

  constructor(
    private workers: number,
    private readonly queueLimit: number,
  ) {}

  get busy(): number {
    return this.busyCount;
  }

  get queued(): number {
    return this.waiting.length - this.head;
  }

  get capacity(): number {
    return this.workers;
  }

  /** Starts `task` when a worker is free. Returns false (and never starts it) when the queue is full. */
  acquire(task: PoolTask): boolean {
    if (this.busyCount < this.workers) {
      this.busyCount++;
      task.start();
      return true;
    }
    if (this.queued >= this.queueLimit) return false;
    this.waiting.push(task);
    return true;
  }

  release(): void {
    this.busyCount--;
    this.startWaiting();
  }

  /** Scaling replicas up or down; running requests finish, new capacity starts queued ones. */
  resize(workers: number): void {
    this.workers = workers;
    this.startWaiting();
  }

  private startWaiting(): void {
    while (this.busyCount < this.workers && this.queued > 0) {
      const next = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      this.busyCount++;
      next.start();
    }
  }
}
