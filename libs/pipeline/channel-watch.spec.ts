import { AccountId, BillingMonth, UsageId, type UsageRecord } from '../domain';
import { sampleAccount } from '../domain/reference/index';
import { ChannelWatch } from './channel-watch';

const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const at = (hhmm: string) => Date.parse(`2026-02-10T${hhmm}:00Z`);
const account = sampleAccount({ accountId: AccountId('acme'), billingModel: 'PER_CHANNEL', channels: 2 });

let position = 0;
function leg(usageId: string, callId: string, from: string, to: string): UsageRecord {
  return {
    usageId: UsageId(usageId), sourceId: usageId, origin: 'SIPCORE', accountId: account.accountId, kind: 'LEG',
    product: null, direction: 'TERMINATING', media: 'AUDIO', callId, endpoint: null,
    startAt: at(from), endAt: at(to), durationMs: at(to) - at(from), source: { stream: 'cdr.sipcore', partition: 0, position: ++position },
  };
}

describe('ChannelWatch', () => {
  it('counts the two legs of a device-to-device call as one channel', () => {
    const watch = new ChannelWatch();
    watch.add(leg('d2d:orig', 'd2d', '10:00', '10:10'));
    watch.add(leg('d2d:term', 'd2d', '10:00', '10:10'));
    watch.add(leg('other', 'other', '10:05', '10:06'));
    expect(watch.peak()).toBe(2);
    expect(watch.limitEvent(account, BillingMonth('2026-02'), FEBRUARY)).toBeNull();
  });

  it('does not overlap a call that ends as the next one starts', () => {
    const watch = new ChannelWatch();
    for (const [id, from, to] of [['a', '10:00', '10:05'], ['b', '10:05', '10:10'], ['c', '10:10', '10:15']] as const) watch.add(leg(id, id, from, to));
    expect(watch.peak()).toBe(1);
  });

  it('raises one LINES event for the month, at the third call up on 2 channels, naming its leg and the peak', () => {
    const watch = new ChannelWatch();
    // fed out of order: the event does not depend on arrival
    watch.add(leg('late:term', 'late', '11:00', '11:30'));
    watch.add(leg('third:term', 'third', '10:05', '10:07'));
    watch.add(leg('first:term', 'first', '10:00', '10:10'));
    watch.add(leg('second:term', 'second', '10:02', '10:08'));
    watch.add(leg('fourth:term', 'fourth', '10:06', '10:07'));

    expect(watch.limitEvent(account, BillingMonth('2026-02'), FEBRUARY)).toEqual({
      eventId: 'acme:LINES:2026-02', accountId: 'acme', limit: 'LINES', planTariffId: null,
      windowStart: FEBRUARY.start, windowSeconds: 28 * 86_400, value: 4, threshold: 2,
      at: at('10:05'), usageId: 'third:term', source: { stream: 'cdr.sipcore', partition: 0, position: expect.any(Number) },
    });
  });

  it('names the leg with the smaller id when both legs of the call that went over start at once', () => {
    const watch = new ChannelWatch();
    watch.add(leg('a', 'a', '10:00', '10:10'));
    watch.add(leg('b', 'b', '10:00', '10:10'));
    watch.add(leg('c:term', 'c', '10:01', '10:02'));
    watch.add(leg('c:orig', 'c', '10:01', '10:02'));
    expect(watch.limitEvent(account, BillingMonth('2026-02'), FEBRUARY)?.usageId).toBe('c:orig');
  });
});
