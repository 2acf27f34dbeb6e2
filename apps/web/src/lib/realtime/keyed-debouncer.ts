/** Runs `work` once per key, `delayMs` after the last call for that key (one refetch per burst of events). */
export function keyedDebouncer(delayMs: number) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    call(key: string, work: () => void) {
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          work();
        }, delayMs),
      );
    },
    cancel() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
