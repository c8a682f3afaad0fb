import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { SYSTEM_ACTOR, ROLES, type Role } from '../domain/actor.js';
import { GradeBody } from '../api/schemas.js';
import { checkBody } from '../api/validation.js';
import { FenghuoError, isFenghuoError } from '../domain/errors.js';
import { gradeIncident } from '../domain/grading/grade-incident.js';
import { createToken } from '../operations/access/tokens.js';
import { factsFromInput, type ImpactInput } from '../operations/incidents/incident-input.js';
import { loadCatalog } from '../store/services-repo.js';
import type { Service } from '../domain/catalog/service.js';
import { newService, validateCatalog } from '../domain/catalog/service.js';
import { agentCommand } from '../monitors/agent/command.js';
import { openRuntime, StartupError } from './runtime.js';
import { serve } from './serve.js';
import { serveStatus } from './serve-status.js';

const USAGE = `fenghuo — incident response

Usage:
  fenghuo serve                                  run the server (API, engine; with FENGHUO_STATUS_PORT
                                                 also the status processes, as its children)
  fenghuo serve-status                           serve only the public status pages on FENGHUO_STATUS_PORT
                                                 (FENGHUO_STATUS_PROCESSES of them), from the same database
  fenghuo migrate                                apply database migrations and exit
  fenghuo token create --name N --role R         print a new API token (R: admin|responder|viewer)
  fenghuo grade [--catalog FILE]  < impact.json  grade impact facts with the policy in force
  fenghuo agent --server URL --location NAME [--token T] [--concurrency N] [--poll-seconds N]
                [--spool FILE]                   run a probe location's monitors and upload the results
                                                 (token: --token or FENGHUO_AGENT_TOKEN, fha_…;
                                                 concurrency default 256; poll-seconds default 30;
                                                 spool: results unsent at stop, sent at the next start)

Configuration comes from FENGHUO_* environment variables (see README); the agent takes only
FENGHUO_AGENT_TOKEN (see docs/monitors.md, "Probe agents").`;

/** Exit codes: 0 ok, 1 failure, 2 usage or configuration error, 3 invalid input. */
async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  switch (command) {
    case 'serve':
      await serve(loadConfig());
      return -1; // keep running
    case 'serve-status':
      await serveStatus(loadConfig());
      return -1; // keep running
    case 'migrate': {
      const deps = await openRuntime(loadConfig());
      process.stdout.write(deps.migrated.length ? `applied: ${deps.migrated.join(', ')}\n` : 'already up to date\n');
      await deps.store.close();
      return 0;
    }
    case 'token':
      if (sub !== 'create') break;
      return tokenCreate(argv.slice(2));
    case 'grade':
      return grade(argv.slice(1));
    case 'agent':
      return agentCommand(argv.slice(1));
    case 'help':
    case '--help':
    case '-h':
    case undefined:
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
  }
  process.stderr.write(`unknown command: ${argv.join(' ')}\n\n${USAGE}\n`);
  return 2;
}

async function tokenCreate(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, role: { type: 'string' } } });
  if (!values.name || !values.role) {
    process.stderr.write('token create needs --name and --role\n');
    return 2;
  }
  if (!(ROLES as readonly string[]).includes(values.role)) {
    process.stderr.write(`--role must be one of ${ROLES.join(', ')}\n`);
    return 2;
  }
  const deps = await openRuntime(loadConfig());
  try {
    const { token } = await createToken(
      { ...deps, actor: { ...SYSTEM_ACTOR, name: 'cli' }, requestId: null },
      { name: values.name, role: values.role as Role },
    );
    process.stdout.write(`${token}\n`);
    return 0;
  } finally {
    await deps.store.close();
  }
}

/** Grades a JSON impact from stdin, against a catalog file or the configured database. */
async function grade(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { catalog: { type: 'string' } } });
  const config = loadConfig();
  const raw: unknown = JSON.parse(readFileSync(0, 'utf8'));
  const issues = checkBody(GradeBody, raw);
  if (issues.length > 0) throw new FenghuoError('invalid_request', 'the impact on stdin is not valid', issues);
  const input = raw as ImpactInput & { durationMinutes?: number };
  let catalog: Service[];
  if (values.catalog) {
    catalog = (JSON.parse(readFileSync(values.catalog, 'utf8')) as Array<Partial<Service> & { id: string }>).map((s) => ({
      ...newService(s.id, s.id),
      ...s,
    }));
    validateCatalog(catalog);
  } else {
    const deps = await openRuntime(config);
    try {
      catalog = await loadCatalog(deps.store.db);
    } finally {
      await deps.store.close();
    }
  }
  const result = gradeIncident({ ...factsFromInput(input, null), durationMinutes: input.durationMinutes ?? null }, catalog, config.policy);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`configuration error: ${err.message}\n`);
      process.exitCode = 2;
    } else if (err instanceof StartupError) {
      process.stderr.write(`fenghuo: ${err.message}\n`);
      process.exitCode = 1;
    } else if (isFenghuoError(err)) {
      const details = (err.details ?? []).map((d) => `\n  - ${d.field}: ${d.message}`).join('');
      process.stderr.write(`${err.code}: ${err.message}${details}\n`);
      process.exitCode = 3;
    } else if (err instanceof SyntaxError) {
      process.stderr.write(`invalid JSON: ${err.message}\n`);
      process.exitCode = 3;
    } else {
      process.stderr.write(`fenghuo: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    }
    // A status process forked by `serve` keeps its IPC channel open: leave now, not when the parent goes.
    if (cluster.isWorker) process.exit();
  },
);
