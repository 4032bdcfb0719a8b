// The virtio-net header an AF_PACKET socket prepends with PACKET_VNET_HDR (virtio spec 1.1,
// section 5.1.6, "struct virtio_net_hdr" without num_buffers). Declared here rather than taken
// from <linux/virtio_net.h>, which does not compile as C++ (a member named "class"). Fields are
// in host order: packet sockets use the legacy little-endian layout on little-endian hosts.
#pragma once

#include <cstdint>

namespace sluice {

struct VnetHeader {
  uint8_t flags;
  uint8_t gso_type;
  uint16_t hdr_len;
  uint16_t gso_size;
  uint16_t csum_start;
  uint16_t csum_offset;
};
static_assert(sizeof(VnetHeader) == 10, "virtio_net_hdr is 10 bytes");

constexpr uint8_t kVnetFlagNeedsCsum = 1;  // VIRTIO_NET_HDR_F_NEEDS_CSUM
constexpr uint8_t kVnetGsoNone = 0;        // VIRTIO_NET_HDR_GSO_NONE
constexpr uint8_t kVnetGsoTcpV4 = 1;       // VIRTIO_NET_HDR_GSO_TCPV4
constexpr uint8_t kVnetGsoUdp = 3;         // VIRTIO_NET_HDR_GSO_UDP (UFO, fragments; not segmented here)
constexpr uint8_t kVnetGsoTcpV6 = 4;       // VIRTIO_NET_HDR_GSO_TCPV6
constexpr uint8_t kVnetGsoUdpL4 = 5;       // VIRTIO_NET_HDR_GSO_UDP_L4 (USO, Linux >= 6.2)
constexpr uint8_t kVnetGsoEcn = 0x80;      // VIRTIO_NET_HDR_GSO_ECN

}  // namespace sluice
