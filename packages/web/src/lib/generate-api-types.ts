// Node only (never imported by the dashboard): the server's OpenAPI document, as a running embedded
// server serves it, turned into TypeScript by openapi-typescript. The dashboard's REST client is
// typed by the result (api-schema.d.ts), so a request or answer the server does not accept fails
// `npm run lint`; a test checks that the committed file is what the current server yields.
import openapiTS, { astToString } from 'openapi-typescript';
import { startTestServer } from '../../../server/src/test-support/test-server.ts';

export const API_SCHEMA_FILE = new URL('./api-schema.d.ts', import.meta.url);

const HEADER = `// Generated from the server's /api/v1/openapi.json by \`npm run api-types -w packages/web\`.
// Do not edit: change the server's route schemas and regenerate.
`;

/** The document GET /api/v1/openapi.json answers on a fresh embedded server. */
export async function fetchOpenApiDocument(): Promise<Record<string, unknown>> {
  const server = await startTestServer();
  try {
    const res = await fetch(`${server.baseUrl}/api/v1/openapi.json`);
    if (!res.ok) throw new Error(`GET /api/v1/openapi.json answered HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  } finally {
    await server.stop();
  }
}

/**
 * The document without its prose (summaries, descriptions: string values only, so a property that
 * happens to be named "description" stays): the types check shapes, and rewording a route's help
 * must not make every branch regenerate.
 */
export function withoutProse(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutProse);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'summary' || k === 'description') && typeof v === 'string') continue;
    out[k] = withoutProse(v);
  }
  return out;
}

export async function generateApiTypes(): Promise<string> {
  const doc = withoutProse(await fetchOpenApiDocument());
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript's input type is its own OpenAPI3 shape
  const ast = await openapiTS(doc as any, { alphabetize: true, rootTypesNoSchemaPrefix: false });
  return `${HEADER}${astToString(ast)}`;
}
