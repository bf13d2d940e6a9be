export {
  ProvisionedPeak,
  type ProvisioningOutcome,
  type ProvisioningSnapshot,
  type SubjectTimeline,
} from './provisioned-peak';
export type { ProvisioningAction, ProvisioningChange, ProvisionedSpan } from './provisioning-timeline';
export { LICENCES, licenceCounts, licensedUsers, licenceOf, UserLicences, type LicenceCounts } from './user-licences';
export { LICENCE_CSV_HEADER, licenceCsv } from './licence-csv';
export { monthPlans, pricingInstant, recurringPrice, type MonthPlan, type MonthPlans } from './month-plans';
export { recurringCharge, recurringCharges, type RecurringInput, type RecurringOutcome } from './recurring-charges';
export { firstInvoiceMonth, setupFeeCharges } from './setup-fee';
export { applyBillingModel, CHANNEL_PRODUCTS, PER_CHANNEL } from './per-channel';
export { PeakConcurrency, type CallInterval, type CallSpans, type ChannelUse, type Span } from './peak-concurrency';
export { minimumCharge } from './minimum-charge';
export { optionBaseline, optionValueAt } from './plan-options';
export { optionCharges, type OptionInput } from './proration';
