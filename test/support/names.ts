import { randomBytes } from 'node:crypto';

/** A name no other test (or earlier run against the same broker) has used: `<prefix>-<random>`. */
export function freshName(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

export const freshTopic = (): string => freshName('t');
export const freshGroup = (): string => freshName('g');
/** A Redis key prefix owned by one test, so tests sharing a Redis server never touch each other's keys. */
export const freshKeyPrefix = (): string => `${freshName('t')}:`;
