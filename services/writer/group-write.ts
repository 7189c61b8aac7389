interface Waiting {
  /** Pieces of line protocol (each one or more whole lines), joined by newlines in the request. */
  lines: string[];
  /** How many lines they hold. */
  count: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for InfluxDB writes: callers that arrive while requests are in flight (or
 * in the same turn of the event loop) share the next request, up to `maxLines` lines.
 * Every caller learns the outcome of the request that carried its lines, so each can
 * commit its own Kafka offsets only after a 204. Up to `maxInFlight` requests at a time:
 * a slow request (InfluxDB snapshotting its cache) does not hold up every partition.
 * A caller (one Kafka partition) awaits its lines before sending more, so one partition's
 * lines are never in two requests at once and its offsets stay in order.
 */
export class GroupWrite {
  private waiting: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly send: (lines: string[]) => Promise<void>, private readonly maxLines: number, private readonly maxInFlight = 1) {}

  /** `lines`: pieces of line protocol holding `count` lines (one line each by default). */
  write(lines: string[], count = lines.length): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ lines, count, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.inFlight >= this.maxInFlight || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => { this.scheduled = false; void this.flush(); });
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.maxInFlight || this.waiting.length === 0) return;
    this.inFlight++;
    const group: Waiting[] = [];
    let n = 0;
    while (this.waiting.length > 0 && (group.length === 0 || n + this.waiting[0]!.count <= this.maxLines)) {
      const w = this.waiting.shift()!;
      group.push(w);
      n += w.count;
    }
    this.schedule(); // more waiting than one request holds: the next one can go out now
    try {
      await this.send(group.length === 1 ? group[0]!.lines : group.flatMap((w) => w.lines));
      for (const w of group) w.resolve();
    } catch (err) {
      for (const w of group) w.reject(err);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
