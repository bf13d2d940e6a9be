import { getContainerRuntimeClient } from 'testcontainers';

let answer: Promise<boolean> | undefined;

/** Whether a Docker (or compatible) engine answers; asked once per test process (no engine: ~0.4 s to find out). */
export function containerRuntimeAvailable(): Promise<boolean> {
  answer ??= getContainerRuntimeClient().then(
    () => true,
    () => false,
  );
  return answer;
}
