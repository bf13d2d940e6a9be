import type { Logger } from 'pino';
import type { Account, AccountId, BillingMonth, EpochMs, ProvisioningEvent, UserActivity } from '../../libs/domain';
import { licenceOf } from '../../libs/domain/recurring';
import type { BatchHandler } from '../../libs/kafka';
import type { ReferenceData } from '../../libs/pipeline/reference-data';
import type { Fact, FactsStore, LedgerPartition } from '../../libs/redis';
import { recordBatchHandler, type DecodedRecord, type Problem, type RecordBatchPorts } from '../../libs/runtime';

export interface FactsPorts extends RecordBatchPorts {
  readonly store: Pick<FactsStore, 'apply'>;
  readonly reference: Pick<ReferenceData, 'account' | 'calendars'>;
  readonly provisioningTopic: string;
  /** The ledger partition that owns an account (home-partition.ts). */
  readonly home: (accountId: AccountId) => LedgerPartition;
  /** When an account-month closes by event time (LedgerReader.closeTime). */
  readonly closeTime: (accountId: string, month: string) => EpochMs;
  readonly logger?: Logger;
}

type FactEvent = ProvisioningEvent | UserActivity;

/**
 * The provisioning and registrations consumer of the invoicer: each event becomes a recurring fact
 * in Redis (facts-store.ts). Write order per batch: (1) dead letters produced and acknowledged,
 * (2) ONE script call stores the facts and the partition's position, (3) the Kafka offset is
 * committed. A crash before 2 redelivers the batch (its dead letters twice, at least once); between
 * 2 and 3 the batch is applied again, which changes nothing: every write is a set add.
 * Events of an account the accounts topic does not know are dead-lettered (UNKNOWN_ACCOUNT), as the
 * embedded pipeline does, and so is an event that is not what its topic carries (INVALID_RECORD).
 * Facts arriving after their month's invoice went out are kept but no longer change it (logged).
 */
export function createFactsHandler(ports: FactsPorts): BatchHandler {
  const { store, provisioningTopic, logger } = ports;
  return recordBatchHandler<FactEvent>(ports, (batch) => {
    const facts: Fact[] = [];
    return {
      async record(record, out) {
        const fact = factOf(record);
        if ('code' in fact) return out.deadLetter(record, fact, 'ingest');
        facts.push(fact);
      },
      async persist() {
        const end = (BigInt(batch.messages[batch.messages.length - 1]!.offset) + 1n).toString();
        const { late } = await store.apply({ source: { topic: batch.topic, partition: batch.partition }, end, facts });
        if (late > 0) logger?.warn({ topic: batch.topic, partition: batch.partition, late }, 'user activity of months already invoiced: kept, not billed');
      },
    };
  });

  function factOf(record: DecodedRecord<FactEvent>): Fact | Problem {
    const event = record.value;
    const problem = record.topic === provisioningTopic ? provisioningProblem(event) : activityProblem(event);
    if (problem) return { code: 'INVALID_RECORD', reason: problem };
    const account = ports.reference.account(event.accountId);
    if (!account) {
      const reason = `account ${event.accountId} is not known; event ${event.eventId} cannot count for anyone's recurring charges`;
      return { code: 'UNKNOWN_ACCOUNT', reason };
    }
    if (record.topic === provisioningTopic) {
      const { subject, subjectId, action, at } = event as ProvisioningEvent;
      return { kind: 'provisioning', accountId: account.accountId, change: { subject, subjectId, action, at } };
    }
    return activityFact(event as UserActivity, account, ports);
  }
}

function activityFact(activity: UserActivity, account: Account, deps: FactsPorts): Fact {
  const month: BillingMonth = deps.reference.calendars.forZone(account.timezone).monthOf(activity.at);
  return {
    kind: 'activity',
    accountId: account.accountId,
    month,
    licence: licenceOf(activity),
    sipId: activity.sipId,
    home: deps.home(account.accountId),
    closesAt: deps.closeTime(account.accountId, month),
  };
}

const SUBJECTS = ['DEVICE', 'TRUNK'];
const ACTIONS = ['PROVISIONED', 'DEPROVISIONED'];
const ACTIVITIES = ['REGISTERED', 'HOSTED_VIDEO_CONFERENCE', 'USED_MESSAGING'];

/** The schema checks these on a ProvisioningEvent; a record of another schema on the topic would pass decoding. */
function provisioningProblem(e: Partial<ProvisioningEvent>): string | null {
  if (typeof e.eventId !== 'string' || typeof e.accountId !== 'string' || typeof e.subjectId !== 'string') return 'not a provisioning event';
  if (!SUBJECTS.includes(e.subject!) || !ACTIONS.includes(e.action!)) return `provisioning event ${e.eventId}: not a provisioning event`;
  return Number.isSafeInteger(e.at) ? null : `provisioning event ${e.eventId}: at ${e.at} is not an instant`;
}

function activityProblem(e: Partial<UserActivity>): string | null {
  if (typeof e.eventId !== 'string' || typeof e.accountId !== 'string' || typeof e.sipId !== 'string') return 'not a user activity';
  if (!ACTIVITIES.includes(e.activity!)) return `user activity ${e.eventId}: not a user activity`;
  return Number.isSafeInteger(e.at) ? null : `user activity ${e.eventId}: at ${e.at} is not an instant`;
}
