import type http from 'node:http';
import { parseJson, readBody, sendJson } from './http-io.ts';
import type { InboundInput, InboundType } from './inbound-messages.ts';
import { parseInboundRequest, parseStatusRequest, parseTemplateStatusRequest } from './sim-requests.ts';
import type { SimState } from './sim-state.ts';
import type { DeliveryRecord } from './webhook-sender.ts';
import type { StatusName, TemplateStatusValue } from './webhook-types.ts';

// The inspection and control API under /_sim/: what tests in any language, and people, use to see
// what Parley sent and to make customers talk. No token: the simulator is a local test tool.

export interface SimControls {
  state: SimState;
  deliveries(): readonly DeliveryRecord[];
  sendInbound(type: InboundType, input: InboundInput & { phoneNumberId?: string }): Promise<unknown>;
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
  failNextSends(count: number): void;
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
    const action = actionFor(route, body);
    if (!action) return sendJson(res, 404, { error: { message: `No simulator route ${route}` } });
    if ('message' in action) return sendJson(res, 400, { error: { message: action.message } });
    try {
      return sendJson(res, 200, await action.run());
    } catch (error) {
      return sendJson(res, 400, { error: { message: (error as Error).message } });
    }
  };

  function actionFor(
    route: string,
    body: Record<string, unknown>,
  ): { run: () => Promise<unknown> } | { message: string } | undefined {
    if (route === 'POST /_sim/inbound') {
      const p = parseInboundRequest(body);
      return p.ok ? { run: () => controls.sendInbound(p.value.type, p.value.input) } : p;
    }
    if (route === 'POST /_sim/status') {
      const p = parseStatusRequest(body);
      return p.ok ? { run: () => controls.sendStatus(p.value) } : p;
    }
    if (route === 'POST /_sim/fail-next-sends') {
      const count = body.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
        return { message: 'Send { "count": N }: how many accepted sends to answer 500.' };
      return {
        run: async () => {
          controls.failNextSends(count);
          return { success: true };
        },
      };
    }
    if (route === 'POST /_sim/template-status') {
      const p = parseTemplateStatusRequest(body);
      return p.ok ? { run: () => controls.sendTemplateStatus(p.value) } : p;
    }
    return undefined;
  }
}
