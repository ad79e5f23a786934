// Engines and queue over time, sampled by the browser from GET /v1/pool (the gateway's own counts over all
// users) every 5 s while the console is open: the gateway keeps no history of its own; /metrics is for Prometheus.
import { getJson } from './api';
import type { PoolStatus } from './types';

export interface Sample {
  time: number;
  liveEngines: number;
  busyEngines: number;
  queueLength: number;
  admitted: number;
}

const MAX_SAMPLES = 720;
export const samples: Sample[] = [];
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();
let latest: PoolStatus | null = null;

export function liveEngines(pool: PoolStatus): number {
  return (pool.engines.STARTING ?? 0) + (pool.engines.IDLE ?? 0) + (pool.engines.BUSY ?? 0);
}

async function sample(): Promise<void> {
  try {
    const pool = await getJson<PoolStatus>('/v1/pool');
    latest = pool;
    samples.push({
      time: new Date(pool.sampled_at).getTime() / 1000,
      liveEngines: liveEngines(pool),
      busyEngines: pool.engines.BUSY ?? 0,
      queueLength: pool.queue_length,
      admitted: pool.admitted,
    });
    if (samples.length > MAX_SAMPLES) samples.shift();
    listeners.forEach((listener) => listener());
  } catch {
    // signed out or the gateway is away: the next sample tries again
  }
}

/** The last pool counts read, or null before the first. */
export function latestPool(): PoolStatus | null {
  return latest;
}

export function startSampling(): void {
  if (timer) return;
  sample();
  timer = setInterval(sample, 5000);
}

export function stopSampling(): void {
  if (timer) clearInterval(timer);
  timer = null;
  samples.length = 0;
  latest = null;
}

export function onSample(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
