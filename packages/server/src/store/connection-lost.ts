// Which database errors mean "the connection went away", as opposed to "the statement was wrong".
// A worker puts the job back instead of counting a failed attempt, the API answers 503 instead of
// 500, and a transaction known not to have committed may simply run again.

/**
 * SQLSTATEs of a server that ended the session (pg_terminate_backend, shutdown, crash, starting
 * up). The statement in flight, and its transaction, did not commit.
 */
const SESSION_ENDED = new Set(['57P01', '57P02', '57P03']);
const CONNECTION_CLASS = '08'; // connection_exception and its subclasses

// node-postgres reports a dead socket with these messages (no SQLSTATE), and Node with these codes.
const LOST_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
];
const LOST_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

interface WithCode {
  code?: unknown;
  message?: unknown;
}

/** The database connection was lost or could not be made: the work may be tried again. */
export function isConnectionLost(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as WithCode;
  if (typeof code === 'string') {
    if (SESSION_ENDED.has(code) || code.startsWith(CONNECTION_CLASS) || LOST_CODES.has(code)) return true;
  }
  return typeof message === 'string' && LOST_MESSAGES.some((m) => message.includes(m));
}

/**
 * The connection was lost in a way that proves the transaction did not commit: the server ended
 * the session (the statement in flight was rolled back), or the client was dead before it sent
 * anything. A cut socket without a word from the server proves nothing (a COMMIT may have landed).
 */
export function isLostBeforeCommit(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as WithCode;
  if (typeof code === 'string' && SESSION_ENDED.has(code)) return true;
  return (
    typeof message === 'string' &&
    (message.includes('is not queryable') || message.includes('when trying to connect'))
  );
}
