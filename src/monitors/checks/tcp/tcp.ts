// TCP check: up when a connection opens. Nothing is sent; the socket is closed at once.
// Latency is the time to the open connection, DNS lookup of a host name included.

import net, { type LookupFunction } from 'node:net';
import { Type, type Static } from '@sinclair/typebox';
import type { FieldIssue } from '../../../domain/errors.js';
import type { MonitorCheck } from '../check.js';
import { HostString, PortNumber, hostIssues, schemaIssues } from '../config.js';
import { describeNetError } from '../net-errors.js';
import { down, elapsedSince, settle, startClock, up } from '../settle.js';

export const TcpCheckConfigSchema = Type.Object(
  {
    /** A host name or an IP address (IPv6 without brackets). */
    host: HostString,
    port: PortNumber,
  },
  { additionalProperties: false },
);
export type TcpCheckConfig = Static<typeof TcpCheckConfigSchema>;

export interface TcpCheckOptions {
  /** DNS lookup for the socket (tests inject one; default: the system resolver). */
  lookup?: LookupFunction;
}

export function createTcpCheck(options: TcpCheckOptions = {}): MonitorCheck<TcpCheckConfig> {
  return {
    kind: 'tcp',

    validateConfig(config: unknown): FieldIssue[] {
      const issues = schemaIssues(TcpCheckConfigSchema, config);
      return issues.length > 0 ? issues : hostIssues((config as TcpCheckConfig).host, 'config.host');
    },

    run(config, ctx) {
      return settle(ctx, (finish) => {
        const start = startClock();
        const socket = net.connect({ host: config.host, port: config.port, lookup: options.lookup });
        socket.once('connect', () => finish(up(elapsedSince(start))));
        socket.once('error', (err) => finish(down(describeNetError(err))));
        // Whatever the outcome (also on timeout or abort), the socket goes: a check holds nothing open.
        return { release: () => socket.destroy() };
      });
    },
  };
}

export const tcpCheck: MonitorCheck<TcpCheckConfig> = createTcpCheck();
