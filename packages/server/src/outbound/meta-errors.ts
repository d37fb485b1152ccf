// What a Graph API failure means for a send: try again later (transient), stop and tell the agent
// why (permanent), or stop without knowing whether Meta took the message (ambiguous: the request
// may have reached Meta, so sending again could deliver it twice — CONTRACTS "Outbound").
// Codes: https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes

export type Verdict = 'transient' | 'permanent' | 'ambiguous';

export interface SendFailure {
  verdict: Verdict;
  /** Meta's error code, or null for HTTP and network failures without one. */
  code: number | null;
  /** A sentence an agent understands and can act on. */
  title: string;
  /** Meta's own words (error_data.details or message), for support; never shown alone. */
  details: string | null;
}

/** The answer Meta gave: the HTTP status and the parsed JSON body (null if it was not JSON). */
export interface GraphAnswer {
  status: number;
  body: unknown;
}

export const MESSAGES = {
  window: "More than 24 hours since the customer's last message: send a template",
  token: "The channel's access token expired or is not valid: an admin must renew it",
  permission: "The channel's access token lacks a permission WhatsApp requires: an admin must fix it",
  invalid: 'WhatsApp rejected the message as not valid',
  undeliverable:
    'WhatsApp could not deliver this message: the number may not be on WhatsApp, or the customer must update the app',
  unsupported: 'WhatsApp does not support this kind of message here',
  policy:
    'WhatsApp has blocked this number from sending for a policy violation: an admin must check the account',
  template: 'The template does not exist in this language, is not approved, or got the wrong parameters',
  media: 'WhatsApp could not fetch or accept the attached media: check the file and try again',
  notRegistered: "The channel's phone number is not registered with the Cloud API: an admin must register it",
  marketing: 'WhatsApp chose not to deliver this marketing message (the customer opted out or limits apply)',
  spam: "This number hit WhatsApp's messaging limit for new customers: try again later or send fewer messages",
  rateLimited: 'WhatsApp is limiting how fast this number sends: Parley keeps trying',
  metaDown: 'WhatsApp is not answering: Parley keeps trying',
  unconfirmed:
    'WhatsApp did not confirm this message, so it may not have been sent: check with the customer before you retry',
  gaveUp: 'WhatsApp kept refusing for now: retry the message later',
  other: 'WhatsApp refused the message',
} as const;

const TRANSIENT_CODES = new Set([1, 2, 4, 17, 341, 80007, 130429, 131000, 131016, 131056, 131057, 133004]);
const TOKEN_CODES = new Set([0, 190]);
const POLICY_CODES = new Set([368, 131031, 130497, 131042]);
const INVALID_CODES = new Set([100, 33, 131008, 131009, 131021, 135000]);

/** The agent's sentence for a permanent Meta error code. */
export function permanentTitle(code: number): string {
  if (code === 131047) return MESSAGES.window;
  if (TOKEN_CODES.has(code)) return MESSAGES.token;
  if (code === 10 || code === 131005 || (code >= 200 && code <= 299)) return MESSAGES.permission;
  if (POLICY_CODES.has(code)) return MESSAGES.policy;
  if (code === 131026 || code === 130472) return MESSAGES.undeliverable;
  if (code === 131051 || code === 3) return MESSAGES.unsupported;
  if (code >= 132000 && code < 133000) return MESSAGES.template;
  if (code === 131052 || code === 131053) return MESSAGES.media;
  if (code === 133010) return MESSAGES.notRegistered;
  if (code === 131049 || code === 131050) return MESSAGES.marketing;
  if (code === 131048) return MESSAGES.spam;
  if (INVALID_CODES.has(code)) return MESSAGES.invalid;
  return MESSAGES.other;
}

interface GraphErrorBody {
  code?: unknown;
  message?: unknown;
  error_data?: { details?: unknown };
}

const errorOf = (body: unknown): GraphErrorBody | null => {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const e = (body as { error: unknown }).error;
  return typeof e === 'object' && e !== null ? (e as GraphErrorBody) : null;
};

/** Classifies a non-2xx Graph API answer. */
export function classifyAnswer(answer: GraphAnswer): SendFailure {
  const err = errorOf(answer.body);
  const code = typeof err?.code === 'number' ? err.code : null;
  const details =
    typeof err?.error_data?.details === 'string'
      ? err.error_data.details
      : typeof err?.message === 'string'
        ? err.message
        : null;
  if (code !== null && TRANSIENT_CODES.has(code)) {
    const title = code === 130429 || code === 4 || code === 80007 ? MESSAGES.rateLimited : MESSAGES.metaDown;
    return { verdict: 'transient', code, title, details };
  }
  if (code !== null && answer.status < 500) {
    const base = permanentTitle(code);
    // For invalid parameters Meta's details name the field, which is what the agent needs to fix.
    const title = base === MESSAGES.invalid && details ? `${base}: ${details}` : base;
    return { verdict: 'permanent', code, title, details };
  }
  if (answer.status === 429) return { verdict: 'transient', code, title: MESSAGES.rateLimited, details };
  if (answer.status >= 500) return { verdict: 'transient', code, title: MESSAGES.metaDown, details };
  if (answer.status === 401 || answer.status === 403)
    return { verdict: 'permanent', code, title: MESSAGES.token, details };
  return { verdict: 'permanent', code, title: MESSAGES.other, details };
}

// Rate limits: Meta refused the message for now, whatever the HTTP status, so it can go again.
const NOT_ACCEPTED = new Set([4, 80007, 130429, 131056]);

/**
 * Classifies a non-2xx answer to a message send. A 5xx does not say whether Meta took the
 * message (it answers 500 after accepting, and the customer gets it): repeating it could deliver it
 * twice, so it is ambiguous and waits for a status webhook — unless Meta's code says the message
 * was refused (a rate limit). A 4xx means Meta did not take it: transient or permanent by code.
 */
export function classifySendAnswer(answer: GraphAnswer): SendFailure {
  const failure = classifyAnswer(answer);
  if (answer.status < 500 || (failure.code !== null && NOT_ACCEPTED.has(failure.code))) return failure;
  return { verdict: 'ambiguous', code: failure.code, title: MESSAGES.unconfirmed, details: failure.details };
}

// Errors raised before a single byte reached Meta: resending cannot duplicate anything.
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
]);

/** The code of a fetch failure (undici puts it on `cause`), or the error's name. */
export function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  const own = (err as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  return err instanceof Error ? err.name : 'unknown';
}

/** Classifies a failure with no answer: transient if the request never left, else ambiguous. */
export function classifyNetworkError(err: unknown): SendFailure {
  const code = networkCode(err);
  const details = `${code}: ${err instanceof Error ? err.message : String(err)}`;
  if (NOT_SENT.has(code)) return { verdict: 'transient', code: null, title: MESSAGES.metaDown, details };
  return { verdict: 'ambiguous', code: null, title: MESSAGES.unconfirmed, details };
}

/**
 * The sentence for a failed status webhook (Meta often reports 131047, 131026, … this way rather
 * than in the send's answer): ours when we know the code, else Meta's own title.
 */
export function failedStatusTitle(code: number | null, metaTitle: string): string {
  if (code === null) return metaTitle;
  const title = permanentTitle(code);
  return title === MESSAGES.other ? metaTitle : title;
}
