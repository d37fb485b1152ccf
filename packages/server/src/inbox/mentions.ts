// Who a note notifies: the agents it mentions, each once, never its author (you do not need to be
// told about your own note).
export const mentionTargets = (mentions: readonly string[], authorId: string | null): string[] =>
  [...new Set(mentions)].filter((id) => id !== authorId);
