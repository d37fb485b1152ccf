import type http from 'node:http';
import { appendBounded } from './bounded-log.ts';
import { MEDIA_URL_TTL_MS } from './defaults.ts';
import { BodyTooLarge, parseJson, readBody, sendJson } from './http-io.ts';
import { newWamid } from './ids.ts';
import { graphError, type MetaErrorName, REENGAGEMENT_DETAILS, webhookError } from './meta-errors.ts';
import { boundaryOf, parseMultipart } from './multipart.ts';
import {
  debugToken,
  exchangeCode,
  mayRead,
  type Onboarding,
  phoneNumbersOf,
  register,
  subscribedAppsOf,
} from './onboarding.ts';
import { validateSend } from './send-validation.ts';
import type { ReceivedMessage, SimState } from './sim-state.ts';
import { pageTemplates } from './templates.ts';
import type { WebhookError } from './webhook-types.ts';

// The Graph API surface Parley calls: versioned paths, bearer tokens, Meta's success and error
// shapes. Handlers stay thin; validation and bookkeeping live in pure modules.

export type WindowMode = 'reject' | 'status' | 'off';

export interface GraphDeps {
  state: SimState;
  onboarding: Onboarding;
  now(): number;
  /** Base URL Parley reaches the simulator on (for media URLs). */
  publicUrl(): string;
  /** 'reject': answer 131047 at once; 'status': accept, then a failed status (as Meta often does). */
  windowMode: WindowMode;
  /** Called for each accepted send; the answer waits for it (that is how earlyStatus works). */
  onAccepted(message: ReceivedMessage, failure?: WebhookError): Promise<void>;
  /** Whether this accepted send is answered 500 all the same (chaos.acceptedErrorRate, failNextSends). */
  errorAfterAccept(): boolean;
  /** Routes under /_sim/ (inspection and control), answered without a token. */
  simRoutes(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>;
}

const VERSION = /^v\d+\.\d+$/;
const MAX_BODY = 100 * 1024 * 1024; // Meta's largest media (documents) is 100 MB.
const SUPPORTED_MIME =
  /^(image\/(jpeg|png|webp)|audio\/(aac|amr|mpeg|mp4|ogg)|video\/(mp4|3gpp)|text\/plain|application\/(pdf|msword|vnd\.[\w.-]+))/;

export function createGraphHandler(deps: GraphDeps): http.RequestListener {
  const { state, onboarding } = deps;
  const record = <T>(list: T[], item: T) => appendBounded(list, item, state.historyLimit);

  function answer(
    res: http.ServerResponse,
    req: http.IncomingMessage,
    status: number,
    body: unknown,
    errorCode?: number,
  ): void {
    record(state.calls, {
      at: deps.now(),
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      status,
      ...(errorCode !== undefined && { errorCode }),
    });
    sendJson(res, status, body);
  }

  function fail(
    res: http.ServerResponse,
    req: http.IncomingMessage,
    name: MetaErrorName,
    details?: string,
  ): void {
    const { status, body } = graphError(name, details);
    answer(res, req, status, body, body.error.code);
  }

  function tokenOf(req: http.IncomingMessage, url: URL): string | null {
    const header = req.headers.authorization ?? '';
    return header.startsWith('Bearer ') ? header.slice(7).trim() : url.searchParams.get('access_token');
  }

  async function sendMessage(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    phoneNumberId: string,
  ): Promise<void> {
    const parsed = parseJson(await readBody(req, MAX_BODY));
    if (!parsed.ok) return fail(res, req, 'invalidParameter', 'The request body is not valid JSON.');
    const checked = validateSend(parsed.value, {
      templates: state.templates,
      mediaExists: (id) => state.media.get(id) !== undefined,
    });
    if (!checked.ok) return fail(res, req, checked.error, checked.details);
    const { request } = checked;
    if (request.kind === 'read') {
      record(state.reads, { phoneNumberId, messageId: request.messageId, at: deps.now() });
      return answer(res, req, 200, { success: true });
    }
    const windowOpen =
      request.template !== undefined ||
      deps.windowMode === 'off' ||
      state.window.isOpen(phoneNumberId, request.waId, deps.now());
    if (!windowOpen && deps.windowMode === 'reject')
      return fail(res, req, 'reengagement', REENGAGEMENT_DETAILS);
    if (!state.limiter.take(phoneNumberId, deps.now())) {
      return fail(
        res,
        req,
        'rateLimit',
        'Cloud API message throughput has been reached for this phone number.',
      );
    }
    const message: ReceivedMessage = {
      id: newWamid(request.waId, true),
      phoneNumberId,
      to: request.to,
      waId: request.waId,
      type: request.type,
      payload: request.payload,
      at: deps.now(),
    };
    record(state.messages, message);
    await deps.onAccepted(
      message,
      windowOpen ? undefined : webhookError('reengagement', REENGAGEMENT_DETAILS),
    );
    // Taken, recorded, its statuses on their way: only the answer says otherwise.
    if (deps.errorAfterAccept()) return fail(res, req, 'unknownError', 'An unexpected error occurred.');
    answer(res, req, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: request.to, wa_id: request.waId }],
      messages: [{ id: message.id, ...(request.template && { message_status: 'accepted' }) }],
    });
  }

  async function uploadMedia(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const boundary = boundaryOf(req.headers['content-type']);
    const body = await readBody(req, MAX_BODY);
    const parts = boundary ? parseMultipart(body, boundary) : undefined;
    if (!parts)
      return fail(
        res,
        req,
        'invalidParameter',
        'Upload media as multipart/form-data with fields messaging_product, type and file.',
      );
    const field = (name: string) => parts.find((p) => p.name === name);
    if (field('messaging_product')?.data.toString() !== 'whatsapp')
      return fail(res, req, 'invalidParameter', 'The parameter messaging_product is required.');
    const file = field('file');
    if (!file || file.data.length === 0)
      return fail(res, req, 'invalidParameter', 'The parameter file is required.');
    const mimeType = field('type')?.data.toString().trim() || file.contentType || '';
    if (!SUPPORTED_MIME.test(mimeType))
      return fail(
        res,
        req,
        'invalidParameter',
        `Param file must be a file with one of the supported media types; got "${mimeType}".`,
      );
    const media = state.media.put(Buffer.from(file.data), mimeType, file.filename);
    answer(res, req, 200, { id: media.id });
  }

  function getObject(req: http.IncomingMessage, res: http.ServerResponse, id: string, token: string): void {
    const media = state.media.get(id);
    if (media) {
      answer(res, req, 200, {
        messaging_product: 'whatsapp',
        url: deps.publicUrl() + state.media.signedPath(id, deps.now() + MEDIA_URL_TTL_MS),
        mime_type: media.mimeType,
        sha256: media.sha256Hex,
        file_size: media.bytes.length,
        id,
      });
      return;
    }
    const channel = state.channels.get(id);
    if (channel && mayRead(onboarding, token, channel.wabaId)) {
      answer(res, req, 200, {
        verified_name: 'Parley Demo',
        display_phone_number: channel.displayPhoneNumber,
        id,
        quality_rating: 'GREEN',
        code_verification_status: 'VERIFIED',
      });
      return;
    }
    unknownObject(res, req, id);
  }

  function unknownObject(res: http.ServerResponse, req: http.IncomingMessage, id: string): void {
    fail(
      res,
      req,
      'unknownObject',
      `Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    );
  }

  function download(res: http.ServerResponse, url: URL): void {
    const checked = state.media.checkSignedQuery(url.searchParams, deps.now());
    if (!checked.ok) {
      const status = checked.reason === 'expired' ? 403 : 404;
      record(state.calls, { at: deps.now(), method: 'GET', path: url.pathname, status });
      res
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(checked.reason === 'expired' ? 'URL signature expired' : 'Not found');
      return;
    }
    record(state.calls, { at: deps.now(), method: 'GET', path: url.pathname, status: 200 });
    res.writeHead(200, {
      'content-type': checked.media.mimeType,
      'content-length': checked.media.bytes.length,
    });
    res.end(checked.media.bytes);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    if (url.pathname.startsWith('/_sim/')) return deps.simRoutes(req, res, url);
    const [version, id, edge, ...rest] = url.pathname.split('/').filter(Boolean);
    const method = req.method ?? 'GET';
    const versioned = version !== undefined && VERSION.test(version);
    // Embedded Signup's code exchange is authenticated by the app's secret, not by a token.
    if (versioned && id === 'oauth' && edge === 'access_token' && method === 'GET') {
      const exchanged = exchangeCode(onboarding, state, url.searchParams);
      return exchanged.ok
        ? answer(res, req, 200, exchanged.body)
        : fail(res, req, 'invalidParameter', exchanged.details);
    }
    const token = tokenOf(req, url);
    const appToken = `${onboarding.appId}|${onboarding.appSecret}`;
    if (versioned && id === 'debug_token' && edge === undefined && method === 'GET') {
      if (token !== appToken && (token === null || !state.tokens.has(token)))
        return fail(res, req, 'invalidToken');
      return answer(res, req, 200, debugToken(onboarding, state, url.searchParams.get('input_token') ?? ''));
    }
    if (token === null || !state.tokens.has(token)) return fail(res, req, 'invalidToken');
    if (url.pathname === '/whatsapp_business/attachments/') return download(res, url);
    if (!versioned || !id || rest.length > 0)
      return fail(res, req, 'unknownPath', `Unknown path components: ${url.pathname}`);
    if (edge === undefined && method === 'GET') return getObject(req, res, id, token);
    if (edge === 'phone_numbers' || edge === 'subscribed_apps') {
      const known = [...state.channels.values()].some((c) => c.wabaId === id);
      if (!known || !mayRead(onboarding, token, id)) return unknownObject(res, req, id);
      if (edge === 'phone_numbers' && method === 'GET')
        return answer(res, req, 200, { data: phoneNumbersOf(onboarding, state, id) });
      if (edge === 'subscribed_apps' && method === 'GET')
        return answer(res, req, 200, subscribedAppsOf(onboarding, id));
      if (edge === 'subscribed_apps' && (method === 'POST' || method === 'DELETE')) {
        const apps = onboarding.subscribed.get(id) ?? new Set<string>();
        if (method === 'POST') apps.add(onboarding.appId);
        else apps.delete(onboarding.appId);
        onboarding.subscribed.set(id, apps);
        return answer(res, req, 200, { success: true });
      }
    }
    if (edge === 'register' && method === 'POST') {
      const channel = state.channels.get(id);
      if (!channel || !mayRead(onboarding, token, channel.wabaId)) return unknownObject(res, req, id);
      const parsed = parseJson(await readBody(req, MAX_BODY));
      const done = register(onboarding, id, parsed.ok ? parsed.value : null);
      return done.ok ? answer(res, req, 200, done.body) : fail(res, req, 'invalidParameter', done.details);
    }
    if (edge === undefined && method === 'DELETE') {
      return state.media.delete(id) ? answer(res, req, 200, { success: true }) : unknownObject(res, req, id);
    }
    if (edge === 'message_templates' && method === 'GET') {
      const known = [...state.channels.values()].some((c) => c.wabaId === id);
      if (!known || !mayRead(onboarding, token, id)) return unknownObject(res, req, id);
      const q = url.searchParams;
      const page = pageTemplates(
        state.templates,
        {
          limit: q.has('limit') ? Number(q.get('limit')) : undefined,
          after: q.get('after') ?? undefined,
          name: q.get('name') ?? undefined,
          status: q.get('status') ?? undefined,
        },
        `${deps.publicUrl()}/${version}/${id}/message_templates`,
      );
      return answer(res, req, 200, page);
    }
    if ((edge === 'messages' || edge === 'media') && method === 'POST') {
      const channel = state.channels.get(id);
      if (!channel || !mayRead(onboarding, token, channel.wabaId)) return unknownObject(res, req, id);
      return edge === 'messages' ? sendMessage(req, res, id) : uploadMedia(req, res);
    }
    fail(res, req, 'unknownPath', `Unknown path components: /${edge ?? ''} with ${method}`);
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof BodyTooLarge)
        return sendJson(res, 413, graphError('invalidParameter', error.message).body);
      sendJson(res, 500, {
        error: {
          message: `Simulator error: ${(error as Error).message}`,
          type: 'SimulatorException',
          code: 1,
          fbtrace_id: 'sim',
        },
      });
    });
  };
}
