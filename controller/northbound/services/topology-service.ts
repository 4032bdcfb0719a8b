/** sluice.v1.Topology over a TopologyBackend. */
import type { HostInfo, TopologyBackend, TopologyChange, TopologyLink } from '../backend.js';
import { unary, type ServerStreams } from '../call-handlers.js';
import type { TopologyHandlers } from '../generated/sluice/v1/Topology.js';
import { hostMessage, linkMessage, switchMessage, timestampMessage, topologyEventMessage } from '../proto-mapping.js';
import { RequestChecks } from '../request-checks.js';

const byDpid = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

function linkOrder(a: TopologyLink, b: TopologyLink): number {
  return byDpid(a.src.dpid, b.src.dpid) || a.src.portNo - b.src.portNo || byDpid(a.dst.dpid, b.dst.dpid);
}

export function topologyService(backend: TopologyBackend, streams: ServerStreams): TopologyHandlers {
  return {
    ListSwitches: unary(() => ({
      switches: [...backend.snapshot().switches].sort((a, b) => byDpid(a.dpid, b.dpid)).map(switchMessage),
    })),

    ListLinks: unary((req) => {
      const checks = new RequestChecks();
      const dpid = checks.dpid('dpid', req.dpid, false);
      checks.done();
      const touches = (l: TopologyLink) => dpid === undefined || l.src.dpid === dpid || l.dst.dpid === dpid;
      return { links: backend.snapshot().links.filter(touches).sort(linkOrder).map(linkMessage) };
    }),

    ListHosts: unary((req) => {
      const checks = new RequestChecks();
      const dpid = checks.dpid('dpid', req.dpid, false);
      checks.done();
      const at = (h: HostInfo) => dpid === undefined || h.location.dpid === dpid;
      return {
        hosts: backend
          .snapshot()
          .hosts.filter(at)
          .sort((a, b) => (a.mac < b.mac ? -1 : a.mac > b.mac ? 1 : 0))
          .map(hostMessage),
      };
    }),

    Watch: (call) => {
      streams.run(call, (send) => {
        // Snapshot and subscribe in the same tick: the backend promises no change can slip between.
        const unsubscribe = backend.subscribe((change) => send(topologyEventMessage(change)));
        if (call.request.include_snapshot) {
          const time = new Date();
          const snap = backend.snapshot();
          const replay: TopologyChange[] = [
            ...snap.switches.map((s) => ({ type: 'switch-added' as const, switch: s, time })),
            ...snap.links.map((l) => ({ type: 'link-added' as const, link: l, time })),
            ...snap.hosts.map((h) => ({ type: 'host-added' as const, host: h, time })),
          ];
          for (const change of replay) send.replay(topologyEventMessage(change, true));
          send.replay({ type: 'TOPOLOGY_EVENT_TYPE_SNAPSHOT_COMPLETE', time: timestampMessage(time), snapshot: true });
        }
        return unsubscribe;
      });
    },
  };
}
