import type http from 'node:http';
import { parseJson, readBody, sendJson } from './http-io.ts';
import { type InboundInput, isInboundType } from './inbound-messages.ts';
import type { SimState } from './sim-state.ts';
import type { DeliveryRecord } from './webhook-sender.ts';
import type { StatusName, TemplateStatusValue } from './webhook-types.ts';

// The inspection and control API under /_sim/: what tests in any language, and people, use to see
// what Parley sent and to make customers talk. No token: the simulator is a local test tool.

export interface SimControls {
  state: SimState;
  deliveries(): readonly DeliveryRecord[];
  sendInbound(type: string, input: InboundInput & { phoneNumberId?: string }): Promise<unknown>;
  sendStatus(input: {
    messageId: string;
    recipientId: string;
    status: StatusName;
    phoneNumberId?: string;
  }): Promise<unknown>;
  sendTemplateStatus(input: {
    name: string;
    language?: string;
    event: TemplateStatusValue['event'];
    reason?: string;
  }): Promise<unknown>;
  reset(): void;
}

function summarize(d: DeliveryRecord) {
  return {
    seq: d.seq,
    state: d.state,
    duplicate: d.duplicate,
    attempts: d.attempts,
    signature: d.signature,
    body: d.envelope,
  };
}

export function createSimRoutes(controls: SimControls) {
  const { state } = controls;
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    const route = `${req.method} ${url.pathname.replace(/\/$/, '')}`;
    const to = url.searchParams.get('to');
    switch (route) {
      case 'GET /_sim/messages':
        return sendJson(res, 200, {
          data: state.messages.filter((m) => !to || m.waId === to.replace(/\D/g, '')),
        });
      case 'GET /_sim/reads':
        return sendJson(res, 200, { data: state.reads });
      case 'GET /_sim/calls':
        return sendJson(res, 200, { data: state.calls });
      case 'GET /_sim/deliveries':
        return sendJson(res, 200, { data: controls.deliveries().map(summarize) });
      case 'GET /_sim/media':
        return sendJson(res, 200, {
          data: state.media.list().map(({ bytes, ...m }) => ({ ...m, size: bytes.length })),
        });
      case 'GET /_sim/templates':
        return sendJson(res, 200, { data: state.templates });
      case 'POST /_sim/reset':
        controls.reset();
        return sendJson(res, 200, { success: true });
    }
    if (req.method !== 'POST')
      return sendJson(res, 404, { error: { message: `No simulator route ${route}` } });
    const parsed = parseJson(await readBody(req, 1024 * 1024));
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
      return sendJson(res, 400, { error: { message: 'Send a JSON object.' } });
    }
    const body = parsed.value as Record<string, unknown>;
    try {
      if (route === 'POST /_sim/inbound') {
        const type = String(body.type ?? 'text');
        if (!isInboundType(type))
          return sendJson(res, 400, { error: { message: `Unknown inbound type "${type}".` } });
        if (typeof body.from !== 'string')
          return sendJson(res, 400, { error: { message: 'from (the customer wa_id) is required.' } });
        return sendJson(res, 200, await controls.sendInbound(type, body as unknown as InboundInput));
      }
      if (route === 'POST /_sim/status') return sendJson(res, 200, await controls.sendStatus(body as never));
      if (route === 'POST /_sim/template-status')
        return sendJson(res, 200, await controls.sendTemplateStatus(body as never));
    } catch (error) {
      return sendJson(res, 400, { error: { message: (error as Error).message } });
    }
    sendJson(res, 404, { error: { message: `No simulator route ${route}` } });
  };
}
