// Structured JSON logs; pretty when a person watches a terminal. Message bodies and secrets never
// go to info level: log ids and counts, not content.
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string, pretty = process.stdout.isTTY === true): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    redact: {
      paths: ['*.password', '*.token', '*.accessToken', '*.appSecret', 'req.headers.cookie'],
      remove: true,
    },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } }
      : {}),
  });
}
