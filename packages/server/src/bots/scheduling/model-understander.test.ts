// The model adapter against a local server that speaks the chat completions wire format, as the
// simulator stands in for Meta: no model can be reached from here, and tests must not need one.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readerAgainst, useModelStandIn } from './model-stand-in.test-support.ts';
import { createModelUnderstander } from './model-understander.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const ZONE = 'America/Sao_Paulo';

let reply: (body: { messages: { content: string }[] }, res: ServerResponse) => void;
const seen: { auth: string | undefined; model: string; user: string }[] = [];

const completion = (content: string) =>
  JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1764072000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  });

const standIn = useModelStandIn((req, res) => {
  const body = req.body as { model: string; messages: { content: string }[] };
  seen.push({
    auth: req.headers.authorization,
    model: body.model,
    user: body.messages.at(-1)?.content ?? '',
  });
  reply(body, res);
});

const make = (timeoutMs = 10_000) =>
  readerAgainst(createModelUnderstander, {
    apiKey: 'sk-test',
    model: 'test-model',
    baseURL: `${standIn.origin()}/v1`,
    timeoutMs,
  });

describe('scheduling bot: model understander', () => {
  it('reads JSON the model wrapped in code fences', async () => {
    reply = (_b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        completion(
          'Here it is:\n```json\n{"intent":"availability","language":"pt","date":"2026-11-30","dateEnd":"2026-12-06","time":null,"partOfDay":"morning"}\n```',
        ),
      );
    };
    const { u, fallbacks } = make();
    expect(await u.read('semana que vem de manhã', NOW, ZONE)).toEqual({
      intent: 'availability',
      language: 'pt',
      date: { year: 2026, month: 11, day: 30 },
      dateEnd: { year: 2026, month: 12, day: 6 },
      time: null,
      partOfDay: 'morning',
    });
    expect(fallbacks).toEqual([]);
  });

  it('sends the message with the local time and reads the model’s JSON answer', async () => {
    reply = (_b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        completion('{"intent":"book","language":"pt","date":"2026-11-26","time":"15:00","partOfDay":null}'),
      );
    };
    const { u, fallbacks } = make();
    expect(await u.read('quero marcar amanhã às 15h', NOW, ZONE)).toEqual({
      intent: 'book',
      language: 'pt',
      date: { year: 2026, month: 11, day: 26 },
      dateEnd: null,
      time: { hour: 15, minute: 0 },
      partOfDay: null,
    });
    expect(fallbacks).toEqual([]);
    expect(seen.at(-1)).toMatchObject({ auth: 'Bearer sk-test', model: 'test-model' });
    expect(seen.at(-1)?.user).toContain('2026-11-25, 09:00, Wednesday (America/Sao_Paulo)');
  });

  it('falls back to the deterministic reader when the model answers nonsense', async () => {
    reply = (_b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(completion('I think they want a haircut'));
    };
    const { u, fallbacks } = make();
    expect((await u.read('can I move my appointment to next Tuesday?', NOW, ZONE)).intent).toBe('reschedule');
    expect(fallbacks).toHaveLength(1);
  });

  it('falls back when the model fails or is slower than the budget', async () => {
    reply = (_b, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"overloaded","type":"server_error"}}');
    };
    const failing = make();
    expect((await failing.u.read('quero cancelar', NOW, ZONE)).intent).toBe('cancel');
    reply = (_b, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(completion('{"intent":"human","language":"en","date":null,"time":null,"partOfDay":null}'));
      }, 1500);
    };
    const slow = make(200);
    const u = await slow.u.read('quero marcar sexta de manhã', NOW, ZONE);
    expect(u).toMatchObject({ intent: 'book', partOfDay: 'morning', date: { day: 27 } });
    expect(slow.fallbacks).toHaveLength(1);
  });
});
