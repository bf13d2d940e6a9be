export * from './fixed-point';
export * from './currency';
