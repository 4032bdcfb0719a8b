/**
 * Loads the sluice.v1 protos at run time with @grpc/proto-loader.
 *
 * The .proto files are the single source of the API's types: the server and `sluice ctl` build
 * their service definitions from them here, and the TypeScript types in `generated/` come from the
 * same files (proto/generate-ts.sh), using the same LOADER_OPTIONS so the runtime objects have
 * exactly the generated shapes:
 *  - keepCase: field names stay snake_case as in the .proto (and as Python/Go clients see them);
 *  - longs: String, so uint64 dpids, cookies and counters survive JavaScript's 53-bit numbers;
 *  - enums: String, so values read as their names;
 *  - defaults + oneofs: scalars are always present, unset messages are null, and a oneof names
 *    the member that is set.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as DatapathsProto } from './generated/datapaths.js';
import type { ProtoGrpcType as EventsProto } from './generated/events.js';
import type { ProtoGrpcType as FlowsProto } from './generated/flows.js';
import type { ProtoGrpcType as PathsProto } from './generated/paths.js';
import type { ProtoGrpcType as PluginsProto } from './generated/plugins.js';
import type { ProtoGrpcType as TopologyProto } from './generated/topology.js';

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

/** The API's files, relative to the proto root (the form `import` statements use). */
export const SLUICE_PROTO_FILES = [
  'sluice/v1/common.proto',
  'sluice/v1/datapaths.proto',
  'sluice/v1/topology.proto',
  'sluice/v1/paths.proto',
  'sluice/v1/flows.proto',
  'sluice/v1/plugins.proto',
  'sluice/v1/events.proto',
] as const;

/** Fully qualified names of the six services, as health checks and reflection name them. */
export const SLUICE_SERVICE_NAMES = [
  'sluice.v1.Datapaths',
  'sluice.v1.Topology',
  'sluice.v1.Paths',
  'sluice.v1.Flows',
  'sluice.v1.Plugins',
  'sluice.v1.Events',
] as const;

/**
 * The proto root directory. Found by walking up from this module because the same code runs from
 * the source tree (vitest) and from dist/ (built), which sit at different depths.
 */
export function protoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'sluice', 'v1', 'common.proto'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('cannot find proto/sluice/v1 above ' + fileURLToPath(import.meta.url));
}

export type SluiceGrpcObject = DatapathsProto & TopologyProto & PathsProto & FlowsProto & PluginsProto & EventsProto;

let cached: { definition: protoLoader.PackageDefinition; grpcObject: SluiceGrpcObject } | undefined;

/** The package definition (for reflection) and grpc object (for servers and clients), loaded once. */
export function loadSluiceProtos(): { definition: protoLoader.PackageDefinition; grpcObject: SluiceGrpcObject } {
  if (!cached) {
    const definition = protoLoader.loadSync([...SLUICE_PROTO_FILES], { ...LOADER_OPTIONS, includeDirs: [protoRoot()] });
    // The generated ProtoGrpcType types describe exactly what loadPackageDefinition returns for
    // these files and options; grpc-js can only type it as the generic GrpcObject.
    const grpcObject = grpc.loadPackageDefinition(definition) as unknown as SluiceGrpcObject;
    cached = { definition, grpcObject };
  }
  return cached;
}
