export * from './redis-config';
export * from './connect';
export * from './ledger-entries';
export * from './ledger-keys';
export * from './ledger-store';
export * from './ledger-channels';
export * from './facts-members';
export * from './facts-store';
