import type {
  Account,
  DeadLetter,
  Invoice,
  MediaCdr,
  ProvisioningEvent,
  RatedRecord,
  SipCoreCdr,
  Tariff,
  UsageRecord,
  UserActivity,
} from '../domain';

/** Every record kind the pipeline reads or writes, with the domain type its Avro value decodes to. */
export interface RecordTypes {
  sipcore: SipCoreCdr;
  media: MediaCdr;
  provisioning: ProvisioningEvent;
  activity: UserActivity;
  account: Account;
  tariff: Tariff;
  usage: UsageRecord;
  rated: RatedRecord;
  invoice: Invoice;
  deadLetter: DeadLetter;
}

export type RecordKind = keyof RecordTypes;

export interface KindSpec {
  /** The .avsc file in schemas/. */
  readonly schemaFile: string;
  /** The default Kafka topic (every name is configurable); null for dead letters, whose topic is `<input>.dlq`. */
  readonly topic: string | null;
}

/** Static facts only; the parsed types live in a Schemas object built at start-up. */
export const RECORD_KIND_SPECS: { readonly [K in RecordKind]: KindSpec } = {
  sipcore: { schemaFile: 'SipCoreCdr.avsc', topic: 'cdr.sipcore' },
  media: { schemaFile: 'MediaCdr.avsc', topic: 'cdr.media' },
  provisioning: { schemaFile: 'ProvisioningEvent.avsc', topic: 'provisioning' },
  activity: { schemaFile: 'UserActivity.avsc', topic: 'registrations' },
  account: { schemaFile: 'Account.avsc', topic: 'accounts' },
  tariff: { schemaFile: 'Tariff.avsc', topic: 'tariffs' },
  usage: { schemaFile: 'UsageRecord.avsc', topic: 'usage.legs' },
  rated: { schemaFile: 'RatedRecord.avsc', topic: 'ledger.rated' },
  invoice: { schemaFile: 'Invoice.avsc', topic: 'invoices' },
  deadLetter: { schemaFile: 'DeadLetter.avsc', topic: null },
};

export const RECORD_KINDS = Object.keys(RECORD_KIND_SPECS) as readonly RecordKind[];

export function isRecordKind(name: string): name is RecordKind {
  return Object.prototype.hasOwnProperty.call(RECORD_KIND_SPECS, name);
}
