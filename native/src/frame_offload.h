// Turning what the kernel hands an AF_PACKET socket back into wire frames.
//
// The kernel keeps some work pending on a received skb that a real wire frame would already have
// done: an 802.1Q tag moved into skb metadata (reported in tpacket_auxdata), an L4 checksum left
// for hardware (CHECKSUM_PARTIAL, reported as kVnetFlagNeedsCsum or TP_STATUS_CSUMNOTREADY)
// and, on veth or after GRO, one TCP/UDP "super-frame" standing for many MSS-sized segments
// (reported as virtio_net_hdr gso_type/gso_size). A switch must forward what the wire would carry,
// so EmitFrame() finishes that work while copying the frame into the shared receive arena.
#pragma once

#include "vnet_header.h"

#include <cstddef>
#include <cstdint>

namespace sluice {

// The JS-visible receive arena: frames packed back to back, table[2*i] = offset, table[2*i+1] =
// length of frame i.
struct ArenaSink {
  uint8_t* base = nullptr;
  size_t capacity = 0;
  uint32_t* table = nullptr;
  uint32_t max_frames = 0;
  size_t used = 0;
  uint32_t count = 0;

  void Reset() { used = 0; count = 0; }
};

// One frame as received, plus what the kernel told us about it.
struct ReceivedFrame {
  const uint8_t* data = nullptr;
  size_t length = 0;
  bool vlan_valid = false;      // TP_STATUS_VLAN_VALID: tag stripped into metadata
  uint16_t vlan_tpid = 0x8100;  // TP_STATUS_VLAN_TPID_VALID ? tp_vlan_tpid : 802.1Q
  uint16_t vlan_tci = 0;
  bool has_vnet = false;        // vnet header below is meaningful
  VnetHeader vnet{};
  bool csum_not_ready = false;  // TP_STATUS_CSUMNOTREADY (used when there is no vnet header)
};

enum class EmitResult {
  kEmitted,    // one or more frames appended to the sink
  kNoRoom,     // sink too full for this frame's output; nothing written, retry with an empty sink
  kMalformed,  // offload metadata inconsistent with the bytes (dropped, count as an error)
  kTooLarge,   // would not fit even an empty sink
};

struct EmitStats {
  uint32_t frames = 0;       // frames appended
  uint64_t bytes = 0;        // bytes appended
  bool checksum_completed = false;
  bool segmented = false;
};

EmitResult EmitFrame(const ReceivedFrame& in, ArenaSink& sink, EmitStats& stats);

// RFC 1071 one's-complement sum of data, added to an existing partial sum (not folded).
uint64_t ChecksumAdd(uint64_t sum, const uint8_t* data, size_t length);
uint16_t ChecksumFold(uint64_t sum);

}  // namespace sluice
