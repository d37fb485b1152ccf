import { describe, expect, it } from 'vitest';
import {
  classifyAnswer,
  classifyNetworkError,
  classifySendAnswer,
  failedStatusTitle,
  MESSAGES,
  permanentTitle,
} from './meta-errors.ts';

const meta = (status: number, code: number, details?: string) => ({
  status,
  body: {
    error: {
      message: `(#${code}) something`,
      code,
      ...(details && { error_data: { messaging_product: 'whatsapp', details } }),
    },
  },
});

describe('what a Graph API failure means for a send', () => {
  it('131047 tells the agent the 24-hour window closed and to send a template', () => {
    expect(classifyAnswer(meta(400, 131047))).toMatchObject({
      verdict: 'permanent',
      code: 131047,
      title: "More than 24 hours since the customer's last message: send a template",
    });
  });

  it('190 tells the agent an admin must renew the token', () => {
    const f = classifyAnswer({
      status: 401,
      body: { error: { message: 'Invalid OAuth access token', code: 190 } },
    });
    expect(f).toMatchObject({ verdict: 'permanent', code: 190, title: MESSAGES.token });
    expect(f.title).toMatch(/admin must renew/);
  });

  it("100 invalid parameter carries Meta's details, which name the field", () => {
    const f = classifyAnswer(meta(400, 100, 'The parameter to is required.'));
    expect(f).toMatchObject({ verdict: 'permanent', code: 100 });
    expect(f.title).toBe(`${MESSAGES.invalid}: The parameter to is required.`);
  });

  it.each([
    [131026, MESSAGES.undeliverable],
    [131051, MESSAGES.unsupported],
    [368, MESSAGES.policy],
    [131031, MESSAGES.policy],
    [132001, MESSAGES.template],
    [132000, MESSAGES.template],
    [131053, MESSAGES.media],
    [10, MESSAGES.permission],
  ])('code %i is permanent with its own sentence', (code, title) => {
    expect(classifyAnswer(meta(400, code))).toMatchObject({ verdict: 'permanent', code, title });
    expect(permanentTitle(code)).toBe(title);
  });

  it.each([130429, 131056, 80007, 4, 131000, 131016, 1, 2])('code %i is transient', (code) => {
    expect(classifyAnswer(meta(400, code)).verdict).toBe('transient');
  });

  it('a 429 or 5xx answer to a call that sends nothing (receipt, media, templates) is transient', () => {
    expect(classifyAnswer({ status: 429, body: null }).verdict).toBe('transient');
    expect(classifyAnswer({ status: 502, body: '<html>Bad gateway</html>' }).verdict).toBe('transient');
    expect(classifyAnswer({ status: 500, body: { error: { code: 100, message: 'x' } } }).verdict).toBe(
      'transient',
    );
  });

  it('a 5xx answer to a send is ambiguous unless its code is a rate limit', () => {
    // Meta may have taken the message before failing: sending again could deliver it twice.
    for (const answer of [
      { status: 500, body: { error: { code: 131000, message: 'Something went wrong' } } },
      { status: 503, body: { error: { code: 2, message: 'Service temporarily unavailable' } } },
      { status: 502, body: '<html>Bad gateway</html>' },
    ])
      expect(classifySendAnswer(answer)).toMatchObject({ verdict: 'ambiguous', title: MESSAGES.unconfirmed });
    for (const code of [130429, 131056, 80007])
      expect(classifySendAnswer({ status: 503, body: { error: { code, message: 'x' } } }).verdict).toBe(
        'transient',
      );
    // A 4xx means Meta did not take it: the code decides, as for any call.
    expect(classifySendAnswer(meta(400, 131000)).verdict).toBe('transient');
    expect(classifySendAnswer({ status: 429, body: null }).verdict).toBe('transient');
    expect(classifySendAnswer(meta(400, 131047)).verdict).toBe('permanent');
  });

  it('an unknown 4xx code is permanent with a generic sentence', () => {
    expect(classifyAnswer(meta(400, 999999))).toMatchObject({ verdict: 'permanent', title: MESSAGES.other });
  });
});

describe('a failure with no answer', () => {
  const fetchError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

  it('is transient when the request never left (connection refused, DNS)', () => {
    expect(classifyNetworkError(fetchError('ECONNREFUSED')).verdict).toBe('transient');
    expect(classifyNetworkError(fetchError('ENOTFOUND')).verdict).toBe('transient');
  });

  it('is ambiguous when Meta may have the message (reset, closed, timed out)', () => {
    expect(classifyNetworkError(fetchError('UND_ERR_SOCKET'))).toMatchObject({
      verdict: 'ambiguous',
      title: MESSAGES.unconfirmed,
    });
    expect(classifyNetworkError(fetchError('ECONNRESET')).verdict).toBe('ambiguous');
    expect(classifyNetworkError(new DOMException('timed out', 'TimeoutError')).verdict).toBe('ambiguous');
  });
});

describe('a failed status webhook', () => {
  it("shows our sentence for a code we know and Meta's title otherwise", () => {
    expect(failedStatusTitle(131047, 'Re-engagement message')).toBe(MESSAGES.window);
    expect(failedStatusTitle(131026, 'Message undeliverable')).toBe(MESSAGES.undeliverable);
    expect(failedStatusTitle(999999, 'Something new')).toBe('Something new');
    expect(failedStatusTitle(null, 'No code')).toBe('No code');
  });
});
