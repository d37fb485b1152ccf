// How the scheduling bot reads a message: the deterministic reader by default; a model, when one
// is configured, with the deterministic reader as the backup when the model fails or is slow.
import { type Understanding, understand } from './understand.ts';

export interface Understander {
  read(text: string, now: Date, zone: string): Promise<Understanding>;
}

export const deterministicUnderstander: Understander = {
  read: async (text, now, zone) => understand(text, now, zone),
};
