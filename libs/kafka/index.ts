export * from './kafka-config';
export * from './client';
export * from './batch-producer';
export * from './batch-consumer';
export * from './resume-offsets';
export * from './retriable-error';
export * from './topics';
export * from './lag';
