export * from './redis-config';
export * from './connect';
