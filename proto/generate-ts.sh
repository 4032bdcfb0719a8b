#!/bin/sh
# Regenerates the TypeScript types of the northbound API from the .proto files.
#
# The .proto files are the single source of the API's types; the generated files are committed so
# type-checking needs no build step, and test/unit/northbound-generated-types.test.ts fails when
# they are stale. Options must match controller/northbound/proto-package.ts (LOADER_OPTIONS).
#
# usage: proto/generate-ts.sh [OUT_DIR]   (default controller/northbound/generated)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/controller/northbound/generated}
rm -rf "$out"
mkdir -p "$out"
cd "$root/proto"
node "$root/node_modules/@grpc/proto-loader/build/bin/proto-loader-gen-types.js" \
  --keepCase --longs String --enums String --defaults --oneofs --includeComments \
  --grpcLib=@grpc/grpc-js -I . -O "$out" \
  sluice/v1/common.proto sluice/v1/datapaths.proto sluice/v1/topology.proto \
  sluice/v1/paths.proto sluice/v1/flows.proto sluice/v1/plugins.proto sluice/v1/events.proto \
  google/rpc/status.proto google/rpc/error_details.proto
# NodeNext resolution wants explicit .js suffixes on relative imports; the generator omits them.
find "$out" -name '*.ts' -exec sed -i -E "s#(from '\.{1,2}/[^']*)';#\1.js';#" {} +
