import type { Command } from 'commander';
import { registerCloseMonth } from './close-month';
import { registerGenerate } from './generate';
import { registerLag } from './lag';
import { registerPublish } from './publish';
import { registerRun } from './run';
import { registerSchemas } from './schemas';
import { registerTopics } from './topics';
import { registerValidate } from './validate';

/** Each subcommand lives in its own file and registers itself on the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerRun,
  registerGenerate,
  (p) => registerValidate(p),
  (p) => registerPublish(p),
  (p) => registerTopics(p),
  (p) => registerSchemas(p),
  (p) => registerLag(p),
  (p) => registerCloseMonth(p),
];
