import type { KafkaMessage } from 'kafkajs';
import type { DeadLetter, DeadLetterCode, Stage } from '../domain';

/** A consumed message with the coordinates its dead letter names as its source. */
export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** Why a record is dead-lettered: a stable code and a reason for people (a RuleViolation fits). */
export interface Problem {
  readonly code: DeadLetterCode;
  readonly reason: string;
}

/** A dead letter as Avro writes it: `original` is bytes, so always a Buffer. */
export type DeadLetterRecord = DeadLetter & { readonly original: Buffer };

/**
 * The dead letter of a consumed message: its original bytes as read (empty for a message without a
 * value) and its source coordinates {stream: topic, partition, position: offset}, so an operator can
 * find it, fix the cause and replay it.
 */
export function deadLetterOf(from: ConsumedRecord, problem: Problem, stage: Stage): DeadLetterRecord {
  return {
    code: problem.code,
    reason: problem.reason,
    stage,
    source: { stream: from.topic, partition: from.partition, position: Number(from.message.offset) },
    original: from.message.value ?? Buffer.alloc(0),
  };
}
