export { validateAccount } from './validate-account';
export { validateTariff } from './validate-tariff';
export { isTimeZone, rememberingZones, type ZoneCheck } from './time-zone';
export { amountProblem } from './decimal-rules';
export { sampleAccount, sampleRate, sampleTariff } from './sample-reference';
