import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Type } from 'avsc';
import { RegistryUnavailable, UndecodableRecord, registerSchemas } from './avro-registry';

const schema = { type: 'record' as const, name: 'Leg', namespace: 'cdrrating.test', fields: [{ name: 'usageId', type: 'string' }, { name: 'seconds', type: 'long' }] };
const leg = Type.forSchema(schema);
const wire = (id: number, body: Buffer) => {
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  return Buffer.concat([header, body]);
};

/** The part of the registry client the codec uses: the leg schema has id 7, lookups counted, outages on demand. */
function stubRegistry() {
  const types = new Map<number, Type>([[7, leg]]);
  const stub = {
    lookups: [] as number[],
    down: false,
    register: async () => ({ id: 7 }),
    getSchema: async (id: number) => {
      stub.lookups.push(id);
      if (stub.down) throw new Error('connect ECONNREFUSED');
      const type = types.get(id);
      if (!type) throw Object.assign(new Error('Schema not found'), { status: 404 });
      return type;
    },
    encode: async () => Promise.reject(new Error('usageId: invalid "string": 42')),
  };
  return stub;
}

describe('the Avro codec of registered topics', () => {
  it('writes the Confluent wire format the registry client writes', async () => {
    const codec = await registerSchemas(stubRegistry() as unknown as SchemaRegistry, { legs: schema });
    const value = { usageId: 'u-1', seconds: 61 };
    expect((await codec.encode('legs', value)).equals(wire(7, leg.toBuffer(value)))).toBe(true);
  });

  it("rejects a value the schema refuses with the client's own error, which names the invalid path", async () => {
    const codec = await registerSchemas(stubRegistry() as unknown as SchemaRegistry, { legs: schema });
    await expect(codec.encode('legs', { usageId: 42, seconds: 61 })).rejects.toThrow('usageId: invalid "string": 42');
    await expect(codec.encode('other', {})).rejects.toThrow('no schema registered for topic other');
  });

  it('looks each schema id up once and decodes every later record from the kept type', async () => {
    const registry = stubRegistry();
    const codec = await registerSchemas(registry as unknown as SchemaRegistry, { legs: schema });
    registry.lookups.length = 0;
    const values = [{ usageId: 'u-1', seconds: 1 }, { usageId: 'u-2', seconds: 2 }];
    const decoded: object[] = [];
    for (const value of values) decoded.push({ ...(await codec.decode<object>(wire(7, leg.toBuffer(value)))) });
    expect(decoded).toEqual(values);
    expect(registry.lookups).toEqual([7]);
  });

  it('tells records that never decode from a registry that does not answer, and asks again after an outage', async () => {
    const registry = stubRegistry();
    const codec = await registerSchemas(registry as unknown as SchemaRegistry, {});
    const body = leg.toBuffer({ usageId: 'u-1', seconds: 1 });
    await expect(codec.decode(Buffer.from('{"usageId":"u-1"}'))).rejects.toBeInstanceOf(UndecodableRecord);
    await expect(codec.decode(wire(9, body))).rejects.toBeInstanceOf(UndecodableRecord);
    await expect(codec.decode(wire(9, body))).rejects.toThrow('unknown schema id 9');

    registry.down = true;
    await expect(codec.decode(wire(7, body))).rejects.toBeInstanceOf(RegistryUnavailable);
    registry.down = false;
    await expect(codec.decode(wire(7, Buffer.concat([body, Buffer.from([1])])))).rejects.toThrow('not Avro of schema id 7: trailing data');
    expect({ ...(await codec.decode<object>(wire(7, body))) }).toEqual({ usageId: 'u-1', seconds: 1 });
  });

  it('encodes and decodes without a promise once the schema is known, and says when it needs the slow path', async () => {
    const registry = stubRegistry();
    const codec = await registerSchemas(registry as unknown as SchemaRegistry, { legs: schema });
    const value = { usageId: 'u-1', seconds: 61 };
    expect(codec.encodeNow!('legs', value)!.equals(wire(7, leg.toBuffer(value)))).toBe(true);
    expect(codec.encodeNow!('legs', { usageId: 42, seconds: 61 })).toBeUndefined(); // encode() gives the reason
    expect(() => codec.encodeNow!('other', {})).toThrow('no schema registered for topic other');

    const body = leg.toBuffer(value);
    expect(codec.decodeCached!(wire(7, body))).toBeUndefined(); // the first record of an id fetches it
    await codec.decode(wire(7, body));
    expect({ ...codec.decodeCached!<object>(wire(7, body)) }).toEqual(value);
    expect(codec.decodeCached!(wire(9, body))).toBeUndefined();
    expect(() => codec.decodeCached!(Buffer.from('{"usageId":"u-1"}'))).toThrow(UndecodableRecord);
    expect(() => codec.decodeCached!(wire(7, Buffer.concat([body, Buffer.from([1])])))).toThrow('not Avro of schema id 7: trailing data');
  });
});
