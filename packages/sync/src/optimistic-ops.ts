// Optimistic conversation changes (assign, status, labels, read). Each op lays a patch over the
// server's row until the server has answered *and* the store holds a row that includes the change,
// so the view never flips back and forth. A refusal removes the patch (rollback) and keeps the
// reason where the view can show it.
import { mergePatch } from './merge-patch.ts';
import type { Conversation } from './protocol.ts';

export interface OpError {
  code: string;
  message: string;
}

export type OpResult = { ok: true } | { ok: false; error: OpError };

export type OpKind = 'assign' | 'status' | 'labels' | 'read';

export interface Rejection extends OpError {
  kind: OpKind;
  /** The patch that was rolled back. */
  patch: Readonly<Record<string, unknown>>;
}

interface PendingOp {
  id: number;
  conversationId: string;
  kind: OpKind;
  patch: Readonly<Record<string, unknown>>;
}

export class ConversationOps {
  private ops: PendingOp[] = [];
  private nextId = 1;
  readonly rejections = new Map<string, Rejection>();

  add(conversationId: string, kind: OpKind, patch: Readonly<Record<string, unknown>>): number {
    const id = this.nextId++;
    this.ops.push({ id, conversationId, kind, patch });
    this.rejections.delete(conversationId);
    return id;
  }

  settle(id: number): void {
    this.ops = this.ops.filter((o) => o.id !== id);
  }

  reject(id: number, error: OpError): Rejection | null {
    const op = this.ops.find((o) => o.id === id);
    if (!op) return null;
    this.settle(id);
    const r: Rejection = { ...error, kind: op.kind, patch: op.patch };
    this.rejections.set(op.conversationId, r);
    return r;
  }

  has(conversationId: string): boolean {
    return this.ops.some((o) => o.conversationId === conversationId);
  }

  get size(): number {
    return this.ops.length;
  }

  /** The row as the agent should see it: the server's, with pending patches in the order made. */
  overlay(row: Conversation): Conversation {
    let out = row;
    for (const op of this.ops) if (op.conversationId === row.id) out = mergePatch(out, op.patch);
    return out;
  }
}
