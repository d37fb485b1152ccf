import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_SCHEMA_FILE, generateApiTypes } from './generate-api-types.ts';

describe('the dashboard API types', () => {
  it("match the server's current OpenAPI document (else run `npm run api-types -w packages/web`)", async () => {
    const committed = readFileSync(API_SCHEMA_FILE, 'utf8');
    const current = await generateApiTypes();
    // A diff of the first differing lines says which route changed.
    if (committed !== current) {
      const a = committed.split('\n');
      const b = current.split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      expect(b.slice(Math.max(0, at - 5), at + 5).join('\n')).toBe(
        a.slice(Math.max(0, at - 5), at + 5).join('\n'),
      );
    }
    expect(current === committed).toBe(true);
  });
});
