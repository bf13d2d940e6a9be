export * from './deduplicator';
export * from './fingerprint-set';
export * from './reference-data';
export * from './run-stats';
export * from './embedded-pipeline';
export * from './file-run';
export * from './summary-table';
