import type { Status } from '../types';

export function StateBadge({ state }: { state: string }) {
  return <span class={`badge state-${state.toLowerCase()}`}>{state}</span>;
}

export function StatusLine({ status, elapsed }: { status: Status; elapsed?: string }) {
  const progress = status.progress;
  return (
    <div class="status" role="status" aria-live="polite">
      <StateBadge state={status.state} />
      {elapsed && <span class="muted">{elapsed}</span>}
      {progress && progress.tasks_total > 0 && (
        <label class="progress">
          <span>
            Stages {progress.stages_completed}/{progress.stages_total}, tasks {progress.tasks_completed}/
            {progress.tasks_total}
          </span>
          <progress max={progress.tasks_total} value={progress.tasks_completed} />
        </label>
      )}
      {progress?.message && <span class="muted">{progress.message}</span>}
      {status.error && (
        <p class="error" role="alert">
          <strong>{status.error.error_code}</strong>: {status.error.message}
        </p>
      )}
    </div>
  );
}

export function ErrorNote({ error }: { error: string | null }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}
