"""A foreign gRPC client for the sluice northbound, used by northbound-python.test.ts.

Imports the Python modules grpc_tools.protoc generated from proto/ (the test puts them on
PYTHONPATH), lists switches and links, provokes one INVALID_ARGUMENT to read the standard
google.rpc.BadRequest details, and prints everything as one JSON object on stdout.

usage: list_topology.py HOST:PORT [TOKEN]
"""
import json
import sys

import grpc
from google.protobuf.json_format import MessageToDict

from google.rpc import error_details_pb2, status_pb2
from sluice.v1 import datapaths_pb2, datapaths_pb2_grpc, topology_pb2, topology_pb2_grpc


def as_dict(message):
    # proto3 JSON mapping with the .proto field names, defaults included, so the output is
    # comparable field by field with what the TypeScript client sees.
    return MessageToDict(message, preserving_proto_field_name=True, including_default_value_fields=True)


def bad_request_of(error):
    """Field violations from the grpc-status-details-bin trailer, as [field, description] pairs."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            out = []
            for detail in status.details:
                br = error_details_pb2.BadRequest()
                if detail.Unpack(br):
                    out.extend([v.field, v.description] for v in br.field_violations)
            return out
    return []


def main():
    target = sys.argv[1]
    metadata = [("authorization", "Bearer " + sys.argv[2])] if len(sys.argv) > 2 else []
    # Never route loopback test traffic through a proxy from the environment.
    with grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)]) as channel:
        topology = topology_pb2_grpc.TopologyStub(channel)
        switches = topology.ListSwitches(topology_pb2.ListSwitchesRequest(), metadata=metadata, timeout=10)
        links = topology.ListLinks(topology_pb2.ListLinksRequest(), metadata=metadata, timeout=10)
        datapaths = datapaths_pb2_grpc.DatapathsStub(channel)
        try:
            datapaths.Get(datapaths_pb2.GetDatapathRequest(dpid={"text": "not-a-dpid"}), metadata=metadata, timeout=10)
            invalid = None
        except grpc.RpcError as error:
            invalid = {"code": error.code().name, "violations": bad_request_of(error)}
    json.dump(
        {
            "switches": [as_dict(s) for s in switches.switches],
            "links": [as_dict(link) for link in links.links],
            "invalid": invalid,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
