import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RetryPolicy } from './backoff.ts';
import { DEFAULT_HISTORY_LIMIT } from './bounded-log.ts';
import { toChannel } from './channels.ts';
import type { ChaosOptions } from './chaos.ts';
import {
  DEFAULT_APP_ID,
  DEFAULT_PHONE_NUMBER_ID,
  DEFAULT_RATE_LIMIT,
  DEFAULT_TOKEN,
  DEFAULT_WINDOW_MS,
} from './defaults.ts';
import { createGraphHandler, type WindowMode } from './graph-api.ts';
import { type HandshakeResult, verifyHandshake } from './handshake.ts';
import { buildInbound, type InboundInput, type InboundType, mediaKindOf } from './inbound-messages.ts';
import { sampleMedia } from './media-samples.ts';
import { createMediaStore, type StoredMedia } from './media-store.ts';
import { completeSignup, createOnboarding, type SignupResult } from './onboarding.ts';
import { createOutboundStatuses, type StatusToSend } from './outbound-statuses.ts';
import {
  buildContact,
  buildMessagesValue,
  buildStatus,
  buildTemplateStatusValue,
  messagesChange,
} from './payload-builders.ts';
import { createRateLimiter } from './rate-limit.ts';
import type { Random } from './rng.ts';
import { createServiceWindow } from './service-window.ts';
import { createSimRoutes } from './sim-routes.ts';
import type { GraphCall, ReadReceipt, ReceivedMessage, SimState } from './sim-state.ts';
import { DEFAULT_STATUS_TIMING, type StatusTiming } from './status-lifecycle.ts';
import { defaultTemplates, type Template } from './templates.ts';
import { createWebhookSender, type DeliveryRecord } from './webhook-sender.ts';
import type { Channel, TemplateStatusValue, WebhookError, WebhookMessage } from './webhook-types.ts';

// The simulator as one object: Graph API server + webhook sender + the state that ties them
// (service windows, media, accepted sends) + the status lifecycle of each accepted send.

export interface SimulatorOptions {
  webhookUrl: string;
  appSecret: string;
  /** The Meta app's id: Embedded Signup's client_id (its secret is appSecret). Default 'sim-app'. */
  appId?: string;
  verifyToken?: string;
  /** Bearer tokens the Graph API accepts (default ['sim-token']); any other gets error 190. */
  tokens?: string[];
  port?: number;
  host?: string;
  /** Base URL Parley uses to reach the sim, when it is not http://host:port (containers, proxies). */
  publicUrl?: string;
  /** Business numbers served; the first is the default sender. Default: Parley's seeded channel. */
  channels?: Array<Partial<Channel> & { phoneNumberId: string }>;
  chaos?: ChaosOptions;
  retry?: Partial<RetryPolicy>;
  webhookTimeoutMs?: number;
  flushDelayMs?: number;
  /** Customer service window in ms, or 'off'. Default 24 h. */
  window?: number | 'off';
  /** How a free-form send outside the window fails: at once (131047 answer) or as a failed status. */
  windowMode?: Exclude<WindowMode, 'off'>;
  /** Messages per second per number (default 80); beyond it, 130429. */
  rateLimit?: number;
  /** Emit sent/delivered/read webhooks after each accepted send (default true). */
  autoStatuses?: boolean;
  statusTiming?: Partial<StatusTiming>;
  templates?: Template[];
  random?: Random;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Entries kept in each history (received(), calls(), reads(), deliveries()); default 50,000. */
  historyLimit?: number;
  /** Told about each webhook POST once delivered or given up on. */
  onDelivery?: (record: DeliveryRecord) => void;
}

export type InboundOptions = Omit<InboundInput, 'from'> & { phoneNumberId?: string };

export type StatusOptions = Omit<StatusToSend, 'phoneNumberId'> & { phoneNumberId?: string };

export interface SentInbound {
  message: WebhookMessage;
  media?: { id: string; sha256: string; mimeType: string; size: number };
  delivery: DeliveryRecord;
}

export interface Simulator {
  /** Graph API base URL without version, e.g. http://127.0.0.1:41234 (after start()). */
  readonly url: string;
  readonly channels: readonly Channel[];
  readonly appId: string;
  /**
   * A business completes Embedded Signup (the Meta popup stood in for): it owns a new WABA with a
   * new number, neither subscribed to the app nor registered yet, and the page gets the code that
   * GET /oauth/access_token exchanges for a token that sees that WABA only.
   */
  completeSignup(input?: {
    phoneNumberId?: string;
    wabaId?: string;
    displayPhoneNumber?: string;
  }): SignupResult;
  /** App ids subscribed to a WABA (POST /{waba}/subscribed_apps adds the app). */
  subscribedApps(wabaId: string): string[];
  /** Whether a number is registered for the Cloud API (POST /{phone}/register). */
  isRegistered(phoneNumberId: string): boolean;
  start(): Promise<string>;
  stop(): Promise<void>;
  sendText(from: string, body: string, options?: InboundOptions): Promise<SentInbound>;
  sendMessage(type: InboundType, from: string, options?: InboundOptions): Promise<SentInbound>;
  sendStatus(input: StatusOptions): Promise<DeliveryRecord>;
  sendTemplateStatus(input: {
    name: string;
    language?: string;
    event: TemplateStatusValue['event'];
    reason?: string;
  }): Promise<DeliveryRecord>;
  /** POST exactly these bytes (signed) to the webhook URL. */
  sendRaw(body: string): Promise<DeliveryRecord>;
  /** A `messages` change with only `value.errors[]`, as Meta sends for problems not tied to one message. */
  sendErrors(errors: WebhookError[], phoneNumberId?: string): Promise<DeliveryRecord>;
  verifyHandshake(verifyToken?: string): Promise<HandshakeResult>;
  uploadMedia(bytes: Buffer, mimeType: string, filename?: string): StoredMedia;
  /** Messages Parley sent that the Graph API accepted. */
  received(): readonly ReceivedMessage[];
  reads(): readonly ReadReceipt[];
  calls(): readonly GraphCall[];
  deliveries(): readonly DeliveryRecord[];
  /**
   * The next `count` accepted sends are answered 500 although the customer gets them and their
   * statuses follow (Meta failing after it took the message); adds to chaos.acceptedErrorRate.
   */
  failNextSends(count: number): void;
  /** Called for each accepted send (the demo uses it to answer Parley). */
  onOutbound(listener: (message: ReceivedMessage) => void): () => void;
  /** Resolves when no webhook is queued, in flight or scheduled. */
  idle(): Promise<void>;
  reset(): void;
}

const CUSTOMER_NAMES = [
  'Ana Souza',
  'Bruno Lima',
  'Chloé Martin',
  'Deepa Iyer',
  'Emeka Obi',
  'Fatima Zahra',
  'Gustavo Reis',
];

export function createSimulator(options: SimulatorOptions): Simulator {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const channels = (options.channels ?? [{ phoneNumberId: DEFAULT_PHONE_NUMBER_ID }]).map((c) =>
    toChannel(c),
  );
  const timing: StatusTiming = { ...DEFAULT_STATUS_TIMING, ...options.statusTiming };
  const windowMs =
    options.window === 'off' ? Number.POSITIVE_INFINITY : (options.window ?? DEFAULT_WINDOW_MS);
  const state: SimState = {
    channels: new Map(channels.map((c) => [c.phoneNumberId, c])),
    tokens: new Set(options.tokens?.length ? options.tokens : [DEFAULT_TOKEN]),
    // A copy: template status updates change a template's status, never the caller's objects.
    templates: structuredClone(options.templates ?? defaultTemplates()),
    media: createMediaStore(),
    window: createServiceWindow(windowMs),
    limiter: createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    messages: [],
    reads: [],
    calls: [],
    historyLimit: options.historyLimit ?? DEFAULT_HISTORY_LIMIT,
  };
  const appId = options.appId ?? DEFAULT_APP_ID;
  const onboarding = createOnboarding(appId, options.appSecret, channels);
  const sender = createWebhookSender({
    webhookUrl: options.webhookUrl,
    appSecret: options.appSecret,
    ...(options.chaos && { chaos: options.chaos }),
    ...(options.retry && { retry: options.retry }),
    ...(options.webhookTimeoutMs && { timeoutMs: options.webhookTimeoutMs }),
    ...(options.flushDelayMs !== undefined && { flushDelayMs: options.flushDelayMs }),
    ...(options.sleep && { sleep: options.sleep }),
    ...(options.onDelivery && { onSettled: options.onDelivery }),
    historyLimit: state.historyLimit,
    random,
    now,
  });
  const listeners = new Set<(m: ReceivedMessage) => void>();
  let server: http.Server | undefined;
  let baseUrl = '';

  function channelOf(phoneNumberId?: string): Channel {
    const channel = phoneNumberId ? state.channels.get(phoneNumberId) : channels[0];
    if (!channel)
      throw new Error(`The simulator does not serve phone_number_id ${phoneNumberId}; pass it in channels.`);
    return channel;
  }

  const statuses = createOutboundStatuses({
    timing,
    random,
    now,
    templates: () => state.templates,
    earlyStatus: options.chaos?.earlyStatus === true,
    send: (status) => api.sendStatus(status),
  });

  async function onAccepted(message: ReceivedMessage, failure?: WebhookError): Promise<void> {
    for (const listener of listeners) listener(message);
    if (options.autoStatuses !== false) await statuses.accepted(message, failure);
  }

  let forcedErrors = 0;
  const errorAfterAccept = (): boolean => {
    if (forcedErrors > 0) {
      forcedErrors--;
      return true;
    }
    const rate = options.chaos?.acceptedErrorRate ?? 0;
    return rate > 0 && random() < rate;
  };

  const controls = {
    state,
    failNextSends: (count: number) => api.failNextSends(count),
    deliveries: () => sender.deliveries(),
    sendInbound: (type: InboundType, input: InboundInput & { phoneNumberId?: string }) =>
      api.sendMessage(type, input.from, input),
    sendStatus: (input: StatusOptions) => api.sendStatus(input),
    sendTemplateStatus: (input: Parameters<Simulator['sendTemplateStatus']>[0]) =>
      api.sendTemplateStatus(input),
    reset: () => api.reset(),
  };
  const handler = createGraphHandler({
    state,
    onboarding,
    now,
    publicUrl: () => options.publicUrl ?? baseUrl,
    windowMode: options.window === 'off' ? 'off' : (options.windowMode ?? 'reject'),
    onAccepted,
    errorAfterAccept,
    simRoutes: createSimRoutes(controls),
  });

  const api: Simulator = {
    get url() {
      return options.publicUrl ?? baseUrl;
    },
    channels,
    appId,
    completeSignup: (input) => completeSignup(onboarding, state, input),
    subscribedApps: (wabaId) => [...(onboarding.subscribed.get(wabaId) ?? [])],
    isRegistered: (phoneNumberId) => onboarding.registered.has(phoneNumberId),
    async start() {
      server = http.createServer(handler);
      server.keepAliveTimeout = 65_000;
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
      });
      const { port, address } = server.address() as AddressInfo;
      baseUrl = `http://${address.includes(':') ? `[${address}]` : address === '0.0.0.0' ? '127.0.0.1' : address}:${port}`;
      return api.url;
    },
    async stop() {
      statuses.stop();
      sender.close();
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = undefined;
    },
    sendText(from, body, opts = {}) {
      return api.sendMessage('text', from, { ...opts, body });
    },
    async sendMessage(type, from, opts = {}) {
      const channel = channelOf(opts.phoneNumberId);
      if (opts.withholdPhone && !opts.fromUserId)
        throw new Error('withholdPhone needs fromUserId: Meta then names the sender by user id only.');
      const kind = mediaKindOf(type);
      let media: StoredMedia | undefined;
      if (kind) {
        const sample = sampleMedia(kind, state.media.list().length);
        media = state.media.put(
          opts.bytes ?? sample.bytes,
          opts.mimeType ?? sample.mimeType,
          opts.filename ?? sample.filename,
        );
      }
      const at = opts.at ?? now();
      const message = buildInbound(type, { ...opts, from, at }, media);
      const name = opts.name ?? CUSTOMER_NAMES[Number(from.slice(-3)) % CUSTOMER_NAMES.length] ?? 'Customer';
      // A customer's message (of any kind but a system notice) opens the service window.
      if (type !== 'system') state.window.recordInbound(channel.phoneNumberId, from, at);
      const value = buildMessagesValue(channel, {
        contacts: [buildContact(opts.withholdPhone ? undefined : from, name, opts.fromUserId)],
        messages: [message],
      });
      const delivery = await sender.send(messagesChange(channel, value));
      return {
        message,
        delivery,
        ...(media && {
          media: {
            id: media.id,
            sha256: media.sha256Hex,
            mimeType: media.mimeType,
            size: media.bytes.length,
          },
        }),
      };
    },
    sendStatus(input) {
      if (!input.messageId || !input.recipientId || !input.status)
        throw new Error('sendStatus needs messageId, recipientId and status.');
      const channel = channelOf(input.phoneNumberId);
      const status = buildStatus({ ...input, id: input.messageId, at: now() });
      return sender.send(messagesChange(channel, buildMessagesValue(channel, { statuses: [status] })));
    },
    sendTemplateStatus(input) {
      const template = state.templates.find(
        (t) => t.name === input.name && (!input.language || t.language === input.language),
      );
      if (!template) throw new Error(`No template named ${input.name}; see GET /_sim/templates.`);
      if (
        input.event === 'APPROVED' ||
        input.event === 'REJECTED' ||
        input.event === 'PAUSED' ||
        input.event === 'DISABLED' ||
        input.event === 'PENDING'
      ) {
        template.status = input.event;
      }
      const value = buildTemplateStatusValue({
        event: input.event,
        templateId: template.id,
        name: template.name,
        language: template.language,
        ...(input.reason !== undefined && { reason: input.reason }),
      });
      return sender.send({
        wabaId: channelOf().wabaId,
        change: { field: 'message_template_status_update', value },
      });
    },
    sendRaw: (body) => sender.postRaw(body),
    sendErrors(errors, phoneNumberId) {
      const channel = channelOf(phoneNumberId);
      return sender.send(messagesChange(channel, buildMessagesValue(channel, { errors })));
    },
    verifyHandshake: (token) => verifyHandshake(options.webhookUrl, token ?? options.verifyToken ?? ''),
    uploadMedia: (bytes, mimeType, filename) => state.media.put(bytes, mimeType, filename),
    received: () => state.messages,
    reads: () => state.reads,
    calls: () => state.calls,
    deliveries: () => sender.deliveries(),
    failNextSends(count) {
      if (!Number.isInteger(count) || count < 0)
        throw new Error(`failNextSends takes a whole number of sends; got ${count}.`);
      forcedErrors += count;
    },
    onOutbound(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async idle() {
      await statuses.idle();
      await sender.idle();
    },
    reset() {
      state.messages.length = 0;
      state.reads.length = 0;
      state.calls.length = 0;
    },
  };
  return api;
}
