/** sluice.v1.Paths over a PathsBackend. */
import type { PathEndpointRef, PathMode, PathsBackend, PortLocation } from '../backend.js';
import { unary } from '../call-handlers.js';
import type { PathEndpoint__Output } from '../generated/sluice/v1/PathEndpoint.js';
import type { PathsHandlers } from '../generated/sluice/v1/Paths.js';
import type { PortRef__Output } from '../generated/sluice/v1/PortRef.js';
import { pathMessage } from '../proto-mapping.js';
import { RequestChecks } from '../request-checks.js';

/** Upper bound on k: Yen's algorithm costs k shortest-path runs, so k must not be unbounded. */
export const MAX_PATHS = 64;

const MODES = {
  PATH_MODE_UNSPECIFIED: 'shortest',
  PATH_MODE_SHORTEST: 'shortest',
  PATH_MODE_K_SHORTEST: 'k-shortest',
  PATH_MODE_ECMP: 'ecmp',
} as const satisfies Record<string, PathMode>;

export function pathsService(backend: PathsBackend): PathsHandlers {
  return {
    Compute: unary(async (req) => {
      const checks = new RequestChecks();
      const src = endpoint(checks, 'src', req.src);
      const dst = endpoint(checks, 'dst', req.dst);
      const mode: PathMode = MODES[req.mode as keyof typeof MODES] ?? 'shortest';
      let k: number | undefined;
      if (mode === 'k-shortest') {
        if (req.k === 0) checks.add('k', 'required for PATH_MODE_K_SHORTEST');
        else k = checks.range('k', req.k, 1, MAX_PATHS);
      } else if (mode === 'ecmp') {
        k = req.k === 0 ? undefined : checks.range('k', req.k, 1, MAX_PATHS);
      } else {
        if (req.k > 1) checks.add('k', 'must be 0 or 1 for PATH_MODE_SHORTEST');
        k = 1;
      }
      const excludeLinks: { src: PortLocation; dst: PortLocation }[] = [];
      const constraints = req.constraints;
      constraints?.exclude_links.forEach((l, i) => {
        const a = portRef(checks, `constraints.exclude_links[${i}].src`, l.src);
        const b = portRef(checks, `constraints.exclude_links[${i}].dst`, l.dst);
        if (a && b) excludeLinks.push({ src: a, dst: b });
      });
      const minBandwidthBps = checks.uint64('constraints.min_bandwidth_bps', constraints?.min_bandwidth_bps ?? '0');
      checks.done();
      const paths = await backend.compute({ src: src!, dst: dst!, mode, k, excludeLinks, minBandwidthBps });
      return { paths: paths.map(pathMessage) };
    }),
  };
}

function endpoint(checks: RequestChecks, field: string, msg: PathEndpoint__Output | null): PathEndpointRef | undefined {
  switch (msg?.endpoint) {
    case 'mac':
      return { kind: 'mac', mac: checks.mac(`${field}.mac`, msg.mac ?? '') };
    case 'ip':
      return { kind: 'ip', ip: checks.ip(`${field}.ip`, msg.ip ?? '') };
    case 'dpid': {
      const dpid = checks.dpid(`${field}.dpid`, msg.dpid, true);
      return dpid === undefined ? undefined : { kind: 'switch', dpid };
    }
    default:
      checks.add(field, 'required: set one of mac, ip or dpid');
      return undefined;
  }
}

function portRef(checks: RequestChecks, field: string, msg: PortRef__Output | null): PortLocation | undefined {
  if (!msg) {
    checks.add(field, 'required');
    return undefined;
  }
  const dpid = checks.dpid(`${field}.dpid`, msg.dpid, true);
  return dpid === undefined ? undefined : { dpid, portNo: msg.port_no };
}
