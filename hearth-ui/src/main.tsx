import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, basicAuthorization, getJson, storeAuthorization, storedAuthorization } from './api';
import { startLiveEvents, stopLiveEvents } from './live';
import { ContextDetail, ContextsPage } from './pages/Contexts';
import { EditorPage } from './pages/Editor';
import { ChartsPage, EnginesPage } from './pages/Engines';
import { ArtifactsPage, FunctionDetail, FunctionsPage } from './pages/Functions';
import { SessionDetail } from './pages/Session';
import { BatchDetail, BatchesPage, JobDetail, JobsPage, SessionsPage, StatementsPage } from './pages/Work';
import { href, interceptLinks, useRoute } from './router';
import { startSampling, stopSampling } from './samples';
import './styles.css';
import type { Identity } from './types';

const NAV = [
  ['', 'SQL editor'],
  ['statements', 'Statements'],
  ['sessions', 'Sessions'],
  ['jobs', 'Jobs'],
  ['functions', 'Functions'],
  ['artifacts', 'Artifacts'],
  ['batches', 'Batches'],
  ['engines', 'Engines'],
  ['contexts', 'Contexts'],
  ['charts', 'Charts'],
] as const;

function App() {
  const [me, setMe] = useState<Identity | null>(null);
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function check() {
    try {
      setMe(await getJson<Identity>('/v1/me'));
      setProblem(null);
    } catch (e) {
      setMe(null);
      if (!(e instanceof ApiError && e.status === 401)) setProblem((e as Error).message);
    } finally {
      setChecked(true);
    }
  }

  useEffect(() => {
    check();
    const unauthorized = () => setMe(null);
    window.addEventListener('hearth:unauthorized', unauthorized);
    return () => window.removeEventListener('hearth:unauthorized', unauthorized);
  }, []);

  useEffect(() => {
    if (!me) return;
    startLiveEvents();
    startSampling();
    return () => {
      stopLiveEvents();
      stopSampling();
    };
  }, [me?.user]);

  if (!checked) return <p class="boot">Loading the Hearth console…</p>;
  if (!me) return <SignIn problem={problem} onSignedIn={setMe} />;
  return (
    <Shell
      me={me}
      onSignOut={() => {
        storeAuthorization(null);
        setMe(null);
        check();
      }}
    />
  );
}

function SignIn({ problem, onSignedIn }: { problem: string | null; onSignedIn: (me: Identity) => void }) {
  const [method, setMethod] = useState<'basic' | 'bearer'>('basic');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(problem);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    storeAuthorization(method === 'basic' ? basicAuthorization(user, password) : `Bearer ${token.trim()}`);
    try {
      onSignedIn(await getJson<Identity>('/v1/me'));
    } catch (x) {
      storeAuthorization(null);
      setError(x instanceof ApiError && x.status === 401 ? 'Those credentials were not accepted.' : (x as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="signin" id="main">
      <h1>
        <span class="logo" aria-hidden="true">
          ▲
        </span>{' '}
        Sign in to Hearth
      </h1>
      <form onSubmit={submit} aria-describedby={error ? 'signin-error' : undefined}>
        <fieldset>
          <legend>Sign in with</legend>
          <label class="inline">
            <input type="radio" name="method" checked={method === 'basic'} onChange={() => setMethod('basic')} /> User and
            password
          </label>
          <label class="inline">
            <input type="radio" name="method" checked={method === 'bearer'} onChange={() => setMethod('bearer')} /> API
            token or JWT
          </label>
        </fieldset>
        {method === 'basic' ? (
          <>
            <label for="user">User</label>
            <input id="user" autoComplete="username" required value={user} onInput={(e) => setUser(e.currentTarget.value)} />
            <label for="password">Password</label>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </>
        ) : (
          <>
            <label for="token">Token</label>
            <input id="token" type="password" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
          </>
        )}
        {error && (
          <p id="signin-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
        <p class="muted small-print">Your credentials stay in this tab (session storage) and are sent to this gateway only.</p>
      </form>
    </main>
  );
}

function Shell({ me, onSignOut }: { me: Identity; onSignOut: () => void }) {
  const route = useRoute();
  const [section, id] = [route.split('/')[0], route.split('/').slice(1).join('/') || null];
  // a statement opens in the editor
  const active = section === 'statements' && id ? '' : section;
  useEffect(() => {
    const label = NAV.find(([path]) => path === section)?.[1] ?? 'Hearth';
    document.title = `${label} · Hearth`;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [route]);

  let page;
  switch (section) {
    case '':
      page = <EditorPage statementId={null} />;
      break;
    case 'statements':
      page = id ? <EditorPage statementId={id} /> : <StatementsPage me={me} />;
      break;
    case 'sessions':
      page = id ? <SessionDetail me={me} sessionId={id} /> : <SessionsPage me={me} />;
      break;
    case 'jobs':
      page = id ? <JobDetail jobId={id} /> : <JobsPage me={me} />;
      break;
    case 'functions':
      page = id ? <FunctionDetail name={id} /> : <FunctionsPage />;
      break;
    case 'artifacts':
      page = <ArtifactsPage me={me} />;
      break;
    case 'batches':
      page = id ? <BatchDetail batchId={id} /> : <BatchesPage me={me} />;
      break;
    case 'engines':
      page = <EnginesPage />;
      break;
    case 'contexts':
      page = id ? <ContextDetail me={me} name={decodeURIComponent(id)} /> : <ContextsPage />;
      break;
    case 'charts':
      page = <ChartsPage />;
      break;
    default:
      page = (
        <section>
          <h1>Not found</h1>
          <p>
            The console has no page <code>/ui/{route}</code>. <a href={href('')}>Back to the SQL editor</a>.
          </p>
        </section>
      );
  }

  return (
    <div class="shell" onClick={interceptLinks}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href('')}>
          <span class="logo" aria-hidden="true">
            ▲
          </span>{' '}
          Hearth
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([path, label]) => (
              <li key={path}>
                <a href={href(path)} aria-current={active === path ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
            <li>
              <a href="/api-docs/">API reference</a>
            </li>
          </ul>
        </nav>
        <div class="who" aria-label="Signed in">
          <span data-testid="user">{me.user}</span>
          {me.admin && <span class="badge admin">admin</span>}
          {storedAuthorization() && (
            <button type="button" class="small" onClick={onSignOut}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
