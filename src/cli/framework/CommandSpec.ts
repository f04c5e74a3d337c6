/** One flag of a command, declared once: parsing, `--help` and the table in docs/commands.md come from it. */
export interface OptionSpec<T> {
  /** As commander spells it: `--runs <n>`, `--quick`. */
  readonly flags: string;
  readonly description: string;
  /** Turns the raw text into a value; throws a UsageError naming the flag on bad input. */
  readonly parse?: (raw: string, flag: string) => T;
  readonly defaultValue?: T;
  /** How the default reads in help when it is not the value itself (e.g. "drawn at random"). */
  readonly defaultText?: string;
  /** Never set: pins the value type, so commands get their options typed. */
  readonly valueType?: (value: T) => T;
}

// The options of a command by name; each option's type is its parser's.
// biome-ignore lint/suspicious/noExplicitAny: a record of options of different value types
export type OptionSpecs = Readonly<Record<string, OptionSpec<any>>>;

/** What an option's parser gives (a switch, with no parser, gives a boolean). */
type ValueOf<Spec> = Spec extends OptionSpec<infer T> ? T : never;

/** The parsed values: an option with a default is always set, the others may be undefined. */
export type OptionValues<Specs extends OptionSpecs> = {
  readonly [K in keyof Specs]: Specs[K] extends { readonly defaultValue: unknown }
    ? ValueOf<Specs[K]>
    : ValueOf<Specs[K]> | undefined;
};

export interface CommandContext<Specs extends OptionSpecs> {
  readonly options: OptionValues<Specs>;
  /** Positional arguments, as declared by `arguments`. */
  readonly args: readonly string[];
  /** Aborted by SIGINT or SIGTERM; every job takes it and stops within a second or two. */
  readonly signal: AbortSignal;
  /** Results, on stdout. */
  readonly out: (line: string) => void;
  /** Progress and diagnostics, on stderr. */
  readonly log: (line: string) => void;
}

export interface CommandSpec<Specs extends OptionSpecs> {
  readonly name: string;
  /** What a person types before the flags: `npm run props --`, `npm start --`. */
  readonly invocation: string;
  /** One line, for the command table in docs/commands.md. */
  readonly summary: string;
  /** The whole story, for `--help`. */
  readonly description: string;
  /** Positional arguments in commander's syntax (`<file>`, `[paths...]`), if any. */
  readonly arguments?: string;
  readonly options: Specs;
  readonly exitCodes: Readonly<Record<number, string>>;
  readonly environment?: Readonly<Record<string, string>>;
  /** More text after the options in `--help` (limits, examples). */
  readonly notes?: string;
  run(context: CommandContext<Specs>): Promise<number>;
}

/**
 * Declares a command. Every command stops on SIGINT and SIGTERM (`runCommand`), so those
 * exit codes are listed for each one that does not say more about them.
 */
export function defineCommand<Specs extends OptionSpecs>(spec: CommandSpec<Specs>): CommandSpec<Specs> {
  return {
    ...spec,
    exitCodes: {
      ...spec.exitCodes,
      130: spec.exitCodes[130] ?? 'stopped by SIGINT',
      143: spec.exitCodes[143] ?? 'stopped by SIGTERM',
    },
  };
}

// A command seen from the list of commands, whatever its options.
// biome-ignore lint/suspicious/noExplicitAny: the list forgets each command's option types
export type AnyCommandSpec = CommandSpec<any>;
