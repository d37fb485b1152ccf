// Wake-ups between processes: "lane T has work", "tenant T's log moved". Hints only: whoever
// listens re-reads the truth (queue, event log), so a lost message delays, never loses, work.

export type Unsubscribe = () => Promise<void>;

export interface PubSub {
  /** The largest message the transport takes (PostgreSQL NOTIFY: under 8,000 bytes). */
  readonly maxMessageBytes: number;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}
