// The Claude reader against a local server that speaks Anthropic's Messages API (as the simulator
// stands in for Meta): tool use, a fenced text answer, nonsense and a slow answer.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createClaudeUnderstander } from './claude-understander.ts';
import { readerAgainst, useModelStandIn } from './model-stand-in.test-support.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const ZONE = 'America/Sao_Paulo';

interface Seen {
  path: string | undefined;
  key: string | undefined;
  version: string | undefined;
  body: {
    model: string;
    system: string;
    tools: { name: string; input_schema: { properties: Record<string, unknown> } }[];
    tool_choice: { type: string; name: string };
    messages: { role: string; content: string }[];
  };
}
let reply: (res: ServerResponse) => void;
const seen: Seen[] = [];

const message = (content: unknown[]) =>
  JSON.stringify({
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model: 'claude-test',
    content,
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
  });
const answer = (res: ServerResponse, content: unknown[]) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(message(content));
};

const standIn = useModelStandIn((req, res) => {
  seen.push({
    path: req.url,
    // The SDK sends the key as x-api-key (or as a bearer token, in some versions).
    key:
      (req.headers['x-api-key'] as string | undefined) ?? req.headers.authorization?.replace(/^Bearer /, ''),
    version: req.headers['anthropic-version'] as string | undefined,
    body: req.body as Seen['body'],
  });
  reply(res);
});

const make = (timeoutMs = 10_000) =>
  readerAgainst(createClaudeUnderstander, {
    apiKey: 'sk-ant-test',
    model: 'claude-test',
    baseURL: standIn.origin(),
    timeoutMs,
  });

describe('scheduling bot: Claude reader', () => {
  it('asks for the reading as a tool call and reads its input', async () => {
    reply = (res) =>
      answer(res, [
        {
          type: 'tool_use',
          id: 'toolu_1',
          name: 'record_reading',
          input: {
            intent: 'book',
            language: 'pt',
            date: '2026-12-12',
            time: '09:00',
            partOfDay: null,
          },
        },
      ]);
    const { u, fallbacks } = make();
    expect(await u.read('sábado dia 12/12 às 9h', NOW, ZONE)).toEqual({
      intent: 'book',
      language: 'pt',
      date: { year: 2026, month: 12, day: 12 },
      dateEnd: null,
      time: { hour: 9, minute: 0 },
      partOfDay: null,
    });
    expect(fallbacks).toEqual([]);
    const req = seen.at(-1)!;
    expect(req).toMatchObject({ path: '/v1/messages', key: 'sk-ant-test' });
    expect(req.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(req.body.model).toBe('claude-test');
    expect(req.body.tool_choice).toEqual({ type: 'tool', name: 'record_reading' });
    expect(Object.keys(req.body.tools[0]!.input_schema.properties)).toEqual(
      expect.arrayContaining(['intent', 'language', 'date', 'time', 'partOfDay']),
    );
    expect(req.body.messages[0]!.content).toContain('2026-11-25, 09:00, Wednesday (America/Sao_Paulo)');
    expect(req.body.messages[0]!.content).toContain('Message: sábado dia 12/12 às 9h');
  });

  it('reads a text answer with the JSON in code fences', async () => {
    reply = (res) =>
      answer(res, [
        {
          type: 'text',
          text: '```json\n{"intent":"cancel","language":"en","date":"2026-11-26","time":null,"partOfDay":null}\n```',
        },
      ]);
    const { u, fallbacks } = make();
    expect(await u.read('cancel tomorrow', NOW, ZONE)).toMatchObject({
      intent: 'cancel',
      language: 'en',
      date: { year: 2026, month: 11, day: 26 },
    });
    expect(fallbacks).toEqual([]);
  });

  it('falls back to the deterministic reader on nonsense, an API error or a slow answer', async () => {
    reply = (res) => answer(res, [{ type: 'text', text: 'I think they want a haircut.' }]);
    const nonsense = make();
    expect(await nonsense.u.read('quero marcar amanhã às 15h', NOW, ZONE)).toMatchObject({
      intent: 'book',
      date: { year: 2026, month: 11, day: 26 },
      time: { hour: 15, minute: 0 },
    });
    expect(nonsense.fallbacks).toEqual(['the model answered no JSON object']);

    reply = (res) => {
      res.writeHead(529, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
    };
    const down = make();
    expect((await down.u.read('hj meio dia', NOW, ZONE)).time).toEqual({ hour: 12, minute: 0 });
    expect(down.fallbacks[0]).toMatch(/529|Overloaded/);

    reply = (res) => setTimeout(() => answer(res, []), 1500);
    const slow = make(300);
    expect((await slow.u.read('sxta 15hrs', NOW, ZONE)).date).toEqual({ year: 2026, month: 11, day: 27 });
    expect(slow.fallbacks[0]).toMatch(/timed out|timeout/i);
  });
});
