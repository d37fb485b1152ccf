import { describe, expect, it } from 'vitest';
import { HELPS } from './cli.ts';
import { parseServeArgs as parseServe, serveOptionsFrom } from './serve-command.ts';

describe('CLI', () => {
  it('has help for every command', () => {
    for (const [name, text] of Object.entries(HELPS)) {
      expect(text).toContain(`wa-sim ${name}`);
      expect(text).toContain('Usage:');
    }
  });

  it('turns serve flags into simulator options', () => {
    const args = [
      '--webhook-url',
      'http://127.0.0.1:3000/webhooks/whatsapp',
      '--app-secret',
      's',
      '--token',
      'a',
      '--token',
      'b',
      '--phone-number-id',
      '1',
      '--phone-number-id',
      '2',
      '--window',
      'off',
      '--duplicate',
      '10%',
      '--shuffle',
      '--delay',
      '0-200ms',
      '--batch',
      '5',
      '--early-status',
      '--accepted-error',
      '5%',
    ];
    const options = serveOptionsFrom(parseServe(args), {});
    expect(options).toMatchObject({
      tokens: ['a', 'b'],
      channels: [{ phoneNumberId: '1' }, { phoneNumberId: '2' }],
      window: 'off',
      chaos: {
        duplicateRate: 0.1,
        shuffle: true,
        delayMs: { min: 0, max: 200 },
        batchSize: 5,
        earlyStatus: true,
        acceptedErrorRate: 0.05,
      },
    });
  });

  it('asks for the app secret in a sentence when it is missing', () => {
    expect(() => serveOptionsFrom(parseServe(['--webhook-url', 'http://x']), {})).toThrow(
      /--app-secret is required/,
    );
    expect(
      serveOptionsFrom(parseServe(['--webhook-url', 'http://x']), { WHATSAPP_APP_SECRET: 'env' }).appSecret,
    ).toBe('env');
  });
});
