// A browser page on another site must not open a socket riding the agent's session cookie
// (cross-site WebSocket hijacking): a handshake that names an Origin is accepted only from the
// public URL's origin or from the origin of the host it was sent to. Clients that are not browsers
// send no Origin and authenticate with a token.
export function handshakeOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string | undefined,
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl && new URL(publicUrl).origin === parsed.origin) return true;
  return host !== undefined && parsed.host === host.toLowerCase();
}
