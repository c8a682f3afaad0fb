import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp, type BuiltApp } from '../../src/api/app.js';
import { DEFAULT_POLICY } from '../../src/domain/grading/policy.js';
import { CONSOLE_CSP } from '../../src/api/routes/console.js';
import { SYSTEM_ACTOR } from '../../src/domain/actor.js';
import { createToken } from '../../src/operations/access/tokens.js';
import { systemClock, timeOrderedIds, type Deps } from '../../src/operations/context.js';
import { secretBox } from '../../src/operations/secret-box.js';
import { migrateToLatest, openStore, type Store } from '../../src/store/database.js';
import { createTestDatabase, DIALECTS, type TestDatabase, type TestDialect } from '../helpers/dialects.js';

const SHELL = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body></body></html>';
const SCRIPT = 'console.log("fenghuo");';
const SECRET = 'top secret: not part of the console';

/** A console build in a temporary directory, with a file beside it that must never be served. */
async function fakeBuild(): Promise<{ root: string; web: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'fh-console-'));
  const web = path.join(root, 'web');
  await mkdir(path.join(web, 'assets', 'fonts'), { recursive: true });
  await writeFile(path.join(web, 'index.html'), SHELL);
  await writeFile(path.join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(web, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  await writeFile(path.join(web, 'assets', 'index-Ef56Gh78.css'), 'body{color:red}');
  await writeFile(path.join(web, 'assets', 'logo-Zz99.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(web, 'assets', 'fonts', 'sans-Q1.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(path.join(web, 'assets', '.hidden'), SECRET);
  await writeFile(path.join(root, 'secret.txt'), SECRET);
  return { root, web };
}

interface Served {
  built: BuiltApp & { deps: Deps };
  get(url: string, headers?: Record<string, string>, method?: 'GET' | 'HEAD' | 'POST'): Promise<Response>;
  close(): Promise<void>;
}
interface Response {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

/** The app as `serve` builds it, but with the console read from `consoleDir`. */
async function serveConsole(database: TestDatabase, consoleDir: string): Promise<Served> {
  const store: Store = openStore({ databaseUrl: database.url ?? null, dataDir: database.dataDir, poolSize: 2 });
  await migrateToLatest(store);
  const deps: Deps = {
    store,
    clock: systemClock,
    ids: timeOrderedIds(systemClock, randomBytes),
    policy: DEFAULT_POLICY,
    secrets: secretBox(randomBytes(32)),
  };
  const built = await buildApp(deps, { bodyLimitBytes: 1024 * 1024, sessionHours: 12, cookieSecure: false, logger: false, consoleDir });
  return {
    built: { ...built, deps },
    async get(url, headers = {}, method = 'GET') {
      const res = await built.app.inject({ method, url, headers });
      return { status: res.statusCode, headers: res.headers, text: res.body };
    },
    async close() {
      await built.app.close();
      await store.close();
    },
  };
}

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

function assertShell(res: Response, url: string): void {
  assert.equal(res.status, 200, `${url}: ${res.text.slice(0, 200)}`);
  assert.equal(res.text, SHELL, url);
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.equal(res.headers['content-security-policy'], CONSOLE_CSP);
  assert.equal(res.headers['x-frame-options'], 'DENY');
  assert.equal(res.headers['referrer-policy'], 'same-origin');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
}

function assertJson404(res: Response, url: string): void {
  assert.equal(res.status, 404, `${url}: ${res.text.slice(0, 200)}`);
  assert.equal(JSON.parse(res.text).error.code, 'not_found', url);
}

for (const dialect of DIALECTS) {
  describe(`console static files (${dialect})`, () => {
    let database: TestDatabase;
    let build: { root: string; web: string };
    let s: Served;

    before(async () => {
      database = await createTestDatabase(dialect as TestDialect);
      build = await fakeBuild();
      s = await serveConsole(database, build.web);
    });
    after(async () => {
      await s.close();
      await database.drop();
      await rm(build.root, { recursive: true, force: true });
    });

    it('declares the exact CSP the console expects', () => {
      assert.equal(
        CONSOLE_CSP,
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
    });

    it('answers the shell at / and at every page address a browser opens', async () => {
      for (const url of ['/', '/incidents', '/incidents/42?tab=timeline', '/monitors/abc/history', '/settings/users/', '/index.html']) {
        assertShell(await s.get(url, HTML), url);
      }
    });

    it('keeps the API, inbound, public and probe routes, and answers non-browsers with the JSON 404', async () => {
      for (const url of [
        '/api/v1/nope',
        '/api/v1/incidents/1/nothing',
        '/api',
        '/v2/nope',
        '/generic/x',
        '/status/acme/nothing',
        '/respond/nothing',
        '/healthz/x',
        '/assets',
      ]) {
        assertJson404(await s.get(url, HTML), url);
      }
      for (const url of ['/incidents/42', '/']) {
        assertJson404(await s.get(url, { accept: 'application/json' }), url);
        assertJson404(await s.get(url), url);
      }
      assertJson404(await s.get('/incidents/42', HTML, 'POST'), 'POST /incidents/42');
      // The real routes still answer as before.
      assert.equal((await s.get('/healthz', HTML)).text, '{"status":"ok"}');
      assert.match((await s.get('/metrics', HTML)).text, /fenghuo_http_requests_total/);
      assert.equal((await s.get('/api/v1/incidents', HTML)).status, 401);
    });

    it('serves hashed assets with their content types, cached for a year', async () => {
      const cases: Array<[string, RegExp]> = [
        ['/assets/index-Ab12Cd34.js', /^text\/javascript; charset=utf-8/],
        ['/assets/index-Ef56Gh78.css', /^text\/css; charset=utf-8/],
        ['/assets/logo-Zz99.svg', /^image\/svg\+xml/],
        ['/assets/fonts/sans-Q1.woff2', /^font\/woff2/],
      ];
      for (const [url, type] of cases) {
        const res = await s.get(url);
        assert.equal(res.status, 200, url);
        assert.match(String(res.headers['content-type']), type, url);
        assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', url);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
      }
      assert.equal((await s.get('/assets/index-Ab12Cd34.js?v=1')).text, SCRIPT);
      const favicon = await s.get('/favicon.svg', { accept: 'image/avif,image/webp,*/*' });
      assert.equal(favicon.status, 200);
      assert.match(String(favicon.headers['content-type']), /^image\/svg\+xml/);
      assert.equal(favicon.headers['cache-control'], 'no-cache', 'not hashed: checked again');
    });

    it('answers 404 for missing assets, never the shell', async () => {
      for (const url of ['/assets/missing-123.js', '/assets/fonts', '/assets/', '/assets/fonts/', '/assets/.hidden']) {
        const res = await s.get(url, HTML);
        assertJson404(res, url);
        assert.notEqual(res.headers['cache-control'], 'public, max-age=31536000, immutable', `${url}: a 404 is not cached for a year`);
      }
      assertJson404(await s.get('/favicon.ico', { accept: 'image/*' }), '/favicon.ico');
    });

    it("names the files of the address's screen in the page, from the build's manifest", async () => {
      const manifest = {
        'index.html': { file: 'assets/index-Ab12Cd34.js', isEntry: true, css: ['assets/index-Ef56Gh78.css'] },
        'src/screens/incidents/IncidentsScreen.tsx': {
          file: 'assets/IncidentsScreen-Aa11.js',
          imports: ['index.html', '_DataTable-Bb22.js'],
          css: ['assets/IncidentsScreen-Cc33.css'],
        },
        '_DataTable-Bb22.js': {
          file: 'assets/DataTable-Bb22.js',
          imports: ['index.html', '_Time-Dd44.js'],
          css: ['assets/DataTable-Ee55.css'],
        },
        '_Time-Dd44.js': { file: 'assets/Time-Dd44.js', imports: ['_DataTable-Bb22.js'] },
        'src/screens/incidents/IncidentScreen.tsx': { file: 'assets/IncidentScreen-Ff66.js', imports: ['index.html'] },
        'src/screens/now/NowScreen.tsx': { file: 'assets/NowScreen-Gg77.js', imports: ['../../evil"><script>.js'] },
        '../../evil"><script>.js': { file: '"><script>alert(1)</script>' },
      };
      await mkdir(path.join(build.web, '.vite'), { recursive: true });
      await writeFile(path.join(build.web, '.vite', 'manifest.json'), JSON.stringify(manifest));
      try {
        const list = await s.get('/incidents', HTML);
        assert.equal(list.status, 200);
        const links =
          '<link rel="preload" as="style" crossorigin href="/assets/IncidentsScreen-Cc33.css">' +
          '<link rel="preload" as="style" crossorigin href="/assets/DataTable-Ee55.css">' +
          '<link rel="modulepreload" href="/assets/IncidentsScreen-Aa11.js">' +
          '<link rel="modulepreload" href="/assets/DataTable-Bb22.js">' +
          '<link rel="modulepreload" href="/assets/Time-Dd44.js">';
        // The entry is loaded by the page itself; imports that loop back are named once.
        assert.equal(list.text, SHELL.replace('</head>', `${links}</head>`));
        assert.equal(Number(list.headers['content-length']), Buffer.byteLength(list.text));
        assert.equal((await s.get('/incidents/', HTML)).text, list.text, 'a trailing slash opens the same screen');
        assert.match(
          (await s.get('/incidents/42?tab=timeline', HTML)).text,
          /^.*<link rel="modulepreload" href="\/assets\/IncidentScreen-Ff66\.js"><\/head>/,
        );
        // A name that is not a plain hashed asset is never written into the page.
        const now = (await s.get('/', HTML)).text;
        assert.equal(now, SHELL.replace('</head>', '<link rel="modulepreload" href="/assets/NowScreen-Gg77.js"></head>'));
        // No screen of its own (yet), or one the manifest does not know: the plain shell.
        for (const url of ['/monitors/abc/history', '/services', '/index.html']) assertShell(await s.get(url, HTML), url);
        await writeFile(path.join(build.web, '.vite', 'manifest.json'), '{ not json');
        assertShell(await s.get('/incidents', HTML), 'unreadable manifest');
      } finally {
        await rm(path.join(build.web, '.vite'), { recursive: true, force: true });
      }
      assertShell(await s.get('/incidents', HTML), 'no manifest');
    });

    it('never leaves the build directory, however the path is spelled', async () => {
      const attempts = [
        '/assets/../index.html',
        '/assets/../../secret.txt',
        '/assets/%2e%2e/%2e%2e/secret.txt',
        '/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
        '/assets/..%2f..%2fsecret.txt',
        '/assets/..%5c..%5csecret.txt',
        '/assets/%2fetc%2fpasswd',
        '/assets//etc/passwd',
        `/assets/${encodeURIComponent(path.join(build.root, 'secret.txt'))}`,
        `/assets/${path.join(build.root, 'secret.txt')}`,
        '/assets/fonts/../../../secret.txt',
        '/assets/%00',
        '/assets/index-Ab12Cd34.js%00.png',
        '/assets/.%2e/.%2e/secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e/secret.txt',
        '/..%2f..%2fetc%2fpasswd',
      ];
      for (const url of attempts) {
        for (const headers of [{}, HTML]) {
          const res = await s.get(url, headers);
          assert.ok(!res.text.includes(SECRET), `${url} leaked the file`);
          assert.ok(!res.text.includes('root:'), `${url} leaked /etc/passwd`);
          // A `..` the client already resolved may land on a page address: the shell, nothing else.
          assert.ok(res.status === 404 || res.status === 400 || (res.status === 200 && res.text === SHELL), `${url}: ${res.status}`);
        }
      }
    });

    it('leaves / to a status page on its custom domain', async () => {
      const ctx = { ...s.built.deps, actor: SYSTEM_ACTOR, requestId: null };
      const { token } = await createToken(ctx, { name: 'console-static', role: 'admin' });
      const page = await s.built.app.inject({
        method: 'POST',
        url: '/api/v1/status-pages',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ slug: 'console-acme', name: 'Acme Status', hostnames: ['status.console.test'] }),
      });
      assert.equal(page.statusCode, 201, page.body);
      // The status pages learn of a new page with their next poll.
      const deadline = Date.now() + 5_000;
      let status = await s.get('/', { ...HTML, host: 'status.console.test' });
      while (status.text === SHELL && Date.now() < deadline) {
        await sleep(50);
        status = await s.get('/', { ...HTML, host: 'status.console.test' });
      }
      assert.equal(status.status, 200);
      assert.match(status.text, /Acme Status/);
      assert.notEqual(status.headers['content-security-policy'], CONSOLE_CSP);
      assertShell(await s.get('/', { ...HTML, host: 'fenghuo.internal:8080' }), 'another host');
    });

    it('answers 503 with what to do when the console is not built, and the API still works', async () => {
      const missing = await serveConsole(database, path.join(build.root, 'not-built'));
      try {
        for (const url of ['/', '/incidents/42']) {
          const res = await missing.get(url, HTML);
          assert.equal(res.status, 503, url);
          assert.match(String(res.headers['content-type']), /^text\/plain/);
          assert.match(res.text, /npm run build/);
          assert.equal(res.headers['cache-control'], 'no-store');
        }
        assertJson404(await missing.get('/assets/index-Ab12Cd34.js'), 'asset');
        assert.equal((await missing.get('/healthz')).status, 200);
        assertJson404(await missing.get('/api/v1/nope', HTML), '/api/v1/nope');
      } finally {
        await missing.close();
      }
    });
  });
}
