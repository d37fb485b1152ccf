// Regenerates src/lib/api-schema.d.ts from the server's OpenAPI document.
// Usage: npm run api-types -w packages/web
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_SCHEMA_FILE, generateApiTypes } from '../src/lib/generate-api-types.ts';

writeFileSync(API_SCHEMA_FILE, await generateApiTypes());
console.log(`wrote ${fileURLToPath(API_SCHEMA_FILE)}`);
