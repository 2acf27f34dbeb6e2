/**
 * Concurrent requests for the same answer share one lookup: when hundreds of sockets of one user
 * connect or subscribe at once (a reconnect storm after a deploy, a wall of dashboards), the
 * database is asked once, not once per socket. Only lookups in flight are shared; a later
 * request asks again.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, lookup: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = lookup().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  get size(): number {
    return this.inFlight.size;
  }
}
