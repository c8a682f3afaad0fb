// `fenghuo agent --server URL --token T --location NAME [--concurrency N] [--poll-seconds N] [--spool FILE]`:
// flags, the log, and the process's life (SIGTERM/SIGINT: stop, one last upload, exit 0).

import { parseArgs } from 'node:util';
import { agentTokenFromEnv } from '../../config.js';
import { AgentStartError, runAgent, type AgentLog, type AgentOptions } from './agent.js';

/** A bad flag: the message names it (exit code 2). */
export class AgentUsageError extends Error {
  override readonly name = 'AgentUsageError';
}

/** As `createLocation` accepts them. */
const LOCATION_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export type AgentFlags = Pick<AgentOptions, 'server' | 'token' | 'location' | 'concurrency' | 'pollMs' | 'spoolFile'>;

/** The agent's flags; the token may come from FENGHUO_AGENT_TOKEN (`envToken`) instead of `--token`. */
export function parseAgentArgs(args: string[], envToken: string | null): AgentFlags {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        location: { type: 'string' },
        concurrency: { type: 'string' },
        'poll-seconds': { type: 'string' },
        spool: { type: 'string' },
      },
    }).values;
  } catch (err) {
    throw new AgentUsageError(err instanceof Error ? err.message : String(err));
  }
  const server = values.server?.trim();
  if (!server) throw new AgentUsageError('--server is required (the Fenghuo server’s URL, e.g. https://fenghuo.example.com)');
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new AgentUsageError(`--server is not a valid URL: "${server}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AgentUsageError(`--server must start with http:// or https://, got "${server}"`);
  if (url.search || url.hash) throw new AgentUsageError(`--server must be a base URL without ?query or #fragment, got "${server}"`);

  const token = values.token?.trim() || envToken;
  if (!token) throw new AgentUsageError('--token is required (or set FENGHUO_AGENT_TOKEN): the location’s agent token, fha_…');
  if (!token.startsWith('fha_')) throw new AgentUsageError('--token must be a location’s agent token (fha_…)');

  const location = values.location?.trim();
  if (!location) throw new AgentUsageError('--location is required: the name of the location this agent is');
  if (!LOCATION_NAME.test(location)) {
    throw new AgentUsageError(
      `--location must be a location name (lower-case letters, digits, ".", "_", "-"; at most 63), got "${location}"`,
    );
  }

  const spool = values.spool?.trim();
  if (values.spool !== undefined && !spool)
    throw new AgentUsageError('--spool needs a file name (where unsent results are kept across restarts)');

  return {
    server: url.href.replace(/\/+$/, ''),
    token,
    location,
    concurrency: wholeNumber(values.concurrency, '--concurrency', 256, 1, 10_000),
    pollMs: wholeNumber(values['poll-seconds'], '--poll-seconds', 30, 1, 3_600) * 1000,
    ...(spool ? { spoolFile: spool } : {}),
  };
}

function wholeNumber(raw: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new AgentUsageError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(text);
}

/** One JSON object a line, on stdout (as the server logs). */
export function jsonLog(base: Record<string, unknown>, write: (line: string) => void = (line) => process.stdout.write(line)): AgentLog {
  const line = (level: string, msg: string, fields?: Record<string, unknown>): void =>
    write(`${JSON.stringify({ level, time: new Date().toISOString(), ...base, msg, ...fields })}\n`);
  return {
    info: (msg, fields) => line('info', msg, fields),
    warn: (msg, fields) => line('warn', msg, fields),
    error: (msg, fields) => line('error', msg, fields),
  };
}

/**
 * Runs the agent until SIGTERM or SIGINT. Exit codes: 0 stopped by a signal; 2 a bad flag, or the
 * server refused the token or says it is another location's when the agent starts.
 */
export async function agentCommand(args: string[]): Promise<number> {
  let flags: AgentFlags;
  try {
    flags = parseAgentArgs(args, agentTokenFromEnv());
  } catch (err) {
    if (!(err instanceof AgentUsageError)) throw err;
    process.stderr.write(`fenghuo agent: ${err.message}\n`);
    return 2;
  }
  const log = jsonLog({ location: flags.location });
  const agent = runAgent({ ...flags, log });

  let signalled: (signal: string) => void = () => undefined;
  const stopRequested = new Promise<string>((resolve) => (signalled = resolve));
  const onSignal = (signal: NodeJS.Signals): void => signalled(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  try {
    await Promise.race([agent.ready, stopRequested]);
  } catch (err) {
    if (!(err instanceof AgentStartError)) throw err;
    await agent.stop();
    process.stderr.write(`fenghuo agent: ${err.message}\n`);
    return 2;
  }
  const signal = await stopRequested;
  log.info('stopping', { signal });
  // stop() is bounded (checks are aborted, the last upload gets 5 s); this is only a backstop.
  const force = setTimeout(() => process.exit(0), 10_000);
  force.unref();
  await agent.stop();
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  return 0;
}
