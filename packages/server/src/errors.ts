// One catalogue of coded errors, each with its HTTP status and a sentence a person can act on.
// Errors are values at the edges: handlers throw ParleyError and the API turns it into
// { error: { code, message, details? } }.

export const ERRORS = {
  PARLEY_ERR_VALIDATION: { status: 400, message: 'The request is not valid' },
  PARLEY_ERR_UNAUTHENTICATED: { status: 401, message: 'Log in, or send a valid bearer token' },
  PARLEY_ERR_BAD_CREDENTIALS: { status: 401, message: 'Wrong email or password' },
  PARLEY_ERR_CSRF: {
    status: 403,
    message: 'Missing or wrong x-csrf-token header: send the token from the login answer',
  },
  PARLEY_ERR_FORBIDDEN: { status: 403, message: 'Your role does not allow this action' },
  PARLEY_ERR_NOT_FOUND: { status: 404, message: 'Not found' },
  PARLEY_ERR_CONFLICT: { status: 409, message: 'This conflicts with the current state' },
  PARLEY_ERR_CURSOR_EXPIRED: {
    status: 410,
    message: 'This cursor is older than the retained event log: load a fresh snapshot',
  },
  PARLEY_ERR_PAYLOAD_TOO_LARGE: { status: 413, message: 'The body is larger than allowed' },
  PARLEY_ERR_UNSUPPORTED_MEDIA: { status: 415, message: 'WhatsApp does not accept this type of file' },
  PARLEY_ERR_WINDOW_CLOSED: {
    status: 422,
    message: "More than 24 hours since the customer's last message: send a template",
  },
  PARLEY_ERR_RATE_LIMITED: { status: 429, message: 'Too many attempts: wait a minute and try again' },
  PARLEY_ERR_UNAVAILABLE: { status: 503, message: 'A backing service is unavailable: try again shortly' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** The short code on the wire: PARLEY_ERR_CURSOR_EXPIRED → cursor_expired. */
export const wireCode = (code: ErrorCode): string => code.replace(/^PARLEY_ERR_/, '').toLowerCase();

export class ParleyError extends Error {
  override name = 'ParleyError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
  toBody(): { error: { code: string; message: string; details?: unknown } } {
    return {
      error: {
        code: wireCode(this.code),
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}
