// Live updates: one stream of the caller's events (GET /v1/events) for the whole page; pages re-read their
// lists when an event arrives. If the stream cannot be read, a timer ticks instead (polling).
import { useEffect, useState } from 'preact/hooks';
import { readEvents } from './api';
import type { HearthEvent } from './types';

type Listener = (event: HearthEvent | null) => void;
const listeners = new Set<Listener>();
let controller: AbortController | null = null;

export function startLiveEvents(): void {
  stopLiveEvents();
  const abort = new AbortController();
  controller = abort;
  (async () => {
    let failures = 0;
    let lastEventId: string | null = null;
    while (!abort.signal.aborted) {
      try {
        const path: string = lastEventId ? `/v1/events?last_event_id=${lastEventId}` : '/v1/events';
        await readEvents(
          path,
          (sse) => {
            failures = 0;
            if (sse.id) lastEventId = sse.id;
            const event = JSON.parse(sse.data) as HearthEvent;
            listeners.forEach((listener) => listener(event));
          },
          abort.signal,
        );
      } catch {
        failures++;
      }
      if (abort.signal.aborted) return;
      // polling meanwhile: lists refresh on the tick, the stream is tried again, backing off
      listeners.forEach((listener) => listener(null));
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 2000 * 2 ** Math.min(failures, 4))));
    }
  })();
}

export function stopLiveEvents(): void {
  controller?.abort();
  controller = null;
}

export function onLiveEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A number that changes (at most every 400 ms) when an event arrives or every `pollMs` otherwise. */
export function useLiveTick(pollMs = 15_000): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const bump = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        setTick((t) => t + 1);
      }, 400);
    };
    const unsubscribe = onLiveEvent(bump);
    const timer = setInterval(bump, pollMs);
    return () => {
      unsubscribe();
      clearInterval(timer);
      if (pending) clearTimeout(pending);
    };
  }, [pollMs]);
  return tick;
}
