import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';
import { announced } from './announced.js';
import { applied } from './applied.js';
import { bounded } from './bounded.js';
import { convergence } from './convergence.js';
import { cost } from './cost.js';
import { final } from './final.js';
import { footprint } from './footprint.js';
import { forgotten } from './forgotten.js';
import { freed } from './freed.js';
import { heard } from './heard.js';
import { inert } from './inert.js';
import { justified } from './justified.js';
import { ledger } from './ledger.js';
import { progress } from './progress.js';
import { prompt } from './prompt.js';
import { resynced } from './resynced.js';
import { robustness } from './robustness.js';
import { safety } from './safety.js';
import { sorted } from './sorted.js';
import { timely } from './timely.js';
import { unstalled } from './unstalled.js';

export const ROUTER_INVARIANTS = {
  freed,
  bounded,
  convergence,
  safety,
  progress,
  robustness,
  inert,
  justified,
  cost,
  final,
  ledger,
  sorted,
  prompt,
  announced,
  timely,
  resynced,
  applied,
  footprint,
  unstalled,
  heard,
  forgotten,
} as const satisfies Readonly<Record<string, Invariant<RouterScenario>>>;

export type RouterInvariantName = keyof typeof ROUTER_INVARIANTS;

export const ROUTER_INVARIANT_NAMES = Object.keys(ROUTER_INVARIANTS) as RouterInvariantName[];

export function isRouterInvariantName(name: string): name is RouterInvariantName {
  return Object.hasOwn(ROUTER_INVARIANTS, name);
}
