/** What one benchmark stage measured in its own process. */
export interface StageResult {
  readonly stage: StageName;
  /** CDRs the stage read (the pipeline: every CDR it accepted, dead letters included). */
  readonly cdrs: number;
  /** Wall time of the stage's work, without node's start-up. */
  readonly seconds: number;
  /** Peak resident set size of the stage's process. */
  readonly peakRssMb: number;
}

export const STAGES = ['baseline', 'pipeline'] as const;
export type StageName = (typeof STAGES)[number];

export const isStageName = (s: string | undefined): s is StageName => STAGES.some((name) => name === s);
