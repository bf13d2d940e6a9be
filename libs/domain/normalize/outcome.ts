import type { RuleViolation } from '../dead-letter';
import type { UsageRecord } from '../usage';

/** What normalizing one raw CDR gives: its usage records (possibly none), or the rule it broke. */
export type NormalizeOutcome = { readonly ok: true; readonly usage: UsageRecord[] } | RuleViolation;
