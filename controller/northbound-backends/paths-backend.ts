/**
 * The northbound's Paths face over the topology's PathComputer: hosts named by MAC or IP are
 * resolved to the edge port the Hosts service last saw them at, so a path between two hosts
 * starts and ends on their access ports, as the flows for them would.
 */
import { MacAddress } from '../../core/net/mac-address.js';
import type { Hosts } from '../hosts/hosts.js';
import { FailedPreconditionError, FieldViolationError, NotFoundError } from '../northbound/backend-errors.js';
import type { ComputedPath, PathEndpointRef, PathQuery, PathsBackend } from '../northbound/backend.js';
import { formatDpid } from '../northbound/dpid-text.js';
import { linkId } from '../paths/link.js';
import type { Path, PathError, PathResult } from '../paths/path.js';
import type { PathComputer } from '../paths/path-computer.js';
import type { Endpoint, PathQuery as GraphQuery } from '../paths/query.js';

export class PathsAdapter implements PathsBackend {
  constructor(
    private readonly paths: PathComputer,
    private readonly hosts: Hosts | undefined,
  ) {}

  compute(query: PathQuery): readonly ComputedPath[] {
    const src = this.endpoint(query.src, 'src');
    const dst = this.endpoint(query.dst, 'dst');
    const q: GraphQuery = {
      constraints: {
        excludeLinks: query.excludeLinks.map((l) => linkId({ dpid: l.src.dpid, port: l.src.portNo }, { dpid: l.dst.dpid, port: l.dst.portNo })),
        ...(query.minBandwidthBps > 0n ? { minAvailableBps: Number(query.minBandwidthBps) } : {}),
      },
    };
    let found: Path[];
    switch (query.mode) {
      case 'shortest':
        found = unwrap(this.paths.shortest(src, dst, q), (p) => [p]);
        break;
      case 'k-shortest':
        found = unwrap(this.paths.kShortest(src, dst, query.k ?? 1, q), (ps) => ps);
        break;
      case 'ecmp':
        found = unwrap(this.paths.equalCost(src, dst, { ...q, ...(query.k === undefined ? {} : { maxPaths: query.k }) }), (s) => [...s.paths]);
        break;
    }
    return found.map((p) => ({
      hops: p.hops.map((h) => ({ dpid: h.dpid, inPort: h.inPort ?? 0, outPort: h.outPort ?? 0 })),
      cost: p.cost,
    }));
  }

  private endpoint(ref: PathEndpointRef, side: 'src' | 'dst'): Endpoint {
    switch (ref.kind) {
      case 'switch':
        return ref.dpid;
      case 'mac': {
        let mac: MacAddress;
        try {
          mac = MacAddress.parse(ref.mac);
        } catch (err) {
          throw new FieldViolationError([{ field: `${side}.mac`, description: err instanceof Error ? err.message : String(err) }]);
        }
        const host = this.hosts?.byMac(mac);
        if (!host) throw new NotFoundError('host', ref.mac);
        return host.location;
      }
      case 'ip': {
        const host = this.hosts?.byIp(ref.ip);
        if (!host) throw new NotFoundError('host', ref.ip);
        return host.location;
      }
    }
  }
}

/** No path is an empty answer; an unknown endpoint or a bad argument is an error the client sees. */
function unwrap<T>(r: PathResult<T>, paths: (v: T) => Path[]): Path[] {
  if (r.ok) return paths(r.value);
  return failure(r.error);
}

function failure(e: PathError): Path[] {
  switch (e.kind) {
    case 'no-path': return [];
    case 'unknown-switch': throw new NotFoundError('switch', formatDpid(e.dpid));
    case 'unknown-host': throw new NotFoundError('host', e.host);
    case 'endpoint-excluded': throw new FailedPreconditionError(`switch ${formatDpid(e.dpid)} is an endpoint and excluded`);
    case 'invalid-weight': throw new FailedPreconditionError(`link ${e.link} has invalid weight ${e.weight}`);
    case 'invalid-argument': throw new FieldViolationError([{ field: 'k', description: e.message }]);
  }
}
