import pino, { type Logger } from 'pino';

/** One JSON line per event worth an operator's attention; never per record at info. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: service, level, base: { service, pid: process.pid } });
}
