import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, postJson } from '../api';
import { StatementResult } from '../components/ResultTable';
import { SqlInput } from '../components/SqlInput';
import { ErrorNote, StateBadge, StatusLine } from '../components/Status';
import { useFollow } from '../follow';
import { formatDuration, formatTime } from '../format';
import { href, navigate } from '../router';
import { TERMINAL_STATES, type Statement, type StatementSummary } from '../types';
import { useLiveTick } from '../live';

const DRAFT_KEY = 'hearth.editor.draft';

export function EditorPage({ statementId }: { statementId: string | null }) {
  const [sql, setSql] = useState(() => sessionStorage.getItem(DRAFT_KEY) ?? 'select id, id * id as square from range(1000)');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const [history, setHistory] = useState<StatementSummary[]>([]);
  const tick = useLiveTick();
  const path = statementId ? `/v1/statements/${statementId}` : null;
  const { current, error } = useFollow<Statement>(path, null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const running = current !== null && !TERMINAL_STATES.has(current.status.state);

  useEffect(() => sessionStorage.setItem(DRAFT_KEY, sql), [sql]);
  useEffect(() => {
    getJson<{ statements: StatementSummary[] }>('/v1/statements?limit=20')
      .then((list) => setHistory(list.statements))
      .catch(() => undefined);
  }, [tick, current?.status.state]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [running]);
  useEffect(() => {
    // opened on a statement from elsewhere: show its SQL when the history knows it
    const known = history.find((s) => s.statement_id === statementId);
    if (known && startedAt === null) setSql(known.statement);
  }, [statementId, history.length > 0]);

  async function run(text = sql) {
    if (!text.trim()) return;
    setSubmitError(null);
    try {
      const statement = await postJson<Statement>('/v1/statements', { statement: text, wait_timeout: '0s' });
      setStartedAt(Date.now());
      navigate(`statements/${statement.statement_id}`);
    } catch (e) {
      setSubmitError((e as Error).message);
    }
  }

  async function cancel() {
    if (!statementId) return;
    try {
      await postJson(`/v1/statements/${statementId}/cancel`, {});
    } catch (e) {
      setSubmitError((e as Error).message);
    }
  }

  const summary = history.find((s) => s.statement_id === statementId);
  const elapsed = summary
    ? formatDuration((summary.finished_at ? new Date(summary.finished_at).getTime() : now) - new Date(summary.created_at).getTime())
    : startedAt && running
      ? formatDuration(now - startedAt)
      : undefined;

  return (
    <div class="editor-layout">
      <section class="editor" aria-labelledby="editor-title">
        <h1 id="editor-title">SQL editor</h1>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <label for="sql">Statement</label>
          <SqlInput
            id="sql"
            inputRef={editor}
            value={sql}
            onChange={setSql}
            onRun={() => run()}
            rows={8}
            describedBy="sql-hint"
          />
          <div class="toolbar">
            <button type="submit" class="primary">
              Run
            </button>
            <button type="button" onClick={cancel} disabled={!running}>
              Cancel
            </button>
            <span id="sql-hint" class="muted">
              Ctrl+Enter (⌘+Enter) runs the statement.
            </span>
          </div>
        </form>
        <ErrorNote error={submitError ?? error} />
        {current && (
          <div class="run" aria-label="Statement run">
            <p class="muted">
              Statement <code>{current.statement_id}</code>
            </p>
            <StatusLine status={current.status} elapsed={elapsed} />
            <StatementResult statement={current} />
          </div>
        )}
      </section>
      <aside class="history" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {history.length === 0 && <p class="muted">No statements yet.</p>}
        <ol>
          {history.map((s) => (
            <li key={s.statement_id} class={s.statement_id === statementId ? 'current' : undefined}>
              <a href={href(`statements/${s.statement_id}`)} title={s.statement}>
                <code>{s.statement.length > 80 ? `${s.statement.slice(0, 80)}…` : s.statement}</code>
              </a>
              <div class="meta">
                <StateBadge state={s.state} /> <span class="muted">{formatTime(s.created_at)}</span>
                <button
                  type="button"
                  class="small"
                  aria-label={`Re-run: ${s.statement.slice(0, 60)}`}
                  onClick={() => {
                    setSql(s.statement);
                    run(s.statement);
                  }}
                >
                  Re-run
                </button>
              </div>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}
