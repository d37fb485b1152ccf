import type { MediaStore } from './media-store.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { ServiceWindow } from './service-window.ts';
import type { Template } from './templates.ts';
import type { Channel } from './webhook-types.ts';

// What the simulator remembers, shared by the Graph API handlers and the inspection API.

/** A message Parley sent that the Graph API accepted. */
export interface ReceivedMessage {
  id: string;
  phoneNumberId: string;
  to: string;
  waId: string;
  type: string;
  /** The request body as Parley sent it. */
  payload: Record<string, unknown>;
  at: number;
}

/** Every Graph API call with the answer it got, accepted or not. */
export interface GraphCall {
  at: number;
  method: string;
  path: string;
  status: number;
  errorCode?: number;
}

export interface ReadReceipt {
  phoneNumberId: string;
  messageId: string;
  at: number;
}

export interface SimState {
  channels: Map<string, Channel>;
  tokens: Set<string>;
  templates: Template[];
  media: MediaStore;
  window: ServiceWindow;
  limiter: RateLimiter;
  messages: ReceivedMessage[];
  reads: ReadReceipt[];
  calls: GraphCall[];
  /** Entries kept per history list; older ones are dropped. */
  historyLimit: number;
}
