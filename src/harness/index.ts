/**
 * The harness as code outside it uses it: systems, the engine's runner and replay,
 * invariants and steps by system, and the helpers commands and soaks share. Code
 * outside `src/harness` imports from here only (a layer rule checks it); inside,
 * modules import each other directly.
 */

export { allOf } from './engine/allOf.js';
export {
  CI_RUNS,
  CI_SEED,
  MIN_RUNS_FOR_A_VERDICT,
  NIGHTLY_RUNS_DEFAULT,
  parseRuns,
  parseSeed,
  randomSeed,
  runsFromEnvironment,
  SEED_RANGE,
  seedFromEnvironment,
} from './engine/budget.js';
export type { PropertyResult } from './engine/checkProperty.js';
export { checkProperty, HEAP_CHECK_BATCH } from './engine/checkProperty.js';
export { assertHeapVerdictsPossible, collectGarbage } from './engine/collectGarbage.js';
export { currentCommit } from './engine/commit.js';
export type { Counterexample } from './engine/counterexample/CounterexampleFile.js';
export {
  COUNTEREXAMPLE_FORMAT,
  CounterexampleFileError,
  MAX_COUNTEREXAMPLE_BYTES,
  writeCounterexample,
} from './engine/counterexample/CounterexampleFile.js';
export type { CoverageRow, CoverageTally } from './engine/coverage.js';
export { coverageRows, MIN_CASES_FOR_COVERAGE, mergeTallies, missedCoverage } from './engine/coverage.js';
export { counterexampleLines, propertyHeadline } from './engine/formatPropertyResult.js';
export type { CaseJudge, Invariant } from './engine/Invariant.js';
export type { IntegerRange } from './engine/integers.js';
export { parseInteger } from './engine/integers.js';
export type { KindCount } from './engine/lifecycle/LifecycleWatcher.js';
export { LifecycleWatcher, SURVIVAL_ROUNDS } from './engine/lifecycle/LifecycleWatcher.js';
export type { AnyModelSystem, TraceColumn } from './engine/ModelSystem.js';
export { emitRegressionTest } from './engine/replay/emitRegressionTest.js';
export { formatReplay } from './engine/replay/formatReplay.js';
export type { ReplayResult } from './engine/replay/replayCounterexample.js';
export { replayCounterexample } from './engine/replay/replayCounterexample.js';
export type { TraceEntry } from './engine/runCase.js';
export { runCase } from './engine/runCase.js';
export { DurationError, formatClock, parseDuration } from './parseDuration.js';
export { cacheSystem } from './parts/cache/CacheSystem.js';
export { cacheIdArbitrary } from './parts/cache/cacheSteps.js';
export { channelSystem } from './parts/channel/ChannelSystem.js';
export { controllerSystem } from './parts/controller/ControllerSystem.js';
export { isFullSyncChunk, syncStateOf } from './parts/controller/fullSyncChunks.js';
export { eventsSystem } from './parts/events/EventsSystem.js';
export { gateSystem } from './parts/gate/GateSystem.js';
export { syncIdArbitrary } from './parts/gate/gateSteps.js';
export { handlingSystem } from './parts/handling/HandlingSystem.js';
export { loopSystem } from './parts/loop/LoopSystem.js';
export { COMPACTED } from './parts/queue/QueueScenario.js';
export { queueSystem } from './parts/queue/QueueSystem.js';
export { timedLoopSystem } from './parts/timedLoop/TimedLoopSystem.js';
export { trackerSystem } from './parts/tracker/TrackerSystem.js';
export { COVERAGE, COVERAGE_TARGETS } from './router/coverage.js';
export { CATCH_RUNS, EXPECTED_BENCH_FLAGS, EXPECTED_CATCHES } from './router/faultExpectations.js';
export type { FuzzReport } from './router/fuzz/FuzzReport.js';
export { crashCount, formatErrorTable, formatFuzzTable, fuzzFailed } from './router/fuzz/FuzzReport.js';
export { fuzzRouter } from './router/fuzz/fuzzRouter.js';
export type { ExpectedSyncHeaders } from './router/hostile/messageDefects.js';
export { messageDefectCase } from './router/hostile/messageDefects.js';
export { watchAnnouncements } from './router/invariants/announced.js';
export type { RouterInvariantName } from './router/invariants/index.js';
export { ROUTER_INVARIANT_NAMES, ROUTER_INVARIANTS } from './router/invariants/index.js';
export type { AnnouncementShadow } from './router/invariants/observers/AnnouncementShadow.js';
export type { RouterParams } from './router/params.js';
export { RouterScenario } from './router/RouterScenario.js';
export { routerSystem } from './router/RouterSystem.js';
export type { SyncSystem } from './router/SyncSystem.js';
export { createSyncSystem } from './router/SyncSystem.js';
export type { RouterStep } from './router/steps/index.js';
export { ROUTER_STEPS } from './router/steps/index.js';
export { waitForQuiescence } from './router/waitForQuiescence.js';
export { CannotJudgeError } from './store/invariants/freed.js';
export type { StoreInvariantName } from './store/invariants/index.js';
export { STORE_INVARIANT_NAMES, STORE_INVARIANTS } from './store/invariants/index.js';
export { postgresOnDemand, stopPostgresOnDemand } from './store/postgresOnDemand.js';
export { stopRedisOnDemand } from './store/redisOnDemand.js';
export { SessionModel } from './store/SessionModel.js';
export { RACES } from './store/StoreScenario.js';
export type { StoreOp, StoreStep } from './store/StoreStep.js';
export type { StoreParams } from './store/StoreSystem.js';
export { createStoreSystem, DEFAULT_STORE_PARAMS, storeSystem } from './store/StoreSystem.js';
export { STORE_CHECK_RUNS, STORE_EXPECTATIONS } from './store/storeExpectations.js';
export { serverContextFor, stopStoreServers } from './store/storeServers.js';
export { VIRTUAL_EPOCH_MS, VirtualClock } from './store/VirtualClock.js';
export { readCounterexampleFile, systemNamed } from './systems.js';
