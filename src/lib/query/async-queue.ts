/**
 * A bridge from a callback to `for await`: values pushed as they happen (an engine's listener cannot wait)
 * are taken in order by one reader, who waits when the queue is empty.
 */
export class AsyncQueue<T> {
  #items: T[] = [];
  #ended = false;
  #failure: {error: unknown} | null = null;
  #wake: (() => void) | null = null;

  /** Add a value; ignored once the queue has ended. */
  push(item: T): void {
    if (this.#ended) return;
    this.#items.push(item);
    this.#notify();
  }

  /** No more values: the reader ends after those queued, or throws `error` there when one is given. */
  end(...error: [] | [unknown]): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error.length > 0) this.#failure = {error: error[0]};
    this.#notify();
  }

  /** The values in order, as they come. */
  async *values(): AsyncGenerator<T, void, undefined> {
    for (;;) {
      if (this.#items.length > 0) {
        yield* this.#items.splice(0);
        continue;
      }
      if (this.#failure) throw this.#failure.error;
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
