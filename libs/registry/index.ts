export * from './registry-config';
export * from './avro-registry';
export * from './schema-files';
