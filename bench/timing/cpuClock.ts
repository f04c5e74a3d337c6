/**
 * The process's CPU time (user and system), in ms: tinybench's clock for every timed
 * figure. Wall time counts the stretches a busy machine hands the core to someone else,
 * and on 2 cores shared by 4 jobs that is most of it; CPU time counts only what this
 * process ran, to the microsecond on Linux.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
}
