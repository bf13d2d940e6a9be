import type {
  Account, DeadLetter, Invoice, InvoiceLine, InvoiceLineKind, PlanAssignment, RatedRecord, Tariff,
} from '../../libs/domain';
import { AccountId, Currency, TariffId } from '../../libs/domain';
import { sampleAccount, sampleRate, sampleTariff } from '../../libs/domain/reference/index';
import { EmbeddedPipeline, ReferenceData, type CdrKind } from '../../libs/pipeline';
import type { Schemas } from '../../libs/schema';

/**
 * The embedded pipeline driven the way the file run drives it (JSON text -> decode -> accept), with
 * every dead letter and rated record kept, so tests can look at both ends of one run.
 */

/** Tariff plans in the tests start here, well before any record, so nothing falls outside a plan. */
export const PLANS_FROM = Date.UTC(2024, 0, 1);

/**
 * A tariff whose arithmetic is done in one's head: every product at 60/60, no connect fee.
 * Cents per minute: SIP voice 1, SIP video 5, transcoding 0.5, media voice 1, media video 3,
 * conference 2, recording 0.5, monitoring 0.5.
 */
export function easyTariff(overrides: Partial<Tariff> = {}): Tariff {
  return sampleTariff({
    tariffId: TariffId('easy'),
    effectiveFrom: PLANS_FROM,
    recurring: [],
    rates: [
      sampleRate('sipcore.voice', '0.01'),
      sampleRate('sipcore.video', '0.05'),
      sampleRate('sipcore.transcoding', '0.005'),
      sampleRate('media.voice', '0.01'),
      sampleRate('media.video', '0.03'),
      sampleRate('media.conference', '0.02'),
      sampleRate('media.recording', '0.005'),
      sampleRate('media.monitoring', '0.005'),
    ],
    ...overrides,
  });
}

/** A plan assignment, open ended, shaped like the sample account's (so new plan fields keep their defaults). */
export function planFrom(tariffId: string, activatedAt: number): PlanAssignment {
  return { ...sampleAccount().plans[0]!, tariffId: TariffId(tariffId), activatedAt, expiresAt: null };
}

/** A USD per-minute account on one plan, by default `acct-seed` (the seed scenarios' account) on `easy`. */
export function planAccount(accountId = 'acct-seed', tariffId = 'easy', overrides: Partial<Account> = {}): Account {
  return sampleAccount({
    accountId: AccountId(accountId),
    currency: Currency('USD'),
    plans: [planFrom(tariffId, PLANS_FROM)],
    ...overrides,
  });
}

export interface EmbeddedRun {
  readonly pipeline: EmbeddedPipeline;
  readonly letters: DeadLetter[];
  readonly rated: RatedRecord[];
  /** Decodes one line of JSON as the given kind and hands it to the pipeline as line `n` of its stream. */
  feed(kind: CdrKind, text: string): void;
}

export function embeddedRun(schemas: Schemas, accounts: readonly Account[], tariffs: readonly Tariff[]): EmbeddedRun {
  const letters: DeadLetter[] = [];
  const rated: RatedRecord[] = [];
  const pipeline = new EmbeddedPipeline(ReferenceData.of(accounts, tariffs), {
    deadLetter: (letter) => letters.push(letter),
    rated: (record) => rated.push(record),
  });
  const lines = { sipcore: 0, media: 0 };
  return {
    pipeline,
    letters,
    rated,
    feed(kind, text) {
      lines[kind] += 1;
      const source = { stream: `cdr.${kind}`, partition: 0, position: lines[kind] };
      pipeline.accept(kind, schemas.decodeJson(kind, text), source, text);
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface CallShape {
  readonly cdrId: string;
  readonly accountId?: string;
  /** When the call was answered (the legs start here), ISO-8601. */
  readonly answerAt: string;
  readonly durationMs: number;
  readonly fromKind?: 'DEVICE' | 'TRUNK' | 'EXTERNAL';
  readonly toKind?: 'DEVICE' | 'TRUNK' | 'EXTERNAL';
  readonly media?: 'AUDIO' | 'VIDEO';
  readonly transcoded?: boolean;
  readonly trunkId?: string | null;
}

/** An answered SIP core CDR as one JSON line; set up 5 s before the answer; device to device unless told. */
export function answeredCall(c: CallShape): string {
  const answer = Date.parse(c.answerAt);
  return JSON.stringify({
    cdrId: c.cdrId,
    accountId: c.accountId ?? 'acct-seed',
    callId: `${c.cdrId}@sbc.example`,
    from: 'sip:1001@acct-seed.example',
    to: 'sip:1002@acct-seed.example',
    fromKind: c.fromKind ?? 'DEVICE',
    toKind: c.toKind ?? 'DEVICE',
    trunkId: c.trunkId ?? null,
    media: c.media ?? 'AUDIO',
    transcoded: c.transcoded ?? false,
    setupAt: iso(answer - 5000),
    answerAt: iso(answer),
    endAt: iso(answer + c.durationMs),
    sipCode: 200,
    disposition: 'ANSWERED',
  });
}

export interface MediaShape {
  readonly recordId: string;
  readonly accountId?: string;
  readonly resource?: 'CALL_LEG' | 'CONFERENCE_CONNECTION' | 'RECORDING' | 'MONITORING';
  readonly direction?: 'ORIGINATING' | 'TERMINATING' | null;
  readonly media?: 'AUDIO' | 'VIDEO';
  readonly startAt: string;
  readonly durationMs: number;
}

/** A media-server record as one JSON line; a terminating audio call leg unless told. */
export function mediaRecord(m: MediaShape): string {
  const start = Date.parse(m.startAt);
  const resource = m.resource ?? 'CALL_LEG';
  return JSON.stringify({
    recordId: m.recordId,
    accountId: m.accountId ?? 'acct-seed',
    sessionId: `session-${m.recordId}`,
    resource,
    direction: m.direction !== undefined ? m.direction : resource === 'CALL_LEG' ? 'TERMINATING' : null,
    media: m.media ?? 'AUDIO',
    endpoint: null,
    endpointKind: null,
    startAt: iso(start),
    endAt: iso(start + m.durationMs),
  });
}

/** The one line of an invoice with this kind, product and (when given) unit price; fails on none or several. */
export function lineOf(invoice: Invoice, product: string, kind: InvoiceLineKind = 'USAGE', unitPrice?: string): InvoiceLine {
  const found = invoice.lines.filter(
    (l) => l.kind === kind && l.product === product && (unitPrice === undefined || l.unitPrice === unitPrice),
  );
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} ${product} line${unitPrice ? ` at ${unitPrice}` : ''} on ${invoice.invoiceId}, found ${found.length}`);
  }
  return found[0]!;
}

/** The figures of a usage line a customer checks: minutes, billed seconds, price, amount, records. */
export const figures = (l: InvoiceLine) => ({
  quantity: l.quantity,
  billedSeconds: l.billedSeconds,
  unitPrice: l.unitPrice,
  amount: l.amount,
  records: l.records,
});
