// One session: its facts, its statements, a SQL box that runs statements in it (its temp views and SQL conf
// stay between them), and closing it.
import { useState } from 'preact/hooks';
import { postJson, remove } from '../api';
import { DataTable, useResource } from '../components/Lists';
import { StatementResult } from '../components/ResultTable';
import { SqlInput } from '../components/SqlInput';
import { ErrorNote, StateBadge, StatusLine } from '../components/Status';
import { useFollow } from '../follow';
import { formatTime } from '../format';
import { useLiveTick } from '../live';
import { href } from '../router';
import type { Identity, Session, Statement, StatementSummary } from '../types';

/** The session's latest statements the page lists (GET /v1/statements?session_id=). */
const LISTED = 200;

export function SessionDetail({ me, sessionId }: { me: Identity; sessionId: string }) {
  const tick = useLiveTick(5000);
  const [runId, setRunId] = useState<string | null>(null);
  const [sql, setSql] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { current, error: followError } = useFollow<Statement>(runId ? `/v1/statements/${runId}` : null, null);
  const { data: session, error, reload } = useResource<Session>(`/v1/sessions/${sessionId}`, tick);
  const owner = session?.owner;
  const { data: list } = useResource<{ statements: StatementSummary[] }>(
    owner
      ? `/v1/statements?session_id=${encodeURIComponent(sessionId)}&limit=${LISTED}${
          me.admin && owner !== me.user ? `&owner=${encodeURIComponent(owner)}` : ''
        }`
      : null,
    tick + (current?.status.state === 'SUCCEEDED' ? 1000 : 0),
  );
  const statements = list?.statements ?? null;
  const open = session?.state === 'OPEN';

  async function run() {
    if (!sql.trim()) return;
    setBusy(true);
    setMessage(null);
    try {
      const statement = await postJson<Statement>('/v1/statements', {
        statement: sql,
        session_id: sessionId,
        wait_timeout: '0s',
      });
      setRunId(statement.statement_id);
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setMessage('Closing the session…');
    remove(`/v1/sessions/${sessionId}`)
      .then(() => setMessage('Closed.'))
      .then(reload)
      .catch((e: Error) => setMessage(e.message));
  }

  return (
    <section aria-labelledby="title">
      <h1 id="title">
        Session <code>{sessionId}</code>
      </h1>
      <ErrorNote error={error} />
      {session && (
        <>
          <dl class="facts" data-testid="session-facts">
            <dt>State</dt>
            <dd>
              <StateBadge state={session.state} />
            </dd>
            <dt>Owner</dt>
            <dd>{session.owner}</dd>
            <dt>Context</dt>
            <dd>
              <a href={href(`contexts/${session.context}`)}>{session.context}</a>
            </dd>
            <dt>Engine</dt>
            <dd>{session.engine_id ? <a href={href('engines')}>{session.engine_id}</a> : '—'}</dd>
            <dt>Spark conf</dt>
            <dd>
              {Object.keys(session.conf).length ? (
                <code>{Object.entries(session.conf).map(([k, v]) => `${k}=${v}`).join(', ')}</code>
              ) : (
                '—'
              )}
            </dd>
            <dt>Created</dt>
            <dd>{formatTime(session.created_at)}</dd>
            <dt>Last activity</dt>
            <dd>{formatTime(session.last_used_at)}</dd>
            <dt>Statements</dt>
            <dd>{session.statement_count ?? '—'}</dd>
            <dt>Closed</dt>
            <dd>{session.closed_at ? `${formatTime(session.closed_at)} (${session.close_reason})` : '—'}</dd>
          </dl>
          {open && (
            <button type="button" class="danger" onClick={close}>
              Close session
            </button>
          )}
          {message && (
            <p role="status" class="note">
              {message}
            </p>
          )}
          {open && session.owner === me.user && (
            <form
              class="session-sql"
              onSubmit={(e) => {
                e.preventDefault();
                run();
              }}
            >
              <h2>
                <label for="session-sql">Run in this session</label>
              </h2>
              <SqlInput
                id="session-sql"
                value={sql}
                onChange={setSql}
                onRun={run}
                rows={4}
                describedBy="session-sql-hint"
                placeholder="create temporary view v as select 42 as answer"
              />
              <div class="toolbar">
                <button type="submit" class="primary" disabled={busy}>
                  Run
                </button>
                <span id="session-sql-hint" class="muted">
                  Temp views and SQL conf set here stay for the session's next statements. Ctrl+Enter (⌘+Enter) runs.
                </span>
              </div>
            </form>
          )}
          {open && session.owner !== me.user && (
            <p class="muted">Only {session.owner} runs statements in this session (its engine runs as them).</p>
          )}
          <ErrorNote error={followError} />
          {current && (
            <div class="run" aria-label="Statement run">
              <p class="muted">
                Statement <a href={href(`statements/${current.statement_id}`)}><code>{current.statement_id}</code></a>
              </p>
              <StatusLine status={current.status} />
              <StatementResult statement={current} />
            </div>
          )}
          <h2>Its statements</h2>
          <p class="muted">The latest {LISTED}.</p>
          <DataTable
            caption="Statements of this session, newest first"
            rows={statements}
            rowKey={(s) => s.statement_id}
            empty="No statements in this session yet."
            columns={[
              {
                label: 'Statement',
                render: (s) => (
                  <a href={href(`statements/${s.statement_id}`)}>
                    <code>{s.statement.slice(0, 100)}</code>
                  </a>
                ),
              },
              { label: 'State', render: (s) => <StateBadge state={s.state} /> },
              { label: 'Created', render: (s) => formatTime(s.created_at) },
              { label: 'Rows', render: (s) => s.total_row_count ?? '—' },
              { label: 'Error', render: (s) => s.error?.error_code ?? '' },
            ]}
          />
        </>
      )}
    </section>
  );
}
