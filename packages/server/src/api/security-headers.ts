// Security headers on every answer of the dashboard and the API (@fastify/helmet): a Content
// Security Policy that runs only this origin's scripts and lets no site frame the dashboard, no
// Referer leaving the origin, and HSTS only when the request really came over TLS (HSTS on a plain
// http://localhost would make browsers refuse the next plain visit).
import { createHash } from 'node:crypto';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React sets style properties through the DOM (allowed); no inline <style> is needed.
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  // Same-origin fetch and the Socket.IO websocket (CSP 3 'self' covers ws: and wss: of this host).
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  scriptSrcAttr: ["'none'"],
};

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    // The dashboard loads nothing from other origins; no need to require CORP of them.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS_VALUE);
  });
}

/** A policy for a page whose own inline <script> and <style> blocks are allowed by their hashes. */
export function inlinePagePolicy(html: string): string {
  const hashes = (tag: string) =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map(
      (m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`,
    );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes('script').join(' ')}`,
    `style-src 'self' ${hashes('style').join(' ')}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** swagger-ui's own policy, minus the upgrade to https that breaks the docs on http://localhost. */
export const swaggerUiPolicy = (header: string): string =>
  header
    .replace(/\s*upgrade-insecure-requests;?/, '')
    .replace("frame-ancestors 'self'", "frame-ancestors 'none'");
