export * from './ops-config';
export * from './ops-server';
export * from './metrics';
