// Statements, sessions, jobs and batches: lists with filters, and detail views.
import { useEffect, useState } from 'preact/hooks';
import { getText, remove, postJson } from '../api';
import { DataTable, Filters, Pre, StateFilter, TextFilter, useResource } from '../components/Lists';
import { ResultTable } from '../components/ResultTable';
import { ErrorNote, StateBadge, StatusLine } from '../components/Status';
import { useFollow } from '../follow';
import { formatDuration, formatTime, shortId } from '../format';
import { useLiveTick } from '../live';
import { href, navigate } from '../router';
import type { Identity, Job, Session, StatementSummary, StatusError } from '../types';

const WORK_STATES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'CLOSED'];

function ownerQuery(me: Identity, owner: string): string {
  return me.admin && owner.trim() ? `&owner=${encodeURIComponent(owner.trim())}` : '';
}

function OwnerFilter({ me, owner, setOwner }: { me: Identity; owner: string; setOwner: (v: string) => void }) {
  return me.admin ? <TextFilter label="Owner" value={owner} onChange={setOwner} /> : null;
}

function took(created: string, finished: string | null): string {
  return finished ? formatDuration(new Date(finished).getTime() - new Date(created).getTime()) : '—';
}

export function StatementsPage({ me }: { me: Identity }) {
  const [state, setState] = useState('');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const tick = useLiveTick();
  const { data, error } = useResource<{ statements: StatementSummary[] }>(
    `/v1/statements?limit=200${state ? `&state=${state}` : ''}${ownerQuery(me, owner)}`,
    tick,
  );
  const rows = data?.statements.filter((s) => s.statement.toLowerCase().includes(text.toLowerCase())) ?? null;
  return (
    <section aria-labelledby="title">
      <h1 id="title">Statements</h1>
      <Filters>
        <StateFilter value={state} states={WORK_STATES} onChange={setState} />
        <TextFilter label="SQL contains" value={text} onChange={setText} />
        <OwnerFilter me={me} owner={owner} setOwner={setOwner} />
      </Filters>
      <ErrorNote error={error} />
      <DataTable
        caption="Statements, newest first"
        rows={rows}
        rowKey={(s) => s.statement_id}
        empty="No statements."
        columns={[
          { label: 'Statement', render: (s) => <a href={href(`statements/${s.statement_id}`)}><code>{s.statement.slice(0, 100)}</code></a> },
          { label: 'State', render: (s) => <StateBadge state={s.state} /> },
          { label: 'Owner', render: (s) => s.owner },
          { label: 'Created', render: (s) => formatTime(s.created_at) },
          { label: 'Took', render: (s) => took(s.created_at, s.finished_at) },
          { label: 'Rows', render: (s) => s.total_row_count ?? '—' },
          { label: 'Error', render: (s) => s.error?.error_code ?? '' },
        ]}
      />
    </section>
  );
}


export function SessionsPage({ me }: { me: Identity }) {
  const [owner, setOwner] = useState('');
  const [state, setState] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const tick = useLiveTick();
  const { data, error, reload } = useResource<{ sessions: Session[] }>(`/v1/sessions?limit=200${ownerQuery(me, owner)}`, tick);
  const rows = data?.sessions.filter((s) => !state || s.state === state) ?? null;
  return (
    <section aria-labelledby="title">
      <h1 id="title">Sessions</h1>
      <Filters>
        <StateFilter value={state} states={['OPEN', 'CLOSED']} onChange={setState} />
        <OwnerFilter me={me} owner={owner} setOwner={setOwner} />
        <button
          type="button"
          onClick={() => {
            // opening starts (or finds) the session's engine: a few seconds when one must start
            setMessage('Opening a session…');
            postJson<Session>('/v1/sessions', {})
              .then((s) => navigate(`sessions/${s.session_id}`))
              .catch((e: Error) => setMessage(e.message));
          }}
        >
          Open a session
        </button>
      </Filters>
      {message && <p role="status">{message}</p>}
      <ErrorNote error={error} />
      <DataTable
        caption="Sessions"
        rows={rows}
        rowKey={(s) => s.session_id}
        empty="No sessions."
        columns={[
          { label: 'Session', render: (s) => <a href={href(`sessions/${s.session_id}`)}><code>{shortId(s.session_id)}</code></a> },
          { label: 'State', render: (s) => <StateBadge state={s.state} /> },
          { label: 'Owner', render: (s) => s.owner },
          { label: 'Context', render: (s) => s.context },
          { label: 'Engine', render: (s) => (s.engine_id ? <a href={href('engines')}>{s.engine_id}</a> : '—') },
          { label: 'Created', render: (s) => formatTime(s.created_at) },
          { label: 'Last used', render: (s) => formatTime(s.last_used_at) },
          { label: 'Closed', render: (s) => (s.closed_at ? `${formatTime(s.closed_at)} (${s.close_reason})` : '—') },
          {
            label: 'Actions',
            render: (s) =>
              s.state === 'OPEN' ? (
                <button
                  type="button"
                  class="small danger"
                  onClick={() => remove(`/v1/sessions/${s.session_id}`).then(reload).catch((e: Error) => setMessage(e.message))}
                >
                  Close
                </button>
              ) : null,
          },
        ]}
      />
    </section>
  );
}

interface JobSummary {
  job_id: string;
  function: string;
  state: string;
  owner: string;
  created_at: string;
  finished_at: string | null;
  error: StatusError | null;
}

export function JobsPage({ me }: { me: Identity }) {
  const [state, setState] = useState('');
  const [fn, setFn] = useState('');
  const [owner, setOwner] = useState('');
  const tick = useLiveTick();
  const { data, error } = useResource<{ jobs: JobSummary[] }>(
    `/v1/jobs?limit=200${state ? `&state=${state}` : ''}${ownerQuery(me, owner)}`,
    tick,
  );
  const rows = data?.jobs.filter((j) => j.function.includes(fn)) ?? null;
  return (
    <section aria-labelledby="title">
      <h1 id="title">Jobs</h1>
      <Filters>
        <StateFilter value={state} states={WORK_STATES} onChange={setState} />
        <TextFilter label="Function" value={fn} onChange={setFn} />
        <OwnerFilter me={me} owner={owner} setOwner={setOwner} />
      </Filters>
      <ErrorNote error={error} />
      <DataTable
        caption="Jobs, newest first"
        rows={rows}
        rowKey={(j) => j.job_id}
        empty="No jobs. Run one from a function's form."
        columns={[
          { label: 'Job', render: (j) => <a href={href(`jobs/${j.job_id}`)}><code>{shortId(j.job_id)}</code></a> },
          { label: 'Function', render: (j) => <a href={href(`functions/${j.function}`)}>{j.function}</a> },
          { label: 'State', render: (j) => <StateBadge state={j.state} /> },
          { label: 'Owner', render: (j) => j.owner },
          { label: 'Created', render: (j) => formatTime(j.created_at) },
          { label: 'Took', render: (j) => took(j.created_at, j.finished_at) },
          { label: 'Error', render: (j) => j.error?.error_code ?? '' },
        ]}
      />
    </section>
  );
}

export function JobDetail({ jobId }: { jobId: string }) {
  const { current, error } = useFollow<Job>(`/v1/jobs/${jobId}`, null);
  const [log, setLog] = useState<string | null>(null);
  const state = current?.status.state;
  useEffect(() => {
    getText(`/v1/jobs/${jobId}/log?max_bytes=65536`)
      .then((text) => setLog(text || '(no log lines)'))
      .catch((e: Error) => setLog(e.message));
  }, [jobId, state]);
  return (
    <section aria-labelledby="title">
      <h1 id="title">
        Job <code>{jobId}</code>
      </h1>
      <ErrorNote error={error} />
      {current && (
        <>
          <p>
            Function <a href={href(`functions/${current.function}`)}>{current.function}</a>
          </p>
          <StatusLine status={current.status} />
          {state && !['SUCCEEDED', 'FAILED', 'CANCELED'].includes(state) && (
            <button type="button" onClick={() => postJson(`/v1/jobs/${jobId}/cancel`, {})}>
              Cancel
            </button>
          )}
          <h2>Parameters</h2>
          <pre class="json" aria-label="Parameters">{JSON.stringify(current.parameters, null, 2)}</pre>
          {state === 'SUCCEEDED' && (
            <>
              <h2>Result</h2>
              {current.manifest ? (
                <ResultTable
                  base={`/v1/jobs/${jobId}`}
                  manifest={current.manifest}
                  inline={current.result}
                  fileStem={`job-${jobId.slice(0, 8)}`}
                />
              ) : (
                <pre class="json" aria-label="Result value" data-testid="job-value">
                  {JSON.stringify(current.value, null, 2)}
                </pre>
              )}
            </>
          )}
          <h2>Log</h2>
          <Pre text={log} label="Job log" />
        </>
      )}
    </section>
  );
}

interface Batch {
  batch_id: string;
  owner: string;
  state: string;
  artifact_id: string;
  class_name: string;
  args: string[];
  conf: Record<string, string>;
  pid: number | null;
  exit_code: number | null;
  error: { error_code: string; message: string } | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export function BatchesPage({ me }: { me: Identity }) {
  const [state, setState] = useState('');
  const [owner, setOwner] = useState('');
  const tick = useLiveTick();
  const { data, error } = useResource<{ batches: Batch[] }>(`/v1/batches?limit=200${ownerQuery(me, owner)}`, tick);
  const rows = data?.batches.filter((b) => !state || b.state === state) ?? null;
  return (
    <section aria-labelledby="title">
      <h1 id="title">Batches</h1>
      <Filters>
        <StateFilter value={state} states={['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'KILLED']} onChange={setState} />
        <OwnerFilter me={me} owner={owner} setOwner={setOwner} />
      </Filters>
      <ErrorNote error={error} />
      <DataTable
        caption="Batches, newest first"
        rows={rows}
        rowKey={(b) => b.batch_id}
        empty="No batches."
        columns={[
          { label: 'Batch', render: (b) => <a href={href(`batches/${b.batch_id}`)}><code>{shortId(b.batch_id)}</code></a> },
          { label: 'Class', render: (b) => <code>{b.class_name}</code> },
          { label: 'State', render: (b) => <StateBadge state={b.state} /> },
          { label: 'Owner', render: (b) => b.owner },
          { label: 'Created', render: (b) => formatTime(b.created_at) },
          { label: 'Exit', render: (b) => b.exit_code ?? '—' },
        ]}
      />
    </section>
  );
}

export function BatchDetail({ batchId }: { batchId: string }) {
  const tick = useLiveTick(5000);
  const { data: batch, error } = useResource<Batch>(`/v1/batches/${batchId}`, tick);
  const [log, setLog] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    getText(`/v1/batches/${batchId}/log?lines=200`)
      .then((text) => setLog(text || '(no output yet)'))
      .catch((e: Error) => setLog(e.message));
  }, [batchId, tick]);
  return (
    <section aria-labelledby="title">
      <h1 id="title">
        Batch <code>{batchId}</code>
      </h1>
      <ErrorNote error={error ?? message} />
      {batch && (
        <>
          <dl class="facts">
            <dt>State</dt>
            <dd><StateBadge state={batch.state} /></dd>
            <dt>Class</dt>
            <dd><code>{batch.class_name}</code></dd>
            <dt>Arguments</dt>
            <dd><code>{JSON.stringify(batch.args)}</code></dd>
            <dt>Artifact</dt>
            <dd><code>{batch.artifact_id}</code></dd>
            <dt>Started</dt>
            <dd>{formatTime(batch.started_at)}</dd>
            <dt>Finished</dt>
            <dd>{formatTime(batch.finished_at)}</dd>
            <dt>Exit code</dt>
            <dd>{batch.exit_code ?? '—'}</dd>
          </dl>
          {batch.error && <p class="error">{batch.error.error_code}: {batch.error.message}</p>}
          {(batch.state === 'PENDING' || batch.state === 'RUNNING') && (
            <button type="button" class="danger" onClick={() => remove(`/v1/batches/${batchId}`).catch((e: Error) => setMessage(e.message))}>
              Kill
            </button>
          )}
        </>
      )}
      <h2>Log (last 200 lines)</h2>
      <Pre text={log} label="Batch log" />
    </section>
  );
}
