import type { FieldIssue } from '../../domain/errors.js';
import type { ChannelKind } from '../../notify/channels/channel.js';
import { channelFor } from '../../notify/channels/registry.js';

/** Largest config accepted, as JSON: a config is a URL, a few headers, a template. */
const MAX_CONFIG_BYTES = 16 * 1024;

/** Problems with a channel target's config, fields named `config.…`: its size here, the rest by its plugin. */
export function channelConfigIssues(kind: ChannelKind, config: unknown): FieldIssue[] {
  if (Buffer.byteLength(JSON.stringify(config) ?? '') > MAX_CONFIG_BYTES) {
    return [{ field: 'config', message: `must be at most ${MAX_CONFIG_BYTES} bytes as JSON` }];
  }
  return channelFor(kind).validateConfig(config);
}
