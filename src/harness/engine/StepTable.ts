import fc from 'fast-check';
import { z } from 'zod';

/**
 * One kind of step, defined once: the schema its data must satisfy on disk (bounds
 * included), the generator of fresh ones, how it reads in a trace, and what it does.
 */
export interface StepKind<Step extends { readonly op: string }, Scenario> {
  readonly op: Step['op'];
  readonly schema: z.ZodType<Step>;
  readonly arbitrary: fc.Arbitrary<Step>;
  /** Relative weight among the kinds a case may draw from. */
  readonly weight: number;
  describe(step: Step): string;
  /** Runs the step; returns what actually happened, for the trace. */
  apply(step: Step, scenario: Scenario): string | Promise<string>;
}

interface StepSpec<Op extends string, Fields extends z.ZodRawShape, Scenario> {
  readonly op: Op;
  /** The step's data besides `op`, each field bounded: a counterexample file is untrusted input. */
  readonly fields: Fields;
  /** Fresh data for the fields; `op` is added. */
  readonly generate: fc.Arbitrary<FieldsOf<Fields>>;
  readonly weight: number;
  describe(step: StepOfSpec<Op, Fields>): string;
  apply(step: StepOfSpec<Op, Fields>, scenario: Scenario): string | Promise<string>;
}

/** A kind with no fields infers `Record<string, never>` from zod, which no object with `op` satisfies. */
type FieldsOf<Fields extends z.ZodRawShape> = keyof Fields extends never ? unknown : z.infer<z.ZodObject<Fields>>;

export type StepOfSpec<Op extends string, Fields extends z.ZodRawShape> = { readonly op: Op } & FieldsOf<Fields>;

/** Declares a kind of step; the step's type is inferred from its fields. */
export function stepKind<const Op extends string, Fields extends z.ZodRawShape, Scenario>(
  spec: StepSpec<Op, Fields, Scenario>,
): StepKind<StepOfSpec<Op, Fields>, Scenario> {
  const schema = z.strictObject({ ...spec.fields, op: z.literal(spec.op) }) as unknown as z.ZodType<
    StepOfSpec<Op, Fields>
  >;
  return {
    op: spec.op as StepOfSpec<Op, Fields>['op'],
    schema,
    arbitrary: spec.generate.map((data) => ({ ...(data as object), op: spec.op }) as StepOfSpec<Op, Fields>),
    weight: spec.weight,
    describe: spec.describe,
    apply: spec.apply,
  };
}

/** The union of the step types of a list of kinds. */
export type StepOf<K> = K extends StepKind<infer Step, infer _Scenario> ? Step : never;

// A kind seen from the table: its own step type is forgotten, the table dispatches on `op`.
// biome-ignore lint/suspicious/noExplicitAny: the table keeps kinds of different step types in one list
type AnyStepKind<Scenario> = StepKind<any, Scenario>;

export class UnknownStepError extends Error {
  constructor(op: string) {
    super(`no step kind "${op}"`);
    this.name = 'UnknownStepError';
  }
}

/** The steps of one system: one schema, one generator, one describer and one interpreter for all its kinds. */
export class StepTable<Step extends { readonly op: string }, Scenario> {
  readonly schema: z.ZodType<Step>;
  private readonly byOp: ReadonlyMap<string, AnyStepKind<Scenario>>;

  constructor(readonly kinds: readonly AnyStepKind<Scenario>[]) {
    this.byOp = new Map(kinds.map((kind) => [kind.op, kind]));
    const schemas = kinds.map((kind) => kind.schema);
    // biome-ignore lint/suspicious/noExplicitAny: zod's discriminated union wants a tuple type that a list built at run time cannot have
    this.schema = z.discriminatedUnion('op', schemas as any) as unknown as z.ZodType<Step>;
  }

  get ops(): string[] {
    return this.kinds.map((kind) => kind.op);
  }

  /** One step drawn from `ops` (default: every kind), by the kinds' weights. */
  arbitrary(ops: readonly string[] = this.ops): fc.Arbitrary<Step> {
    const chosen = this.kinds.filter((kind) => ops.includes(kind.op));
    return fc.oneof(
      ...chosen.map((kind) => ({ weight: kind.weight, arbitrary: kind.arbitrary as fc.Arbitrary<Step> })),
    );
  }

  describe(step: Step): string {
    return this.kindOf(step).describe(step);
  }

  apply(step: Step, scenario: Scenario): string | Promise<string> {
    return this.kindOf(step).apply(step, scenario);
  }

  private kindOf(step: Step): AnyStepKind<Scenario> {
    const kind = this.byOp.get(step.op);
    if (kind === undefined) throw new UnknownStepError(step.op);
    return kind;
  }
}

/**
 * Swarm testing (Groce et al., ISSTA 2012): each case first draws which kinds it may use,
 * then its steps from those alone, so some cases are all churn, some all reconnects, some
 * nothing but late chunks; `always` kinds are in every case's set.
 */
export function swarmSteps<Step extends { readonly op: string }, Scenario>(
  table: StepTable<Step, Scenario>,
  options: { readonly maxLength: number; readonly always?: readonly string[]; readonly leaveOut?: readonly string[] },
): fc.Arbitrary<Step[]> {
  const always = options.always ?? [];
  const leaveOut = options.leaveOut ?? [];
  const optional = table.ops.filter((op) => !always.includes(op) && !leaveOut.includes(op));
  return fc
    .subarray(optional, { minLength: 1 })
    .chain((ops) => fc.array(table.arbitrary([...always, ...ops]), { maxLength: options.maxLength, size: 'medium' }));
}
