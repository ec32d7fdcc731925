/**
 * Orderings that must match Go's, because `expect ordered` results (sort, topk, ...) show which
 * of two equal values comes first. Go's sort.Sort is an insertion sort up to 12 elements (exact
 * here); beyond that it is pdqsort, approximated by a stable sort (ties are then rare in practice).
 */
export function goSort<T>(arr: T[], less: (a: T, b: T) => boolean): T[] {
  if (arr.length <= 12) {
    for (let i = 1; i < arr.length; i++) {
      for (let j = i; j > 0 && less(arr[j], arr[j - 1]); j--) [arr[j], arr[j - 1]] = [arr[j - 1], arr[j]];
    }
    return arr;
  }
  return arr.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

/** Go's container/heap over an array with a `less` order (min-heap by less). */
export class GoHeap<T> {
  constructor(readonly items: T[], private readonly less: (a: T, b: T) => boolean) {}

  push(x: T): void {
    this.items.push(x);
    this.up(this.items.length - 1);
  }

  /** heap.Fix(h, i) after items[i] changed. */
  fix(i: number): void {
    if (!this.down(i, this.items.length)) this.up(i);
  }

  private up(j: number): void {
    const h = this.items;
    for (;;) {
      const i = Math.floor((j - 1) / 2); // parent
      if (i === j || j <= 0 || !this.less(h[j], h[i])) break;
      [h[i], h[j]] = [h[j], h[i]];
      j = i;
    }
  }

  private down(i0: number, n: number): boolean {
    const h = this.items;
    let i = i0;
    for (;;) {
      const j1 = 2 * i + 1;
      if (j1 >= n || j1 < 0) break;
      let j = j1;
      const j2 = j1 + 1;
      if (j2 < n && this.less(h[j2], h[j1])) j = j2;
      if (!this.less(h[j], h[i])) break;
      [h[i], h[j]] = [h[j], h[i]];
      i = j;
    }
    return i > i0;
  }
}
