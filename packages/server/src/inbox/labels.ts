/** Labels as stored: trimmed, lower-case, each once, sorted, so equal sets compare equal. */
export const normaliseLabels = (labels: readonly string[]): string[] =>
  [...new Set(labels.map((l) => l.trim().toLowerCase()).filter((l) => l.length > 0))].sort();
