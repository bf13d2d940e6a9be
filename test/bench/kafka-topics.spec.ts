import { allTopics, chainTopics, copyTopic, runTopics, topicVariables } from './kafka-topics';

describe('the topics of a benchmark run', () => {
  it('reads the same published input in every run and writes fresh topics per run', () => {
    const first = runTopics('bench-1', 1);
    const second = runTopics('bench-1', 2);
    expect(second.sipcore).toBe(first.sipcore);
    expect(second.accounts).toBe(first.accounts);
    expect(second.tariffs).toBe(first.tariffs);
    expect(first.usage).toBe('bench-1.r1.usage.legs');
    expect(second.usage).toBe('bench-1.r2.usage.legs');
    expect(second.ledger).not.toBe(first.ledger);
    expect(copyTopic(second)).not.toBe(copyTopic(first));
  });

  it('creates dead-letter topics for every consumed input, the pass-through copy and the chain', () => {
    const topics = runTopics('bench-1', 1);
    const all = allTopics(topics);
    for (const input of [topics.sipcore, topics.media, topics.usage, topics.ledger]) expect(all).toContain(`${input}.dlq`);
    expect(all).toContain(copyTopic(topics));
    for (const hop of chainTopics(topics)) expect(all).toContain(hop);
    expect(new Set(all).size).toBe(all.length);
  });

  it('points every service variable at the run, with nothing left on a default name', () => {
    const variables = topicVariables(runTopics('bench-1', 3));
    expect(Object.keys(variables)).toHaveLength(10);
    for (const name of Object.values(variables)) expect(name.startsWith('bench-1.')).toBe(true);
  });
});
