/** Every role of parley is a service with the same life: start, then stop (which drains). */
export interface Service {
  readonly name: string;
  start(): Promise<void>;
  /** Stops taking work, finishes what is in hand, releases resources. */
  stop(): Promise<void>;
}
