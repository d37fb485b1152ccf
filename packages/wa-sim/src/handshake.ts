import { randomInt } from 'node:crypto';
import { request } from './http-request.ts';

// Meta's subscription check: GET the callback URL with hub.mode=subscribe, the verify token and a
// challenge; the receiver must answer 200 with the challenge as the whole body.

export interface HandshakeResult {
  ok: boolean;
  status: number;
  body: string;
  challenge: string;
}

export async function verifyHandshake(
  webhookUrl: string,
  verifyToken: string,
  timeoutMs = 5000,
): Promise<HandshakeResult> {
  const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
  const url = new URL(webhookUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.verify_token', verifyToken);
  url.searchParams.set('hub.challenge', challenge);
  try {
    const answer = await request(url.toString(), { timeoutMs });
    return {
      ok: answer.status === 200 && answer.body === challenge,
      status: answer.status,
      body: answer.body,
      challenge,
    };
  } catch (error) {
    return { ok: false, status: 0, body: (error as Error).message, challenge };
  }
}
