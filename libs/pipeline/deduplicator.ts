/**
 * The port that makes a re-sent record billed once: `firstSeen(id)` is true the first time an id
 * is offered and false ever after. The services use a Redis implementation; the embedded pipeline
 * and unit tests use the in-memory twin below.
 */
export interface Deduplicator {
  firstSeen(id: string): boolean;
}
