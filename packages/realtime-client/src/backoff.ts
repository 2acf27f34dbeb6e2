import { RECONNECT_BACKOFF } from '@msched/contracts';

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Spread of each delay, 0..1: 0.2 means ±20 %, so many clients do not come back at once. */
  randomizationFactor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { ...RECONNECT_BACKOFF, randomizationFactor: 0.2 };

/** Exponential backoff: the first delay, doubled after every attempt up to the cap; `reset()` after a success. */
export class Backoff {
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt; each call counts as one attempt. */
  nextDelay(): number {
    const { initialDelayMs, maxDelayMs, randomizationFactor } = this.options;
    const base = Math.min(initialDelayMs * 2 ** this.attempts, maxDelayMs);
    this.attempts++;
    const jitter = base * randomizationFactor * (this.random() * 2 - 1);
    return Math.min(Math.round(base + jitter), maxDelayMs);
  }

  /** Runs `task` after the next delay, replacing an attempt already waiting. */
  schedule(task: () => void): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      task();
    }, this.nextDelay());
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  reset(): void {
    this.attempts = 0;
  }
}
