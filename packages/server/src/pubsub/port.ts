// Wake-ups between processes: "lane T has work", "tenant T's log moved". Hints only: whoever
// listens re-reads the truth (queue, event log), so a lost message delays, never loses, work.

export type Unsubscribe = () => Promise<void>;

export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): Promise<Unsubscribe>;
  close(): Promise<void>;
}
