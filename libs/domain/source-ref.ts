/**
 * Where a record came from, so that any billed amount or dead letter can be traced to its source.
 * On Kafka: stream = topic, partition, position = offset. In files: stream = file path,
 * partition = 0, position = 1-based line number (or record index in an Avro container file).
 */
export interface SourceRef {
  readonly stream: string;
  readonly partition: number;
  readonly position: number;
}
