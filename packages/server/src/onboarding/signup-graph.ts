// The Graph API calls of Embedded Signup, apart from sending (outbound/graph-client.ts): the
// popup's code exchanged for the business's token, which WABAs that token was granted, their
// numbers, and the app subscribed to each WABA (without it Meta sends no webhook at all). Failures
// come back as values with a sentence, like the send client's.
import { classifyAnswer, classifyNetworkError, type SendFailure } from '../outbound/meta-errors.ts';

export interface MetaApp {
  id: string;
  secret: string;
}

export interface SignupNumber {
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  /** Meta's status: CONNECTED once registered for the Cloud API, PENDING before. */
  status: string | null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: SendFailure };

type Json = Record<string, unknown>;

export function createSignupGraph(config: { baseUrl: string; version: string; timeoutMs?: number }) {
  const base = `${config.baseUrl.replace(/\/$/, '')}/${config.version}`;
  const timeoutMs = config.timeoutMs ?? 10_000;

  async function request(path: string, token: string | null, method = 'GET'): Promise<Result<Json>> {
    let res: Response;
    try {
      res = await fetch(`${base}/${path}`, {
        method,
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return { ok: false, failure: classifyNetworkError(err) };
    }
    const body = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) return { ok: false, failure: classifyAnswer({ status: res.status, body }) };
    return { ok: true, value: (body ?? {}) as Json };
  }

  const fail = (title: string, details: string | null = null): Result<never> => ({
    ok: false,
    failure: { verdict: 'permanent', code: null, title, details },
  });

  return {
    /** The code from the popup, for a token of the business that signed up. */
    async exchangeCode(app: MetaApp, code: string): Promise<Result<string>> {
      const q = new URLSearchParams({ client_id: app.id, client_secret: app.secret, code });
      const r = await request(`oauth/access_token?${q}`, null);
      if (!r.ok) return r;
      const token = r.value['access_token'];
      return typeof token === 'string' ? { ok: true, value: token } : fail('Meta answered no access token.');
    },

    /** The WABAs the token may manage, read from Meta's debug view of it (with the app's token). */
    async grantedWabaIds(app: MetaApp, token: string): Promise<Result<string[]>> {
      const r = await request(
        `debug_token?input_token=${encodeURIComponent(token)}`,
        `${app.id}|${app.secret}`,
      );
      if (!r.ok) return r;
      const data = (r.value['data'] ?? {}) as {
        is_valid?: boolean;
        app_id?: string;
        granular_scopes?: { scope?: string; target_ids?: string[] }[];
      };
      if (data.is_valid !== true) return fail('Meta says this token is not valid (expired or revoked).');
      if (data.app_id !== app.id) return fail('This token belongs to another Meta app.', data.app_id ?? null);
      const ids = (data.granular_scopes ?? [])
        .filter((s) => s.scope === 'whatsapp_business_management')
        .flatMap((s) => s.target_ids ?? []);
      return { ok: true, value: [...new Set(ids)] };
    },

    async phoneNumbers(wabaId: string, token: string): Promise<Result<SignupNumber[]>> {
      const r = await request(`${encodeURIComponent(wabaId)}/phone_numbers`, token);
      if (!r.ok) return r;
      const rows = (r.value['data'] ?? []) as Json[];
      return {
        ok: true,
        value: rows.map((n) => ({
          phoneNumberId: String(n['id']),
          wabaId,
          displayPhoneNumber:
            typeof n['display_phone_number'] === 'string' ? n['display_phone_number'] : null,
          verifiedName: typeof n['verified_name'] === 'string' ? n['verified_name'] : null,
          status: typeof n['status'] === 'string' ? n['status'] : null,
        })),
      };
    },

    /** Subscribes this token's app to the WABA's webhooks (idempotent at Meta). */
    async subscribeApp(wabaId: string, token: string): Promise<Result<void>> {
      const r = await request(`${encodeURIComponent(wabaId)}/subscribed_apps`, token, 'POST');
      return r.ok ? { ok: true, value: undefined } : r;
    },

    async subscribedAppIds(wabaId: string, token: string): Promise<Result<string[]>> {
      const r = await request(`${encodeURIComponent(wabaId)}/subscribed_apps`, token);
      if (!r.ok) return r;
      const rows = (r.value['data'] ?? []) as { whatsapp_business_api_data?: { id?: string } }[];
      return {
        ok: true,
        value: rows.flatMap((a) =>
          a.whatsapp_business_api_data?.id ? [a.whatsapp_business_api_data.id] : [],
        ),
      };
    },
  };
}

export type SignupGraph = ReturnType<typeof createSignupGraph>;

/**
 * What a finished signup gives: the business's token and every number of the WABAs it granted, each
 * WABA subscribed to the app. Stops at the first failure, with the step it failed at.
 */
export async function discoverSignup(
  graph: SignupGraph,
  app: MetaApp,
  code: string,
): Promise<Result<{ token: string; numbers: SignupNumber[] }>> {
  const token = await graph.exchangeCode(app, code);
  if (!token.ok) return step('exchanging the signup code', token.failure);
  const wabaIds = await graph.grantedWabaIds(app, token.value);
  if (!wabaIds.ok) return step('reading what the token may manage', wabaIds.failure);
  if (wabaIds.value.length === 0)
    return step('reading what the token may manage', {
      verdict: 'permanent',
      code: null,
      title: 'The signup granted no WhatsApp Business Account: choose one in the Meta window.',
      details: null,
    });
  const numbers: SignupNumber[] = [];
  for (const wabaId of wabaIds.value) {
    const found = await graph.phoneNumbers(wabaId, token.value);
    if (!found.ok) return step(`listing the numbers of WABA ${wabaId}`, found.failure);
    const subscribed = await graph.subscribeApp(wabaId, token.value);
    if (!subscribed.ok) return step(`subscribing the app to WABA ${wabaId}`, subscribed.failure);
    numbers.push(...found.value);
  }
  return { ok: true, value: { token: token.value, numbers } };
}

function step(what: string, failure: SendFailure): Result<never> {
  return { ok: false, failure: { ...failure, title: `Embedded Signup failed ${what}: ${failure.title}` } };
}
