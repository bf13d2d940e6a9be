import type { Command } from 'commander';
import { registerGenerate } from './generate';
import { registerRun } from './run';
import { registerValidate } from './validate';

/** Each subcommand lives in its own file and registers itself on the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerRun, registerGenerate, (p) => registerValidate(p)];
