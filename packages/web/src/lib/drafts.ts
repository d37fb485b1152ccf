// Drafts per conversation survive navigation and reload: kept in localStorage, one key per agent
// and conversation, so two agents sharing a browser profile never see each other's drafts.

export interface DraftStore {
  get(conversationId: string): string;
  set(conversationId: string, text: string): void;
}

export function draftStore(agentId: string, storage: Storage | null = safeLocalStorage()): DraftStore {
  const key = (id: string) => `parley:draft:${agentId}:${id}`;
  const memory = new Map<string, string>();
  return {
    get(id) {
      if (!storage) return memory.get(id) ?? '';
      return storage.getItem(key(id)) ?? '';
    },
    set(id, text) {
      if (!storage) {
        memory.set(id, text);
        return;
      }
      try {
        if (text.trim() === '') storage.removeItem(key(id));
        else storage.setItem(key(id), text);
      } catch {
        // Quota full or storage disabled: the draft lives only in memory for this page.
        memory.set(id, text);
      }
    },
  };
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
