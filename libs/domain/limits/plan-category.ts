import type { PlanCategory, PlanOption } from '../reference';
import type { UsageRecord } from '../usage';

/** Every plan option, in the order flags and events are listed for one usage record. */
export const PLAN_OPTIONS: readonly PlanOption[] = [
  'MAX_CALL_DURATION',
  'TOTAL_DURATION',
  'SUCCESSFUL_CALLS',
  'FAILED_CALLS',
  'SIP_ACCOUNTS',
  'LINES',
];

/**
 * The options each category carries (seed 002 table): Lines is a Gateway option only ("in SIP gateway
 * mode only one line"). Group plans are not modelled: there is no group-membership data to count over.
 */
export const CATEGORY_OPTIONS: Readonly<Record<PlanCategory, readonly PlanOption[]>> = {
  SOFTPHONE: ['MAX_CALL_DURATION', 'TOTAL_DURATION', 'SUCCESSFUL_CALLS', 'FAILED_CALLS', 'SIP_ACCOUNTS'],
  GATEWAY: PLAN_OPTIONS,
  GROUP: [],
};

/** Every plan category; a category's index here is its slot in the counters' per-category lists. */
export const PLAN_CATEGORIES: readonly PlanCategory[] = ['GATEWAY', 'SOFTPHONE', 'GROUP'];

/** The category's slot: a switch, so the hot path reads a list instead of hashing a key. */
export function categorySlot(category: PlanCategory): number {
  switch (category) {
    case 'GATEWAY':
      return 0;
    case 'SOFTPHONE':
      return 1;
    case 'GROUP':
      return 2;
  }
}

/**
 * The plan category a usage record is counted under. SIP core usage is GATEWAY: the SIP core is the
 * account's PBX and the way to its trunks. Media-server usage (IVR, conferences) is SOFTPHONE.
 * A usage record does not say whether its call crossed a trunk (a leg carries its device only, and
 * the sibling leg of a device-to-device call may come later), so the origin decides; telling trunk
 * calls apart exactly would need the trunk on UsageRecord, a schema change not made here.
 */
export function categoryOf(usage: UsageRecord): PlanCategory {
  return usage.origin === 'SIPCORE' ? 'GATEWAY' : 'SOFTPHONE';
}

/** The flag a usage record past an option's limit carries on its rated record. */
export const limitFlag = (option: PlanOption): string => `LIMIT:${option}`;
