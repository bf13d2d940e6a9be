export * from './record-kinds';
export * from './schemas';
export type { Decoded, JsonForm } from './json-form';
export { compileJsonForm } from './json-form';
export { parseAvroType, type AvroType } from './avro-type';
export { findSchemasDir, readSchemaFile } from './schema-files';
export { parseInstant, formatInstant } from './iso-instant';
