import type { AccountId, BillingMonth, Currency } from './ids';

export type InvoiceLineKind =
  | 'USAGE'
  | 'CONNECT_FEE'
  | 'RECURRING'
  | 'SETUP_FEE'
  | 'PRORATION'
  | 'MINIMUM_CHARGE'
  | 'ADJUSTMENT';

export interface InvoiceLine {
  readonly kind: InvoiceLineKind;
  /** Product for usage lines, charge name for recurring ones. */
  readonly product: string;
  readonly description: string;
  /** Billed minutes for usage lines, a count for the others; decimal string. */
  readonly quantity: string;
  readonly unitPrice: string | null;
  /** Rounded once to the currency's minor unit. */
  readonly amount: string;
  /** Exact billed seconds behind a usage line, null otherwise. */
  readonly billedSeconds: number | null;
  /** Rated records aggregated into this line. */
  readonly records: number;
  /** For adjustment lines: the month the late usage belongs to. */
  readonly forMonth: BillingMonth | null;
}

export interface Invoice {
  readonly invoiceId: string;
  readonly accountId: AccountId;
  readonly month: BillingMonth;
  readonly currency: Currency;
  readonly timezone: string;
  readonly lines: readonly InvoiceLine[];
  /** Sum of the rounded line amounts. */
  readonly total: string;
  /** Peak concurrent calls in the month, for PER_CHANNEL accounts; null otherwise. */
  readonly peakSimultaneousCalls: number | null;
  /** Who was billed for which per-user licence, for the customer's reconciliation. */
  readonly users: readonly LicensedUser[];
}

export type Licence = 'MOBILE_USER' | 'DESKTOP_USER' | 'VIDEO_HOST' | 'MESSAGING_USER';

export interface LicensedUser {
  readonly sipId: string;
  readonly licences: readonly Licence[];
}
