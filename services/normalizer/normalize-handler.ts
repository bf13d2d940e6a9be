import type { AccountId, MediaCdr, RawCdr, SipCoreCdr, SourceRef } from '../../libs/domain';
import { normalizeForAccount } from '../../libs/domain/normalize';
import type { BatchHandler } from '../../libs/kafka';
import { andThen, recordBatchHandler, type DecodedRecord, type RecordBatchPorts } from '../../libs/runtime';

export interface NormalizeTopics {
  readonly sipcore: string;
  readonly media: string;
  readonly usage: string;
}

export interface NormalizePorts extends RecordBatchPorts {
  readonly topics: NormalizeTopics;
  /** Whether the accounts topic knows this account (the unknown-account check of SPEC 3). */
  isKnownAccount(accountId: AccountId): boolean;
}

/**
 * Raw CDRs (cdr.sipcore, cdr.media) -> usage records on usage.legs, keyed by accountId. A CDR that
 * breaks a rule (or names an unknown account) goes to `<its topic>.dlq` with stage 'normalize'; one
 * that cannot be decoded, with stage 'ingest'. Which kind a CDR is follows from its topic.
 */
export function createNormalizeHandler(ports: NormalizePorts): BatchHandler {
  const { topics, isKnownAccount } = ports;
  return recordBatchHandler<SipCoreCdr | MediaCdr>(ports, () => ({
    record(cdr, out) {
      const source: SourceRef = { stream: cdr.topic, partition: cdr.partition, position: Number(cdr.message.offset) };
      const outcome = normalizeForAccount(rawCdrOf(cdr, topics), source, isKnownAccount);
      if (!outcome.ok) return out.deadLetter(cdr, outcome, 'normalize');
      const outputs = outcome.usage.map((usage) => ({ topic: topics.usage, key: usage.accountId, value: usage }));
      // A promise only when an output needs the codec's slow path; whether they were added does not matter here.
      return andThen(out.addFor(cdr, 'normalize', outputs), () => undefined);
    },
  }));
}

function rawCdrOf(cdr: DecodedRecord<SipCoreCdr | MediaCdr>, topics: NormalizeTopics): RawCdr {
  if (cdr.topic === topics.sipcore) return { kind: 'sipcore', record: cdr.value as SipCoreCdr };
  if (cdr.topic === topics.media) return { kind: 'media', record: cdr.value as MediaCdr };
  // Only reachable through a wiring mistake (subscribed to a topic it does not know): stop, do not guess.
  throw new Error(`normalizer consumed topic ${cdr.topic}, which is neither ${topics.sipcore} nor ${topics.media}`);
}
