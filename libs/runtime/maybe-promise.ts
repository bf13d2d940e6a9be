/**
 * A result that is usually there at once and only sometimes a promise. The stream services' hot
 * path (decode, rate, encode) is synchronous once the schemas are cached; an await and a promise
 * per record were a visible share of their CPU and garbage, so only the rare slow path is awaited.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `next(value)` at once when `value` is there, else once it resolves. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
