import { backoffMs, isRetriableByDefault } from './retriable-error';

describe('whether a failed batch is worth another attempt', () => {
  it('retries broker and Redis outages, also when wrapped', () => {
    expect(isRetriableByDefault(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9092'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRetriableByDefault(Object.assign(new Error('gave up'), { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false }))).toBe(true);
    expect(isRetriableByDefault(new Error('send failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }))).toBe(true);
  });

  it("follows an error's own retriable flag", () => {
    expect(isRetriableByDefault(Object.assign(new Error('leader moved'), { retriable: true }))).toBe(true);
    expect(isRetriableByDefault(Object.assign(new Error('bad tariff file'), { retriable: false, code: 'ECONNRESET' }))).toBe(false);
  });

  it('does not retry a bug', () => {
    expect(isRetriableByDefault(new TypeError("cannot read properties of undefined (reading 'amount')"))).toBe(false);
    expect(isRetriableByDefault('a string')).toBe(false);
  });

  it('backs off exponentially up to a ceiling', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffMs(a, 200, 1000))).toEqual([200, 400, 800, 1000, 1000]);
  });
});
