/** Something the process needs at start cannot be had (a port, PostgreSQL, Redis); the message says what. */
export class StartupError extends Error {
  override name = 'StartupError';
}
