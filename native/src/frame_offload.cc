#include "frame_offload.h"

#include <algorithm>
#include <cstring>

namespace sluice {
namespace {

constexpr size_t kEthHeaderLen = 14;
constexpr size_t kMacAddrsLen = 12;  // destination + source, before the first ethertype/TPID
constexpr size_t kVlanTagLen = 4;
constexpr uint16_t kEthTypeIpv4 = 0x0800;
constexpr uint16_t kEthTypeIpv6 = 0x86dd;
constexpr uint8_t kIpProtoTcp = 6;
constexpr uint8_t kIpProtoUdp = 17;
constexpr uint16_t kUdpChecksumOffset = 6;
constexpr uint16_t kTcpChecksumOffset = 16;
constexpr uint8_t kTcpFlagFin = 0x01;
constexpr uint8_t kTcpFlagPsh = 0x08;
constexpr uint8_t kTcpFlagCwr = 0x80;
// Ethernet + a few tags + IPv4 options or IPv6 extension headers + TCP options fit easily; a
// header larger than this in a GSO frame is treated as malformed rather than segmented.
constexpr size_t kMaxGsoHeaderLen = 512;

inline uint16_t Load16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
inline void Store16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
inline uint32_t Load32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) << 24 | static_cast<uint32_t>(p[1]) << 16 |
         static_cast<uint32_t>(p[2]) << 8 | p[3];
}
inline void Store32(uint8_t* p, uint32_t v) {
  Store16(p, static_cast<uint16_t>(v >> 16));
  Store16(p + 2, static_cast<uint16_t>(v));
}

// The frame as it was on the wire: the received bytes with the stripped tag put back after the
// MAC addresses. Offsets below are in these coordinates, which is also what the kernel uses for
// virtio_net_hdr.csum_start (it adds VLAN_HLEN when the tag lives in skb metadata).
class WireView {
 public:
  explicit WireView(const ReceivedFrame& in) : in_(in) {
    tagged_ = in.vlan_valid && in.length >= kMacAddrsLen;
    if (tagged_) {
      Store16(tag_, in.vlan_tpid);
      Store16(tag_ + 2, in.vlan_tci);
    }
  }
  size_t length() const { return in_.length + (tagged_ ? kVlanTagLen : 0); }

  // Copies wire bytes [offset, offset + n) to dst; the caller keeps the range within length().
  void CopyOut(size_t offset, uint8_t* dst, size_t n) const {
    if (!tagged_) {
      std::memcpy(dst, in_.data + offset, n);
      return;
    }
    while (n > 0) {
      size_t chunk;
      if (offset < kMacAddrsLen) {
        chunk = std::min(n, kMacAddrsLen - offset);
        std::memcpy(dst, in_.data + offset, chunk);
      } else if (offset < kMacAddrsLen + kVlanTagLen) {
        chunk = std::min(n, kMacAddrsLen + kVlanTagLen - offset);
        std::memcpy(dst, tag_ + (offset - kMacAddrsLen), chunk);
      } else {
        chunk = n;
        std::memcpy(dst, in_.data + offset - kVlanTagLen, chunk);
      }
      dst += chunk;
      offset += chunk;
      n -= chunk;
    }
  }

 private:
  const ReceivedFrame& in_;
  bool tagged_ = false;
  uint8_t tag_[kVlanTagLen] = {};
};

// Skips Ethernet and any stack of 802.1Q / 802.1ad tags. Returns false if the frame ends first.
bool FindNetworkHeader(const uint8_t* frame, size_t length, size_t* l3, uint16_t* ethertype) {
  if (length < kEthHeaderLen) return false;
  size_t off = kMacAddrsLen;
  uint16_t type = Load16(frame + off);
  while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
    off += kVlanTagLen;
    if (off + 2 > length) return false;
    type = Load16(frame + off);
  }
  *l3 = off + 2;
  *ethertype = type;
  return true;
}

// One's-complement sum of the pseudo-header (RFC 793 / RFC 8200 section 8.1) for an L4 segment.
uint64_t PseudoHeaderSum(const uint8_t* frame, size_t l3, uint16_t ethertype, uint8_t proto,
                         uint32_t l4_length) {
  if (ethertype == kEthTypeIpv4) {
    return ChecksumAdd(0, frame + l3 + 12, 8) + proto + l4_length;
  }
  return ChecksumAdd(0, frame + l3 + 8, 32) + (l4_length >> 16) + (l4_length & 0xffff) + proto;
}

void StoreL4Checksum(uint8_t* field, uint64_t sum, bool udp) {
  uint16_t value = static_cast<uint16_t>(~ChecksumFold(sum));
  // In UDP an all-zero checksum means "none" (RFC 768), so a computed zero is sent as 0xffff.
  if (udp && value == 0) value = 0xffff;
  Store16(field, value);
}

// CHECKSUM_PARTIAL contract: the field already holds the folded pseudo-header sum, so summing
// from csum_start to the end and complementing gives the final checksum.
bool CompletePartialChecksum(uint8_t* frame, size_t length, size_t start, size_t offset) {
  if (start + offset + 2 > length) return false;
  uint64_t sum = ChecksumAdd(0, frame + start, length - start);
  StoreL4Checksum(frame + start + offset, sum, offset == kUdpChecksumOffset);
  return true;
}

// Without a vnet header the kernel only says "checksum not ready"; find the L4 header ourselves
// and compute the checksum from scratch. Unknown layouts are left untouched.
bool CompleteChecksumByParsing(uint8_t* frame, size_t length) {
  size_t l3;
  uint16_t ethertype;
  if (!FindNetworkHeader(frame, length, &l3, &ethertype)) return false;
  size_t l4;
  uint8_t proto;
  if (ethertype == kEthTypeIpv4) {
    if (l3 + 20 > length) return false;
    l4 = l3 + (frame[l3] & 0x0f) * 4u;
    proto = frame[l3 + 9];
  } else if (ethertype == kEthTypeIpv6) {
    l4 = l3 + 40;
    proto = frame[l3 + 6];  // extension headers are not walked; such frames are left as they are
  } else {
    return false;
  }
  size_t field;
  if (proto == kIpProtoTcp) {
    field = kTcpChecksumOffset;
  } else if (proto == kIpProtoUdp) {
    field = kUdpChecksumOffset;
  } else {
    return false;
  }
  if (l4 + field + 2 > length) return false;
  Store16(frame + l4 + field, 0);
  uint64_t sum = PseudoHeaderSum(frame, l3, ethertype, proto, static_cast<uint32_t>(length - l4));
  sum = ChecksumAdd(sum, frame + l4, length - l4);
  StoreL4Checksum(frame + l4 + field, sum, proto == kIpProtoUdp);
  return true;
}

bool HasRoom(const ArenaSink& sink, size_t bytes, uint32_t frames) {
  return sink.used + bytes <= sink.capacity && sink.count + frames <= sink.max_frames;
}

void Append(ArenaSink& sink, size_t length, EmitStats& stats) {
  sink.table[2 * sink.count] = static_cast<uint32_t>(sink.used);
  sink.table[2 * sink.count + 1] = static_cast<uint32_t>(length);
  sink.count++;
  sink.used += length;
  stats.frames++;
  stats.bytes += length;
}

EmitResult EmitPlain(const ReceivedFrame& in, const WireView& wire, ArenaSink& sink,
                     EmitStats& stats) {
  size_t length = wire.length();
  if (length > sink.capacity) return EmitResult::kTooLarge;
  if (!HasRoom(sink, length, 1)) return EmitResult::kNoRoom;
  uint8_t* dst = sink.base + sink.used;
  wire.CopyOut(0, dst, length);
  if (in.has_vnet && (in.vnet.flags & kVnetFlagNeedsCsum)) {
    if (!CompletePartialChecksum(dst, length, in.vnet.csum_start, in.vnet.csum_offset)) {
      return EmitResult::kMalformed;
    }
    stats.checksum_completed = true;
  } else if (!in.has_vnet && in.csum_not_ready) {
    stats.checksum_completed = CompleteChecksumByParsing(dst, length);
  }
  Append(sink, length, stats);
  return EmitResult::kEmitted;
}

// Software GSO: cut a TCP or UDP super-frame into gso_size payload pieces, each with its own
// copy of the headers and correct lengths, IPv4 id and checksum, TCP sequence number and flags,
// and L4 checksum — what the sender's NIC would have put on the wire.
EmitResult EmitSegmented(const ReceivedFrame& in, const WireView& wire, ArenaSink& sink,
                         EmitStats& stats) {
  const uint8_t gso_type = in.vnet.gso_type & ~kVnetGsoEcn;
  const bool tcp = gso_type == kVnetGsoTcpV4 || gso_type == kVnetGsoTcpV6;
  if (!tcp && gso_type != kVnetGsoUdpL4) return EmitResult::kMalformed;
  if (!(in.vnet.flags & kVnetFlagNeedsCsum) || in.vnet.gso_size == 0) {
    return EmitResult::kMalformed;
  }
  const size_t length = wire.length();
  const size_t l4 = in.vnet.csum_start;
  if (l4 + 20 > length || l4 + 20 > kMaxGsoHeaderLen) return EmitResult::kMalformed;

  uint8_t headers[kMaxGsoHeaderLen];
  wire.CopyOut(0, headers, l4 + 20);
  size_t l3;
  uint16_t ethertype;
  if (!FindNetworkHeader(headers, l4, &l3, &ethertype)) return EmitResult::kMalformed;
  if (ethertype != kEthTypeIpv4 && ethertype != kEthTypeIpv6) return EmitResult::kMalformed;
  if (ethertype == kEthTypeIpv4 ? l3 + 20 > l4 : l3 + 40 > l4) return EmitResult::kMalformed;
  const size_t l4_header_len = tcp ? (headers[l4 + 12] >> 4) * 4u : 8u;
  const size_t header_len = l4 + l4_header_len;
  if (l4_header_len < 8 || header_len > length || header_len > kMaxGsoHeaderLen) {
    return EmitResult::kMalformed;
  }
  wire.CopyOut(0, headers, header_len);

  const size_t payload = length - header_len;
  const size_t mss = in.vnet.gso_size;
  const size_t segments = payload == 0 ? 1 : (payload + mss - 1) / mss;
  const size_t needed = segments * header_len + payload;
  if (needed > sink.capacity || segments > sink.max_frames) return EmitResult::kTooLarge;
  if (!HasRoom(sink, needed, static_cast<uint32_t>(segments))) return EmitResult::kNoRoom;

  const uint8_t proto = tcp ? kIpProtoTcp : kIpProtoUdp;
  const uint16_t first_ip_id = ethertype == kEthTypeIpv4 ? Load16(headers + l3 + 4) : 0;
  const uint32_t first_seq = tcp ? Load32(headers + l4 + 4) : 0;
  for (size_t i = 0; i < segments; i++) {
    const size_t offset = i * mss;
    const size_t chunk = std::min(mss, payload - offset);
    const size_t seg_len = header_len + chunk;
    uint8_t* dst = sink.base + sink.used;
    std::memcpy(dst, headers, header_len);
    wire.CopyOut(header_len + offset, dst + header_len, chunk);

    if (ethertype == kEthTypeIpv4) {
      const size_t ihl = (dst[l3] & 0x0f) * 4u;
      Store16(dst + l3 + 2, static_cast<uint16_t>(seg_len - l3));
      Store16(dst + l3 + 4, static_cast<uint16_t>(first_ip_id + i));
      Store16(dst + l3 + 10, 0);
      Store16(dst + l3 + 10, static_cast<uint16_t>(~ChecksumFold(ChecksumAdd(0, dst + l3, ihl))));
    } else {
      Store16(dst + l3 + 4, static_cast<uint16_t>(seg_len - l3 - 40));
    }
    size_t field;
    if (tcp) {
      Store32(dst + l4 + 4, first_seq + static_cast<uint32_t>(offset));
      uint8_t flags = dst[l4 + 13];
      if (i + 1 < segments) flags &= static_cast<uint8_t>(~(kTcpFlagFin | kTcpFlagPsh));
      if (i > 0) flags &= static_cast<uint8_t>(~kTcpFlagCwr);
      dst[l4 + 13] = flags;
      field = kTcpChecksumOffset;
    } else {
      Store16(dst + l4 + 4, static_cast<uint16_t>(seg_len - l4));
      field = kUdpChecksumOffset;
    }
    Store16(dst + l4 + field, 0);
    const uint32_t l4_len = static_cast<uint32_t>(seg_len - l4);
    uint64_t sum = PseudoHeaderSum(dst, l3, ethertype, proto, l4_len);
    sum = ChecksumAdd(sum, dst + l4, l4_len);
    StoreL4Checksum(dst + l4 + field, sum, !tcp);
    Append(sink, seg_len, stats);
  }
  stats.checksum_completed = true;
  stats.segmented = segments > 1;
  return EmitResult::kEmitted;
}

}  // namespace

uint64_t ChecksumAdd(uint64_t sum, const uint8_t* data, size_t length) {
  size_t i = 0;
  for (; i + 1 < length; i += 2) sum += Load16(data + i);
  if (i < length) sum += static_cast<uint64_t>(data[i]) << 8;
  return sum;
}

uint16_t ChecksumFold(uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}

EmitResult EmitFrame(const ReceivedFrame& in, ArenaSink& sink, EmitStats& stats) {
  stats = EmitStats{};
  WireView wire(in);
  if (in.has_vnet && in.vnet.gso_type != kVnetGsoNone) {
    return EmitSegmented(in, wire, sink, stats);
  }
  return EmitPlain(in, wire, sink, stats);
}

}  // namespace sluice
