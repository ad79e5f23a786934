import { useEffect, useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { getJson, getText, remove } from '../api';
import { Chart } from '../components/Chart';
import { DataTable, Filters, Pre, StateFilter, TextFilter, useResource } from '../components/Lists';
import { ErrorNote, StateBadge } from '../components/Status';
import { age, formatBytes, formatDuration } from '../format';
import { useLiveTick } from '../live';
import { latestPool, liveEngines, onSample, samples } from '../samples';
import type { Engine, Manifest, StatementSummary } from '../types';

export function EnginesPage() {
  const tick = useLiveTick(5000);
  const { data, error, reload } = useResource<{ engines: Engine[] }>('/v1/engines', tick);
  const [state, setState] = useState('');
  const [key, setKey] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [log, setLog] = useState<{ id: string; text: string | null } | null>(null);
  const rows =
    data?.engines.filter((e) => (!state || e.state === state) && (e.share_key + (e.user ?? '')).includes(key)) ?? null;

  function stop(engine: Engine) {
    if (!confirm(`Stop engine ${engine.engine_id}? Its running statements fail with ENGINE_LOST.`)) return;
    setMessage(`Stopping ${engine.engine_id}…`);
    remove(`/v1/engines/${engine.engine_id}`)
      .then(() => setMessage(`Stopped ${engine.engine_id}.`))
      .then(reload)
      .catch((x: Error) => setMessage(x.message));
  }

  return (
    <section aria-labelledby="title">
      <h1 id="title">Engines</h1>
      <Filters>
        <StateFilter value={state} states={['STARTING', 'IDLE', 'BUSY', 'STOPPING', 'STOPPED', 'LOST', 'FAILED']} onChange={setState} />
        <TextFilter label="Key or user" value={key} onChange={setKey} />
      </Filters>
      {message && <p role="status" class="note">{message}</p>}
      <ErrorNote error={error} />
      <DataTable
        caption="Engines"
        rows={rows}
        rowKey={(e) => e.engine_id}
        empty="No engines: one starts with the first statement that needs it."
        columns={[
          { label: 'Engine', render: (e) => <code>{e.engine_id}</code> },
          { label: 'State', render: (e) => <StateBadge state={e.state} /> },
          { label: 'Key', render: (e) => <code>{e.share_key}</code> },
          { label: 'Runs as', render: (e) => e.user ?? '—' },
          { label: 'Age', render: (e) => age(e.started_at) },
          { label: 'Idle for', render: (e) => (e.state === 'IDLE' ? age(e.last_used_at) : '—') },
          {
            label: 'Load',
            render: (e) => (
              <span title="running statements / most at once; open sessions">
                {e.running_statements}/{e.max_concurrent} · {e.open_sessions} session{e.open_sessions === 1 ? '' : 's'}
              </span>
            ),
          },
          {
            label: 'Spark UI',
            render: (e) =>
              e.spark_ui_url ? (
                <a href={e.spark_ui_url} target="_blank" rel="noopener noreferrer">
                  Spark UI<span class="visually-hidden"> of {e.engine_id} (opens a new tab)</span>
                </a>
              ) : (
                '—'
              ),
          },
          {
            label: 'Actions',
            render: (e) => (
              <span class="actions">
                <button
                  type="button"
                  class="small"
                  aria-label={`Log of ${e.engine_id}`}
                  onClick={() => {
                    setLog({ id: e.engine_id, text: null });
                    getText(`/v1/engines/${e.engine_id}/log?lines=200`)
                      .then((text) => setLog({ id: e.engine_id, text }))
                      .catch((x: Error) => setLog({ id: e.engine_id, text: x.message }));
                  }}
                >
                  Log
                </button>
                {['STARTING', 'IDLE', 'BUSY'].includes(e.state) && (
                  <button type="button" class="small danger" aria-label={`Stop ${e.engine_id}`} onClick={() => stop(e)}>
                    Stop
                  </button>
                )}
              </span>
            ),
          },
        ]}
      />
      {log && (
        <>
          <h2>Log of {log.id} (last 200 lines)</h2>
          <Pre text={log.text} label={`Log of ${log.id}`} />
        </>
      )}
      <PoolFacts />
      <EngineChart />
    </section>
  );
}

/** The gateway's pool as of the last sample: counts over every user, not only the engines listed above. */
function PoolFacts() {
  const [, setVersion] = useState(0);
  useEffect(() => onSample(() => setVersion((v) => v + 1)), []);
  const pool = latestPool();
  if (!pool) return null;
  return (
    <>
      <h2>The gateway's pool</h2>
      <dl class="facts" data-testid="pool">
        <dt>Waiting for an engine</dt>
        <dd data-testid="pool-queue">{pool.queue_length}</dd>
        <dt>Admitted, not yet on an engine</dt>
        <dd data-testid="pool-admitted">
          {pool.admitted} of at most {pool.queue_max_size}
        </dd>
        <dt>Live engines</dt>
        <dd data-testid="pool-live">
          {liveEngines(pool)} of at most {pool.max_total} ({pool.engines.STARTING ?? 0} starting, {pool.engines.IDLE ?? 0}{' '}
          idle, {pool.engines.BUSY ?? 0} busy)
        </dd>
      </dl>
      <p class="muted">Counted over all users' work; the list above shows only the engines serving you.</p>
    </>
  );
}

function EngineChart() {
  const [version, setVersion] = useState(0);
  useEffect(() => onSample(() => setVersion((v) => v + 1)), []);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(2, max + 1)] } },
      series: [
        {},
        { label: 'live engines', stroke: '#1864ab', width: 2 },
        { label: 'busy engines', stroke: '#d9480f', width: 2 },
        { label: 'waiting for an engine', stroke: '#862e9c', width: 2, dash: [4, 4] },
        { label: 'admitted, not on an engine', stroke: '#2b8a3e', width: 2 },
      ],
      axes: [{}, { label: 'count' }],
    }),
    [],
  );
  const data = useMemo<uPlot.AlignedData>(
    () => [
      samples.map((s) => s.time),
      samples.map((s) => s.liveEngines),
      samples.map((s) => s.busyEngines),
      samples.map((s) => s.queueLength),
      samples.map((s) => s.admitted),
    ],
    [version],
  );
  const last = samples[samples.length - 1];
  return (
    <Chart
      title="The gateway's engines and admission queue (all users), sampled every 5 s since this page opened"
      summary={
        last
          ? `${samples.length} samples; now ${last.liveEngines} live engines, ${last.busyEngines} busy, ${last.queueLength} requests waiting for an engine, ${last.admitted} admitted and not yet on one.`
          : 'No sample yet.'
      }
      options={options}
      data={data}
    />
  );
}

export function ChartsPage() {
  const tick = useLiveTick(30_000);
  const { data, error } = useResource<{ statements: StatementSummary[] }>('/v1/statements?limit=500', tick);
  const [served, setServed] = useState<{ time: number; rows: number; bytes: number }[]>([]);
  const finished = useMemo(
    () => (data?.statements ?? []).filter((s) => s.finished_at && s.state === 'SUCCEEDED'),
    [data],
  );

  useEffect(() => {
    // bytes are in each result's manifest: read those of the 30 latest results still kept
    const latest = finished.filter((s) => s.total_row_count !== null).slice(0, 30);
    Promise.all(
      latest.map((s) =>
        getJson<{ manifest?: Manifest }>(`/v1/statements/${s.statement_id}`)
          .then((full) => ({
            time: new Date(s.finished_at!).getTime() / 1000,
            rows: full.manifest?.total_row_count ?? 0,
            bytes: full.manifest?.total_byte_count ?? 0,
          }))
          .catch(() => null),
      ),
    ).then((points) => setServed(points.filter((p) => p !== null).sort((a, b) => a.time - b.time)));
  }, [finished]);

  const latencies = finished.map((s) => new Date(s.finished_at!).getTime() - new Date(s.created_at).getTime());
  const buckets = [100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, Infinity];
  const counts = buckets.map(
    (limit, i) => latencies.filter((l) => l < limit && (i === 0 || l >= buckets[i - 1])).length,
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
  const p90 = sorted.length ? sorted[Math.floor(sorted.length * 0.9)] : 0;

  const latencyOptions = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: false } },
      series: [{ label: 'under' }, { label: 'statements', stroke: '#1864ab', fill: 'rgba(24,100,171,0.3)', paths: barPaths() }],
      axes: [
        { values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && buckets[i] !== undefined ? (buckets[i] === Infinity ? '≥60s' : `<${formatDuration(buckets[i])}`) : '')) },
        { label: 'statements' },
      ],
    }),
    [],
  );
  const servedOptions = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      scales: { x: { time: true } },
      series: [
        {},
        { label: 'rows (cumulative)', stroke: '#2b8a3e', width: 2, scale: 'rows' },
        { label: 'bytes (cumulative)', stroke: '#d9480f', width: 2, scale: 'bytes', value: (_u, v) => (v == null ? '—' : formatBytes(v)) },
      ],
      axes: [{}, { scale: 'rows', label: 'rows' }, { scale: 'bytes', side: 1, values: (_u, splits) => splits.map(formatBytes), grid: { show: false } }],
    }),
    [],
  );
  let rows = 0;
  let bytes = 0;
  const cumulative = served.map((p) => ({ time: p.time, rows: (rows += p.rows), bytes: (bytes += p.bytes) }));

  return (
    <section aria-labelledby="title">
      <h1 id="title">Charts</h1>
      <ErrorNote error={error} />
      <div class="charts">
        <EngineChart />
        <Chart
          title={`Statement latency, created to finished, of your last ${finished.length} succeeded statements`}
          summary={latencies.length ? `median ${formatDuration(median)}, 90th percentile ${formatDuration(p90)}` : 'No finished statement yet.'}
          options={latencyOptions}
          data={[buckets.map((_, i) => i), counts]}
        />
        <Chart
          title={`Rows and bytes of your ${served.length} latest results still kept`}
          summary={served.length ? `${rows} rows, ${formatBytes(bytes)} in all` : 'No result yet.'}
          options={servedOptions}
          data={[cumulative.map((p) => p.time), cumulative.map((p) => p.rows), cumulative.map((p) => p.bytes)]}
        />
      </div>
    </section>
  );
}

function barPaths(): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const fill = new Path2D();
    const xs = u.data[0];
    const ys = u.data[seriesIdx];
    const width = (u.bbox.width / Math.max(1, xs.length)) * 0.7;
    for (let i = idx0; i <= idx1; i++) {
      const y = ys[i] ?? 0;
      const x = u.valToPos(xs[i], 'x', true) - width / 2;
      const top = u.valToPos(y, 'y', true);
      fill.rect(x, top, width, u.valToPos(0, 'y', true) - top);
    }
    return { stroke: fill, fill };
  };
}
