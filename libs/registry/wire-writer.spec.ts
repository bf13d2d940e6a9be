import { Type } from 'avsc';
import { readAvroSchema } from './schema-files';
import { WireWriter } from './wire-writer';

const deadLetterType = Type.forSchema(readAvroSchema('DeadLetter') as never);
const letter = (reason: string) => ({
  code: 'UNPARSEABLE',
  reason,
  stage: 'ingest',
  source: { stream: 'cdr.sipcore', partition: 3, position: 41 },
  original: Buffer.from('not avro'),
});
/** What @kafkajs/confluent-schema-registry writes: magic byte 0, the id as int32 BE, the Avro body. */
const clientWire = (id: number, value: unknown) => {
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  return Buffer.concat([header, deadLetterType.toBuffer(value)]);
};

describe('the Confluent wire format writer', () => {
  it('writes the same bytes as the registry client', () => {
    const writer = new WireWriter(70_001, deadLetterType);
    for (const value of [letter('first'), letter('second, longer reason')]) {
      expect(writer.write(value).equals(clientWire(70_001, value))).toBe(true);
    }
  });

  it('grows its scratch for a value larger than it and still writes the same bytes', () => {
    const writer = new WireWriter(7, deadLetterType, 16);
    const big = letter('x'.repeat(10_000));
    const small = letter('y');
    expect(writer.write(big).equals(clientWire(7, big))).toBe(true);
    expect(writer.write(small).equals(clientWire(7, small))).toBe(true);
  });

  it('returns a buffer of its own per value, not a view of its scratch', () => {
    const writer = new WireWriter(7, deadLetterType);
    const first = writer.write(letter('first'));
    writer.write(letter('second'));
    expect(first.equals(clientWire(7, letter('first')))).toBe(true);
  });

  it('refuses a value that does not fit the schema, as avsc does', () => {
    expect(() => new WireWriter(7, deadLetterType).write({ ...letter('r'), stage: 42 })).toThrow();
  });
});
