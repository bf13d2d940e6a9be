import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from 'avsc';
import type { ProvisioningEvent } from '../domain';
import { buildSchemas } from '../schema';
import { readAvroContainer, writeAvroContainer, type AvroBatch } from './avro-container';

const schemas = buildSchemas();
const type = schemas.of('provisioning').type;
const dir = mkdtempSync(join(tmpdir(), 'avro-'));

const events = (count: number): ProvisioningEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    eventId: `pv-${i + 1}`, accountId: 'ACC-1' as ProvisioningEvent['accountId'], subject: i % 2 ? 'TRUNK' : 'DEVICE',
    subjectId: `dev-${i}`, action: 'PROVISIONED', at: Date.UTC(2024, 0, 1) + i * 1000,
  }));

async function readAll(path: string, options = {}): Promise<AvroBatch<ProvisioningEvent>[]> {
  const out: AvroBatch<ProvisioningEvent>[] = [];
  for await (const b of readAvroContainer<ProvisioningEvent>(path, options)) out.push(b);
  return out;
}

describe('Avro container files', () => {
  it('round-trips provisioning events in batches numbered from record 1', async () => {
    const path = join(dir, 'provisioning.avro');
    expect(await writeAvroContainer(path, type, events(5), { codec: 'deflate' })).toBe(5);
    const batches = await readAll(path, { batchSize: 2, readerType: type });
    expect(batches.map((b) => b.firstIndex)).toEqual([1, 3, 5]);
    expect(batches.flatMap((b) => b.values.map((v) => ({ ...v })))).toEqual(events(5));
  });

  it('keeps each record\'s own bytes, which decode to that record', async () => {
    const path = join(dir, 'provisioning-raw.avro');
    await writeAvroContainer(path, type, events(3));
    const [batch] = await readAll(path);
    expect(batch!.raw.map((buf) => ({ ...type.fromBuffer(buf) }))).toEqual(events(3));
    expect(batch!.raw[1]).toEqual(type.toBuffer(events(3)[1]));
  });

  it('keeps records apart across many deflated blocks', async () => {
    const path = join(dir, 'provisioning-many.avro');
    await writeAvroContainer(path, type, events(5000), { codec: 'deflate' });
    const batches = await readAll(path);
    const raw = batches.flatMap((b) => b.raw);
    expect(raw).toHaveLength(5000);
    expect(type.fromBuffer(raw[4321]!)).toMatchObject({ eventId: 'pv-4322' });
    expect(batches.map((b) => b.firstIndex)).toEqual([1, 1001, 2001, 3001, 4001]);
  });

  it('writes from an async source', async () => {
    const path = join(dir, 'provisioning-async.avro');
    async function* source() {
      yield* events(4);
    }
    expect(await writeAvroContainer(path, type, source())).toBe(4);
    expect((await readAll(path)).flatMap((b) => b.values)).toHaveLength(4);
  });

  it('reads an older writer schema into the current one, filling new fields with defaults', async () => {
    const older = Type.forSchema({
      type: 'record', name: 'SipCoreCdr', namespace: 'cdrrating.input',
      fields: (schemas.of('sipcore').type.schema() as { fields: { name: string }[] }).fields.filter((f) => f.name !== 'transcoded'),
    } as never);
    const path = join(dir, 'cdr.sipcore.avro');
    const decoded = schemas.decodeJson('sipcore', '{"cdrId":"c","accountId":"A","callId":"k","from":"f","to":"t","fromKind":"DEVICE","toKind":"TRUNK","media":"AUDIO","setupAt":0,"endAt":1000,"sipCode":487,"disposition":"CANCELLED"}');
    if (!decoded.ok) throw new Error(decoded.reason);
    await writeAvroContainer(path, older, [decoded.value]);
    const [batch] = await readAll(path, { readerType: schemas.of('sipcore').type });
    expect(batch!.values[0]).toMatchObject({ cdrId: 'c', transcoded: false, answerAt: null });
  });

  it('fails the whole file when its writer schema cannot be read as the expected one', async () => {
    const path = join(dir, 'provisioning-as-media.avro');
    await writeAvroContainer(path, type, events(1));
    await expect(readAll(path, { readerType: schemas.of('media').type })).rejects.toThrow(
      `${path}: its writer schema cannot be read as cdrrating.input.MediaCdr`,
    );
  });

  it('refuses to write a record that does not fit the schema, naming its index', async () => {
    const path = join(dir, 'bad.avro');
    const bad = [...events(1), { ...events(1)[0], action: 'REMOVED' }];
    await expect(writeAvroContainer(path, type, bad)).rejects.toThrow(`${path}: record 2 does not fit cdrrating.input.ProvisioningEvent`);
  });

  it('fails on a file that is not an Avro container', async () => {
    const path = join(dir, 'not-avro.avro');
    writeFileSync(path, '{"eventId":"x"}\n');
    await expect(readAll(path)).rejects.toThrow('invalid magic bytes');
  });

  it('fails on a missing file', async () => {
    await expect(readAll(join(dir, 'missing.avro'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
