// The L2 plugin: host-to-host forwarding across a multi-switch fabric on shortest paths, with
// flooding on a spanning tree. On by default, so a bare `sluice controller` forwards.
import { definePlugin } from '../../core/kernel/plugin.js';
import { l2ConfigSchema } from './l2-config.js';
import { L2Plugin } from './l2-plugin.js';

export { l2ConfigSchema, type L2Config } from './l2-config.js';
export { L2Forwarder, L2_OWNER, type L2Counters } from './l2-forwarder.js';
export { L2Plugin } from './l2-plugin.js';

export default definePlugin({
  name: 'l2',
  version: '0.1.0',
  description: 'L2 forwarding: shortest-path host-pair flows, spanning-tree flooding, reroute on link failure',
  configSchema: l2ConfigSchema,
  enabledByDefault: true,
  lifecycle: L2Plugin,
});
