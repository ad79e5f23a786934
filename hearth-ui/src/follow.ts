// Follows one statement or job until it ends: its Server-Sent Events (state and progress as they happen),
// then the full answer (manifest, result); polling when the event stream cannot be read.
import { useEffect, useState } from 'preact/hooks';
import { getJson, readEvents } from './api';
import { TERMINAL_STATES, type HearthEvent, type Progress, type Status } from './types';

export function useFollow<T extends { status: Status }>(path: string | null, initial: T | null) {
  const [current, setCurrent] = useState<T | null>(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setCurrent(initial);
    setError(null);
    if (!path) return;
    const abort = new AbortController();
    let finished = false;
    const refresh = async () => {
      const fresh = await getJson<T>(path, abort.signal);
      setCurrent(fresh);
      return fresh;
    };
    const poll = async () => {
      while (!abort.signal.aborted) {
        const fresh = await refresh();
        if (TERMINAL_STATES.has(fresh.status.state)) return;
        await new Promise((resolve) => setTimeout(resolve, 700));
      }
    };
    (async () => {
      const first = initial && !TERMINAL_STATES.has(initial.status.state) ? initial : await refresh();
      if (TERMINAL_STATES.has(first.status.state)) return;
      try {
        await readEvents(
          `${path}/events`,
          (sse) => {
            const event = JSON.parse(sse.data) as HearthEvent;
            setCurrent((previous) => (previous ? withEvent(previous, event) : previous));
            if (['SUCCEEDED', 'FAILED', 'CANCELED'].includes(event.type)) finished = true;
          },
          abort.signal,
        );
        await refresh();
        if (!finished) await poll();
      } catch (e) {
        if (abort.signal.aborted) return;
        await poll();
      }
    })().catch((e: Error) => {
      if (!abort.signal.aborted) setError(e.message);
    });
    return () => abort.abort();
  }, [path]);

  return { current, error, setCurrent };
}

function withEvent<T extends { status: Status }>(previous: T, event: HearthEvent): T {
  switch (event.type) {
    case 'QUEUED':
      return { ...previous, status: { ...previous.status, state: 'PENDING' } };
    case 'STARTED':
      return { ...previous, status: { ...previous.status, state: 'RUNNING' } };
    case 'PROGRESS':
      return {
        ...previous,
        status: { ...previous.status, state: 'RUNNING', progress: event.data as unknown as Progress },
      };
    default:
      return previous;
  }
}
