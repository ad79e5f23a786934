import { useRef, useState } from 'preact/hooks';
import { ApiError, postForm, postJson, remove } from '../api';
import { DataTable, Filters, TextFilter, useResource } from '../components/Lists';
import { SchemaForm } from '../components/SchemaForm';
import { ErrorNote } from '../components/Status';
import { formatBytes, formatTime, shortId } from '../format';
import { useLiveTick } from '../live';
import { href, navigate } from '../router';
import type { FunctionInfo, Identity, Job } from '../types';

interface Artifact {
  artifact_id: string;
  owner: string;
  name: string;
  sha256: string;
  size_bytes: number;
  created_at: string;
}

export function FunctionsPage() {
  const tick = useLiveTick();
  const { data, error, reload } = useResource<{ functions: FunctionInfo[] }>('/v1/functions', tick);
  const artifacts = useResource<{ artifacts: Artifact[] }>('/v1/artifacts?limit=200', tick);
  const [name, setName] = useState('');
  const [artifact, setArtifact] = useState('');
  const [className, setClassName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const rows = data?.functions.filter((f) => f.name.includes(filter) || f.class_name.includes(filter)) ?? null;
  return (
    <section aria-labelledby="title">
      <h1 id="title">Functions</h1>
      <Filters>
        <TextFilter label="Name or class" value={filter} onChange={setFilter} />
      </Filters>
      <ErrorNote error={error} />
      <DataTable
        caption="Functions by name"
        rows={rows}
        rowKey={(f) => f.name}
        empty="No functions. Register one below from an uploaded artifact."
        columns={[
          { label: 'Name', render: (f) => <a href={href(`functions/${f.name}`)}>{f.name}</a> },
          { label: 'Class', render: (f) => <code>{f.class_name}</code> },
          { label: 'Context', render: (f) => f.context },
          { label: 'Owner', render: (f) => f.owner },
          { label: 'Created', render: (f) => formatTime(f.created_at) },
        ]}
      />
      <h2>Register a function</h2>
      <form
        class="stacked"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage(null);
          postJson<FunctionInfo>('/v1/functions', { name, artifact_id: artifact, class_name: className })
            .then((f) => navigate(`functions/${f.name}`))
            .then(reload)
            .catch((x: Error) => setMessage(x.message));
        }}
      >
        <label for="function-name">Name</label>
        <input id="function-name" required pattern="[a-z][a-z0-9_-]{0,63}" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="function-artifact">Artifact</label>
        <select id="function-artifact" required value={artifact} onChange={(e) => setArtifact(e.currentTarget.value)}>
          <option value="">choose…</option>
          {artifacts.data?.artifacts.map((a) => (
            <option key={a.artifact_id} value={a.artifact_id}>
              {a.name} ({shortId(a.artifact_id)})
            </option>
          ))}
        </select>
        <label for="function-class">Class</label>
        <input id="function-class" required value={className} placeholder="io.hearth.examples.PiJob" onInput={(e) => setClassName(e.currentTarget.value)} />
        <button type="submit">Register</button>
        <ErrorNote error={message} />
      </form>
    </section>
  );
}

export function FunctionDetail({ name }: { name: string }) {
  const { data: fn, error } = useResource<FunctionInfo>(`/v1/functions/${encodeURIComponent(name)}`);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section aria-labelledby="title">
      <h1 id="title">Function {name}</h1>
      <ErrorNote error={error} />
      {fn && (
        <>
          <dl class="facts">
            <dt>Class</dt>
            <dd><code>{fn.class_name}</code></dd>
            <dt>Artifact</dt>
            <dd><code>{fn.artifact_id}</code></dd>
            <dt>Result</dt>
            <dd><code>{fn.result_type}</code></dd>
            <dt>Context</dt>
            <dd>{fn.context}</dd>
          </dl>
          <h2>Run it</h2>
          <SchemaForm
            schema={fn.parameters_schema}
            errors={errors}
            busy={busy}
            onSubmit={(parameters) => {
              setBusy(true);
              setErrors({});
              setMessage(null);
              postJson<Job>(`/v1/functions/${encodeURIComponent(name)}/jobs`, { parameters, wait_timeout: '0s' })
                .then((job) => navigate(`jobs/${job.job_id}`))
                .catch((x: Error) => {
                  if (x instanceof ApiError && x.problem.errors) {
                    setErrors(Object.fromEntries(x.problem.errors.map((p) => [p.field, p.message])));
                  }
                  setMessage(x.message);
                })
                .finally(() => setBusy(false));
            }}
          />
          <ErrorNote error={message} />
          <details>
            <summary>Parameter schema (JSON)</summary>
            <pre class="json">{JSON.stringify(fn.parameters_schema, null, 2)}</pre>
          </details>
          <button
            type="button"
            class="danger"
            onClick={() => {
              if (confirm(`Delete function ${name}? Its jobs and their results stay.`)) {
                remove(`/v1/functions/${encodeURIComponent(name)}`)
                  .then(() => navigate('functions'))
                  .catch((x: Error) => setMessage(x.message));
              }
            }}
          >
            Delete function
          </button>
        </>
      )}
    </section>
  );
}

export function ArtifactsPage({ me }: { me: Identity }) {
  const tick = useLiveTick();
  const [owner, setOwner] = useState('');
  const { data, error, reload } = useResource<{ artifacts: Artifact[] }>(
    `/v1/artifacts?limit=200${me.admin && owner ? `&owner=${encodeURIComponent(owner)}` : ''}`,
    tick,
  );
  const [message, setMessage] = useState<string | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  async function upload(files: FileList | null) {
    if (!files) return;
    setMessage(null);
    for (const file of Array.from(files)) {
      setUploading(file.name);
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        const artifact = await postForm<Artifact>('/v1/artifacts', form);
        setMessage(`Uploaded ${artifact.name} as ${artifact.artifact_id} (${formatBytes(artifact.size_bytes)}).`);
      } catch (e) {
        setMessage(`${file.name}: ${(e as Error).message}`);
      }
    }
    setUploading(null);
    if (picker.current) picker.current.value = '';
    reload();
  }

  return (
    <section aria-labelledby="title">
      <h1 id="title">Artifacts</h1>
      <div
        class={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          upload(e.dataTransfer?.files ?? null);
        }}
      >
        <p>Drop jars here, or</p>
        <label class="button">
          Choose files…
          <input
            ref={picker}
            type="file"
            class="visually-hidden"
            accept=".jar,application/java-archive"
            multiple
            aria-label="Upload artifacts"
            onChange={(e) => upload(e.currentTarget.files)}
          />
        </label>
        {uploading && <p role="status">Uploading {uploading}…</p>}
      </div>
      {message && <p role="status" class="note">{message}</p>}
      {me.admin && (
        <Filters>
          <TextFilter label="Owner" value={owner} onChange={setOwner} />
        </Filters>
      )}
      <ErrorNote error={error} />
      <DataTable
        caption="Artifacts, newest first"
        rows={data?.artifacts ?? null}
        rowKey={(a) => a.artifact_id}
        empty="No artifacts yet."
        columns={[
          { label: 'Name', render: (a) => a.name },
          { label: 'Id', render: (a) => <code>{a.artifact_id}</code> },
          { label: 'Size', render: (a) => formatBytes(a.size_bytes) },
          { label: 'SHA-256', render: (a) => <code title={a.sha256}>{a.sha256.slice(0, 12)}…</code> },
          { label: 'Owner', render: (a) => a.owner },
          { label: 'Uploaded', render: (a) => formatTime(a.created_at) },
          {
            label: 'Actions',
            render: (a) => (
              <button
                type="button"
                class="small danger"
                aria-label={`Delete ${a.name}`}
                onClick={() => remove(`/v1/artifacts/${a.artifact_id}`).then(reload).catch((x: Error) => setMessage(x.message))}
              >
                Delete
              </button>
            ),
          },
        ]}
      />
    </section>
  );
}
