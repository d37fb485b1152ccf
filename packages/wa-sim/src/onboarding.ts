import { randomBytes } from 'node:crypto';
import { toChannel } from './channels.ts';
import type { SimState } from './sim-state.ts';
import type { Channel } from './webhook-types.ts';

// What connecting a number goes through on Meta's side, as Embedded Signup and the checks after it
// use it: the popup's code exchanged for a business token (GET /oauth/access_token), the token's
// debug view (GET /debug_token), and what a token may see — only the WABAs its business granted.
// The Graph handlers (graph-api.ts) answer the WABA's phone numbers, its subscribed apps and a
// number's registration from here.

export interface Onboarding {
  readonly appId: string;
  readonly appSecret: string;
  /** Codes the signup popup gave out, each good for one exchange: code → the token it yields. */
  readonly codes: Map<string, string>;
  /** WABA ids each signup token may see; tokens given at start (not here) see every WABA. */
  readonly grants: Map<string, readonly string[]>;
  /** App ids subscribed to each WABA. */
  readonly subscribed: Map<string, Set<string>>;
  /** Numbers registered for the Cloud API, with their two-step verification PIN (null: not known). */
  readonly registered: Map<string, string | null>;
}

/** The configured numbers' WABAs start subscribed to the app and their numbers registered. */
export function createOnboarding(appId: string, appSecret: string, channels: readonly Channel[]): Onboarding {
  const subscribed = new Map<string, Set<string>>();
  for (const c of channels) subscribed.set(c.wabaId, new Set([appId]));
  return {
    appId,
    appSecret,
    codes: new Map(),
    grants: new Map(),
    subscribed,
    registered: new Map(channels.map((c) => [c.phoneNumberId, null])),
  };
}

export interface SignupResult {
  /** What the popup hands the page (FB.login's authResponse.code). */
  code: string;
  wabaId: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
}

/**
 * A business finishes the Embedded Signup popup: it owns a new WABA with one new number, not yet
 * subscribed to the app nor registered, and the page gets a code to exchange for a token.
 */
export function completeSignup(
  ob: Onboarding,
  state: SimState,
  input: { phoneNumberId?: string; wabaId?: string; displayPhoneNumber?: string } = {},
): SignupResult {
  const phoneNumberId = input.phoneNumberId ?? String(1065403524 * 100_000 + state.channels.size);
  const channel = toChannel({
    phoneNumberId,
    ...(input.wabaId && { wabaId: input.wabaId }),
    ...(input.displayPhoneNumber && { displayPhoneNumber: input.displayPhoneNumber }),
  });
  state.channels.set(phoneNumberId, channel);
  const code = `sim-code-${randomBytes(8).toString('hex')}`;
  const token = `EAAsim${randomBytes(16).toString('hex')}`;
  ob.codes.set(code, token);
  ob.grants.set(token, [channel.wabaId]);
  return { code, wabaId: channel.wabaId, phoneNumberId, displayPhoneNumber: channel.displayPhoneNumber };
}

/** Whether `token` may read this WABA's objects (its business granted them). */
export function mayRead(ob: Onboarding, token: string, wabaId: string): boolean {
  const granted = ob.grants.get(token);
  return granted === undefined || granted.includes(wabaId);
}

type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; details: string };

/** GET /oauth/access_token?client_id&client_secret&code: a code is good once, for this app only. */
export function exchangeCode(ob: Onboarding, state: SimState, q: URLSearchParams): Answer {
  if (q.get('client_id') !== ob.appId)
    return { ok: false, details: 'Error validating application. Invalid application ID.' };
  if (q.get('client_secret') !== ob.appSecret)
    return { ok: false, details: 'Error validating client secret.' };
  const code = q.get('code') ?? '';
  const token = ob.codes.get(code);
  if (!token)
    return { ok: false, details: 'Error validating verification code. It was used already or never given.' };
  ob.codes.delete(code);
  state.tokens.add(token);
  return { ok: true, body: { access_token: token, token_type: 'bearer' } };
}

/** GET /debug_token?input_token: what Meta says about a token (never an error for a bad one). */
export function debugToken(ob: Onboarding, state: SimState, inputToken: string): Record<string, unknown> {
  if (!state.tokens.has(inputToken))
    return {
      data: {
        app_id: ob.appId,
        is_valid: false,
        error: { code: 190, message: 'Error validating access token: The session is invalid.' },
        scopes: [],
      },
    };
  const wabaIds = ob.grants.get(inputToken) ?? [
    ...new Set([...state.channels.values()].map((c) => c.wabaId)),
  ];
  const scopes = ['whatsapp_business_management', 'whatsapp_business_messaging'];
  return {
    data: {
      app_id: ob.appId,
      type: 'SYSTEM_USER',
      application: 'Parley (simulated)',
      expires_at: 0,
      data_access_expires_at: 0,
      is_valid: true,
      scopes,
      granular_scopes: scopes.map((scope) => ({ scope, target_ids: wabaIds })),
    },
  };
}

/** The numbers of one WABA, in Meta's shape. */
export function phoneNumbersOf(ob: Onboarding, state: SimState, wabaId: string): Record<string, unknown>[] {
  return [...state.channels.values()]
    .filter((c) => c.wabaId === wabaId)
    .map((c) => ({
      id: c.phoneNumberId,
      display_phone_number: c.displayPhoneNumber,
      verified_name: 'Parley Demo',
      quality_rating: 'GREEN',
      code_verification_status: 'VERIFIED',
      status: ob.registered.has(c.phoneNumberId) ? 'CONNECTED' : 'PENDING',
      platform_type: ob.registered.has(c.phoneNumberId) ? 'CLOUD_API' : 'NOT_APPLICABLE',
    }));
}

/** GET /{waba}/subscribed_apps in Meta's shape. */
export function subscribedAppsOf(ob: Onboarding, wabaId: string): Record<string, unknown> {
  return {
    data: [...(ob.subscribed.get(wabaId) ?? [])].map((id) => ({
      whatsapp_business_api_data: {
        id,
        name: 'Parley (simulated)',
        link: `https://www.facebook.com/games/?app_id=${id}`,
      },
    })),
  };
}

/** POST /{phone}/register: a six-digit PIN, and messaging_product whatsapp. */
export function register(ob: Onboarding, phoneNumberId: string, body: unknown): Answer {
  const b = (body ?? {}) as { messaging_product?: unknown; pin?: unknown };
  if (b.messaging_product !== 'whatsapp')
    return { ok: false, details: 'messaging_product must be "whatsapp".' };
  if (typeof b.pin !== 'string' || !/^\d{6}$/.test(b.pin))
    return { ok: false, details: 'pin must be the number’s six-digit two-step verification PIN.' };
  const known = ob.registered.get(phoneNumberId);
  if (typeof known === 'string' && known !== b.pin)
    return { ok: false, details: 'The PIN does not match the one this number was registered with.' };
  ob.registered.set(phoneNumberId, b.pin);
  return { ok: true, body: { success: true } };
}
