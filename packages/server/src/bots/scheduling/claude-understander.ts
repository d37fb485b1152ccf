// A model reader on Anthropic's Messages API, through the official SDK, beside the
// OpenAI-compatible one: the model answers by calling one tool whose input is the reading (tool
// use gives a checked JSON object); a text answer, fenced or not, is read too. The deterministic
// reader stays the backup. The SDK is imported when the first message is read, so only a process
// running bots with Claude configured loads it.
import type Anthropic from '@anthropic-ai/sdk';
import {
  jsonIn,
  MODEL_ANSWER_JSON_SCHEMA,
  MODEL_SYSTEM_PROMPT,
  modelUserTurn,
  understandingOf,
} from './model-answer.ts';
import type { ModelUnderstanderOptions } from './model-understander.ts';
import { deterministicUnderstander, type Understander } from './understander.ts';

const TOOL = 'record_reading';

export function createClaudeUnderstander(opts: ModelUnderstanderOptions): Understander {
  let client: Promise<Anthropic> | null = null;
  const connect = () => {
    client ??= import('@anthropic-ai/sdk').then(
      ({ default: Sdk }) =>
        new Sdk({
          apiKey: opts.apiKey,
          ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
          timeout: opts.timeoutMs,
          maxRetries: 0,
          ...(opts.fetch ? { fetch: opts.fetch } : {}),
        }),
    );
    return client;
  };
  const fallback = opts.fallback ?? deterministicUnderstander;
  return {
    async read(text, now, zone) {
      try {
        const sdk = await connect();
        const message = await sdk.messages.create(
          {
            model: opts.model,
            max_tokens: 300,
            system: MODEL_SYSTEM_PROMPT,
            tools: [
              {
                name: TOOL,
                description: 'Record how the message reads: intent, language, date, time and part of day.',
                input_schema: MODEL_ANSWER_JSON_SCHEMA as Anthropic.Tool.InputSchema,
              },
            ],
            tool_choice: { type: 'tool', name: TOOL },
            messages: [{ role: 'user', content: modelUserTurn(text, now, zone) }],
          },
          { timeout: opts.timeoutMs },
        );
        const tool = message.content.find((b) => b.type === 'tool_use' && b.name === TOOL);
        if (tool?.type === 'tool_use') return understandingOf(tool.input);
        const said = message.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
        return understandingOf(jsonIn(said));
      } catch (err) {
        opts.onFallback?.((err as Error).message);
        return fallback.read(text, now, zone);
      }
    },
  };
}
