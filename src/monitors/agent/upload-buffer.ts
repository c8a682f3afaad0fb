/**
 * Results waiting to be uploaded, oldest first, each already in its wire form (one JSON object).
 * One batch at a time is out on the wire: `take` hands it out, `ack` forgets it once the server
 * has committed it, `nack` puts it back in front (it is older than anything queued since).
 *
 * Bounded: at most `capacity` results wait; beyond that the oldest waiting ones are dropped (and
 * counted). The batch on the wire (taken from those waiting, so never more than `capacity`) is
 * not dropped while it is out, since it may yet be committed; if it comes back it is the oldest
 * and goes first. So a result is dropped only when everything still waiting is newer.
 */
export class UploadBuffer {
  private queue: string[] = [];
  private head = 0;
  private sending: string[] = [];
  private droppedTotal = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /** Results waiting, not counting a batch on the wire. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  /** Results of the batch on the wire (0 when none is). */
  get inFlight(): number {
    return this.sending.length;
  }

  /** Results dropped because the buffer was full, since it was made. */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Adds one result; returns how many old ones had to go to make room. */
  add(item: string): number {
    this.queue.push(item);
    return this.trim();
  }

  /**
   * The next batch, oldest first: at most `maxCount` results and `maxBytes` of them (but always at
   * least one). Nothing else is handed out until it is acked or nacked.
   */
  take(maxCount: number, maxBytes: number): readonly string[] {
    if (this.sending.length > 0) throw new Error('a batch is already out');
    let end = this.head;
    let bytes = 0;
    while (end < this.queue.length && end - this.head < maxCount) {
      const size = Buffer.byteLength(this.queue[end] as string) + 1;
      if (end > this.head && bytes + size > maxBytes) break;
      bytes += size;
      end++;
    }
    this.sending = this.queue.slice(this.head, end);
    this.head = end;
    this.compact();
    return this.sending;
  }

  /** Everything not yet committed, oldest first: the batch on the wire, then what waits. */
  unsent(): string[] {
    return [...this.sending, ...this.queue.slice(this.head)];
  }

  /** The batch on the wire was committed. */
  ack(): void {
    this.sending = [];
  }

  /** The batch on the wire was not taken: it goes back in front. Returns how many results were dropped. */
  nack(): number {
    if (this.sending.length === 0) return 0;
    this.queue = [...this.sending, ...this.queue.slice(this.head)];
    this.head = 0;
    this.sending = [];
    return this.trim();
  }

  /** The batch on the wire was refused for good (the server will never take it). */
  discard(): number {
    const n = this.sending.length;
    this.sending = [];
    return n;
  }

  private trim(): number {
    const over = this.queued - this.capacity;
    if (over <= 0) return 0;
    this.head += over;
    this.droppedTotal += over;
    this.compact();
    return over;
  }

  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
