import { describe, expect, it } from 'vitest';
import { childJob } from '../../../src/child/ChildJob.js';
import { runInChild } from '../../../src/child/runInChild.js';
import { InterruptedError, JobFailedError } from '../../../src/errors.js';

const FIXTURES = new URL('./fixtures/childJobs.ts', import.meta.url).href;

describe('runInChild', () => {
  it('passes the request and brings back progress and the result', async () => {
    const progress: string[] = [];
    const result = await runInChild(
      childJob<{ n: number }, number, string>(FIXTURES, 'double'),
      { n: 21 },
      {
        timeoutMs: 30_000,
        onProgress: (event) => progress.push(event),
      },
    );
    expect(result).toBe(42);
    expect(progress).toEqual(['doubling 21']);
  });

  it('takes a child dead of SIGINT for a stop, not for a broken job', async () => {
    const run = runInChild(childJob<undefined, never, never>(FIXTURES, 'dieOfSigint'), undefined, {
      timeoutMs: 30_000,
    });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    await expect(run).rejects.toMatchObject({ signal: 'SIGINT', exitCode: 130 });
  });

  it('reports a child that exits by itself as a failed job', async () => {
    const run = runInChild(childJob<undefined, never, never>(FIXTURES, 'exitWithThree'), undefined, {
      timeoutMs: 30_000,
    });
    await expect(run).rejects.toBeInstanceOf(JobFailedError);
    await expect(run).rejects.toThrow(/exited with 3/);
  });

  it('reports a child killed at its time limit as a job that ran too long, not as a stop', async () => {
    const run = runInChild(childJob<undefined, never, never>(FIXTURES, 'neverEnds'), undefined, {
      timeoutMs: 3_000,
    });
    await expect(run).rejects.toBeInstanceOf(JobFailedError);
    await expect(run).rejects.toThrow(/ran past its 3 s limit and was killed/);
  });
});
