// Engines and queue over time, sampled by the browser from /v1/engines and the caller's statements every
// 5 s while the console is open (the gateway keeps no history of its own; /metrics is for Prometheus).
import { getJson } from './api';
import type { Engine, StatementSummary } from './types';

export interface Sample {
  time: number;
  liveEngines: number;
  busyEngines: number;
  running: number;
  pending: number;
}

const LIVE = new Set(['STARTING', 'IDLE', 'BUSY']);
const MAX_SAMPLES = 720;
export const samples: Sample[] = [];
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

async function sample(): Promise<void> {
  try {
    const [engines, pending] = await Promise.all([
      getJson<{ engines: Engine[] }>('/v1/engines'),
      getJson<{ statements: StatementSummary[] }>('/v1/statements?state=PENDING&limit=1000'),
    ]);
    samples.push({
      time: Date.now() / 1000,
      liveEngines: engines.engines.filter((e) => LIVE.has(e.state)).length,
      busyEngines: engines.engines.filter((e) => e.state === 'BUSY').length,
      running: engines.engines.reduce((sum, e) => sum + e.running_statements, 0),
      pending: pending.statements.length,
    });
    if (samples.length > MAX_SAMPLES) samples.shift();
    listeners.forEach((listener) => listener());
  } catch {
    // signed out or the gateway is away: the next sample tries again
  }
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
}

export function onSample(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
