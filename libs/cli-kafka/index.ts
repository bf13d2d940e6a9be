/** What the operator's Kafka-side commands (`cdr publish`, `topics`, `schemas`, `lag`, `close-month`) share. */
export * from './cli-io';
export * from './connection-settings';
export * from './kafka-session';
export * from './registry-session';
export * from './pipeline-topics';
export * from './month-close-marker';
export * from './publish-files';
export * from './publish-progress';
export * from './record-publisher';
export * from './text-table';
export * from './flag-values';
