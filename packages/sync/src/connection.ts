// Keeps the realtime connection and the clock that backs it up. Live: a reconciliation pull every
// `reconcileMs` catches whatever a silent drop lost. Not live (never connected, or dropped): the
// same tick polls every `pollMs`, so the store stays current with no socket at all. A tick that
// fires far later than asked means the machine slept (standby): that tick is a wake.
import type { Clock, TimerId } from './clock.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { RealtimeConnection, Transport } from './transport.ts';

export type ConnectionState = 'connecting' | 'live' | 'polling' | 'stopped';
export type WakeReason = 'reconnect' | 'wake' | 'tick' | 'poll';

export interface ConnectionHooks {
  event(payload: unknown): void;
  signal(payload: unknown): void;
  /** Time to catch up: pull from the cursor, flush the outbox. */
  catchUp(reason: WakeReason): void;
  stateChanged(state: ConnectionState): void;
}

export interface ConnectionTiming {
  reconcileMs: number;
  pollMs: number;
  /** How late a tick must be to count as a wake from standby. */
  standbyMs: number;
}

export class Connection {
  private conn: RealtimeConnection | null = null;
  private timer: TimerId | null = null;
  private dueAt = 0;
  private unwake: (() => void) | null = null;
  private current: ConnectionState = 'connecting';
  private everConnected = false;

  constructor(
    private readonly transport: Transport,
    private readonly clock: Clock,
    private readonly lifecycle: Lifecycle,
    private readonly hooks: ConnectionHooks,
    private readonly timing: ConnectionTiming,
  ) {}

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    this.conn = this.transport.connect({
      onEvent: (p) => this.hooks.event(p),
      onSignal: (p) => this.hooks.signal(p),
      onConnect: () => {
        this.set('live');
        // The first connect needs no catch-up: the initial snapshot is the catch-up.
        if (this.everConnected) this.hooks.catchUp('reconnect');
        this.everConnected = true;
        this.schedule();
      },
      onDisconnect: () => this.down(),
      onConnectError: () => this.down(),
    });
    this.unwake = this.lifecycle.onWake(() => this.hooks.catchUp('wake'));
    this.schedule();
  }

  emit(event: 'subscribe' | 'unsubscribe' | 'typing', conversationId: string): void {
    if (this.current === 'live') this.conn?.emit(event, { conversationId });
  }

  stop(): void {
    this.set('stopped');
    this.conn?.close();
    this.conn = null;
    this.unwake?.();
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private down(): void {
    if (this.current === 'stopped' || this.current === 'polling') return;
    this.set('polling');
    this.everConnected = true;
    this.schedule();
  }

  private set(s: ConnectionState): void {
    if (this.current === 'stopped' || this.current === s) return;
    this.current = s;
    this.hooks.stateChanged(s);
  }

  private schedule(): void {
    if (this.current === 'stopped') return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    const ms = this.current === 'live' ? this.timing.reconcileMs : this.timing.pollMs;
    this.dueAt = this.clock.now() + ms;
    this.timer = this.clock.setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    this.timer = null;
    const late = this.clock.now() - this.dueAt > this.timing.standbyMs;
    this.hooks.catchUp(late ? 'wake' : this.current === 'live' ? 'tick' : 'poll');
    this.schedule();
  }
}
