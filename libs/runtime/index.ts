export * from './logger';
export * from './lifecycle';
export * from './topic-names';
export * from './reference-follower';
