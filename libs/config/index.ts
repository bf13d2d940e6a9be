export * from './config-error';
export * from './secret';
export * from './env-reader';
export * from './redact';
export * from './config-problems';
