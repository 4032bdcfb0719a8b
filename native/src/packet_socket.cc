#include "packet_socket.h"

#include <net/if.h>  // before any <linux/...> header that could pull in <linux/if.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sluice {
namespace {

// Large enough for a GSO super-frame (64 KiB of IP) plus link-layer headers; untouched pages of
// the mapping cost no memory, so small frames only ever touch the first page of their slot.
constexpr size_t kStagingSlot = 65536 + 512;
// One full-size frame (the most a 1500-MTU link delivers, with two tags) must always fit.
constexpr size_t kMinRxArena = 2048;
constexpr size_t kControlSpace = CMSG_SPACE(sizeof(tpacket_auxdata));

Napi::Error ErrnoError(Napi::Env env, const std::string& ifname, const char* syscall, int err) {
  Napi::Error e = Napi::Error::New(env, "AF_PACKET " + ifname + ": " + syscall + ": " + strerror(err));
  e.Set("errno", Napi::Number::New(env, err));
  e.Set("syscall", Napi::String::New(env, syscall));
  return e;
}

// Accepts an ArrayBuffer or any TypedArray/DataView and returns its bytes.
bool BytesOf(Napi::Value value, uint8_t** data, size_t* length) {
  if (value.IsArrayBuffer()) {
    auto ab = value.As<Napi::ArrayBuffer>();
    *data = static_cast<uint8_t*>(ab.Data());
    *length = ab.ByteLength();
    return true;
  }
  if (value.IsTypedArray()) {
    auto ta = value.As<Napi::TypedArray>();
    *data = static_cast<uint8_t*>(ta.ArrayBuffer().Data()) + ta.ByteOffset();
    *length = ta.ByteLength();
    return true;
  }
  return false;
}

bool TableOf(Napi::Value value, uint32_t** data, uint32_t* max_frames) {
  if (!value.IsTypedArray()) return false;
  auto ta = value.As<Napi::TypedArray>();
  if (ta.TypedArrayType() != napi_uint32_array) return false;
  auto arr = value.As<Napi::Uint32Array>();
  *data = arr.Data();
  *max_frames = static_cast<uint32_t>(arr.ElementLength() / 2);
  return true;
}

}  // namespace

Napi::Function PacketSocket::Init(Napi::Env env) {
  return DefineClass(env, "PacketSocket",
                     {
                         InstanceMethod("setRxBuffers", &PacketSocket::SetRxBuffers),
                         InstanceMethod("setTxBuffers", &PacketSocket::SetTxBuffers),
                         InstanceMethod("recvBurst", &PacketSocket::RecvBurst),
                         InstanceMethod("sendBurst", &PacketSocket::SendBurst),
                         InstanceMethod("startPolling", &PacketSocket::StartPolling),
                         InstanceMethod("stopPolling", &PacketSocket::StopPolling),
                         InstanceMethod("readCounters", &PacketSocket::ReadCounters),
                         InstanceMethod("close", &PacketSocket::Close),
                         InstanceAccessor("ifindex", &PacketSocket::GetIfindex, nullptr),
                         InstanceAccessor("features", &PacketSocket::GetFeatures, nullptr),
                     });
}

// new PacketSocket(ifname, { rcvbuf, sndbuf, promiscuous })
PacketSocket::PacketSocket(const Napi::CallbackInfo& info) : Napi::ObjectWrap<PacketSocket>(info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) {
    throw Napi::TypeError::New(env, "PacketSocket(ifname, options?): ifname must be a string");
  }
  std::string ifname = info[0].As<Napi::String>();
  int rcvbuf = 4 << 20;
  int sndbuf = 4 << 20;
  bool promiscuous = true;
  if (info.Length() > 1 && info[1].IsObject()) {
    Napi::Object options = info[1].As<Napi::Object>();
    if (options.Get("rcvbuf").IsNumber()) rcvbuf = options.Get("rcvbuf").As<Napi::Number>().Int32Value();
    if (options.Get("sndbuf").IsNumber()) sndbuf = options.Get("sndbuf").As<Napi::Number>().Int32Value();
    if (options.Get("promiscuous").IsBoolean()) promiscuous = options.Get("promiscuous").As<Napi::Boolean>();
  }
  try {
    Open(env, ifname, rcvbuf, sndbuf, promiscuous);
  } catch (...) {
    CloseNow();
    throw;
  }
  napi_add_env_cleanup_hook(env, &PacketSocket::OnEnvCleanup, this);
  cleanup_hook_ = true;
}

void PacketSocket::Open(Napi::Env env, const std::string& ifname, int rcvbuf, int sndbuf,
                        bool promiscuous) {
  if (ifname.empty() || ifname.size() >= IFNAMSIZ) throw ErrnoError(env, ifname, "if_nametoindex", ENODEV);
  ifindex_ = static_cast<int>(if_nametoindex(ifname.c_str()));
  if (ifindex_ == 0) throw ErrnoError(env, ifname, "if_nametoindex", errno);

  // Protocol 0: the socket receives nothing until bind() names both protocol and interface, so
  // no frame from another interface can slip in while we configure it.
  fd_ = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw ErrnoError(env, ifname, "socket", errno);

  const int one = 1;
  if (setsockopt(fd_, SOL_PACKET, PACKET_AUXDATA, &one, sizeof(one)) < 0) {
    throw ErrnoError(env, ifname, "setsockopt(PACKET_AUXDATA)", errno);
  }
  // Optional: without it we fall back to TP_STATUS_CSUMNOTREADY and cannot segment GSO frames.
  vnet_hdr_ = setsockopt(fd_, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one)) == 0;
  // Optional (Linux >= 4.20): otherwise outgoing frames are filtered by sll_pkttype.
  ignore_outgoing_ = setsockopt(fd_, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) == 0;
  // *BUFFORCE ignores rmem_max/wmem_max (needs CAP_NET_ADMIN, which AF_PACKET needs anyway).
  if (setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0) {
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
  }
  if (setsockopt(fd_, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(sndbuf)) < 0) {
    setsockopt(fd_, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
  }

  sockaddr_ll addr{};
  addr.sll_family = AF_PACKET;
  addr.sll_protocol = htons(ETH_P_ALL);
  addr.sll_ifindex = ifindex_;
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) < 0) {
    throw ErrnoError(env, ifname, "bind", errno);
  }
  if (promiscuous) {
    packet_mreq mreq{};
    mreq.mr_ifindex = ifindex_;
    mreq.mr_type = PACKET_MR_PROMISC;
    if (setsockopt(fd_, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq, sizeof(mreq)) < 0) {
      throw ErrnoError(env, ifname, "setsockopt(PACKET_ADD_MEMBERSHIP)", errno);
    }
  }

  staging_size_ = kStagingSlot * kBurst;
  void* mem = mmap(nullptr, staging_size_, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) {
    staging_size_ = 0;
    throw ErrnoError(env, ifname, "mmap", errno);
  }
  staging_ = static_cast<uint8_t*>(mem);
  rx_control_.reset(new uint8_t[kControlSpace * kBurst]);

  for (unsigned i = 0; i < kBurst; i++) {
    iovec* iov = &rx_iov_[2 * i];
    int iovlen = 0;
    if (vnet_hdr_) iov[iovlen++] = {&rx_vnet_[i], sizeof(VnetHeader)};
    iov[iovlen++] = {staging_ + i * kStagingSlot, kStagingSlot};
    msghdr& h = rx_msgs_[i].msg_hdr;
    h.msg_name = &rx_addr_[i];
    h.msg_iov = iov;
    h.msg_iovlen = iovlen;
    h.msg_control = rx_control_.get() + i * kControlSpace;
  }
}

PacketSocket::~PacketSocket() { CloseNow(); }

void PacketSocket::OnEnvCleanup(void* arg) {
  auto* self = static_cast<PacketSocket*>(arg);
  self->cleanup_hook_ = false;
  self->CloseNow();
}

Napi::Value PacketSocket::SetRxBuffers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint8_t* base;
  size_t capacity;
  uint32_t* table;
  uint32_t max_frames;
  if (info.Length() < 2 || !BytesOf(info[0], &base, &capacity) || !TableOf(info[1], &table, &max_frames)) {
    throw Napi::TypeError::New(env, "setRxBuffers(arena: ArrayBuffer|Uint8Array, table: Uint32Array)");
  }
  if (capacity > UINT32_MAX) throw Napi::RangeError::New(env, "setRxBuffers: arena larger than 4 GiB");
  // An arena that cannot take a single frame would leave frames staged forever while the socket
  // stays readable: the event loop would spin on it.
  if (max_frames == 0 || capacity < kMinRxArena) {
    throw Napi::RangeError::New(env, "setRxBuffers: need room for at least one frame of " +
                                         std::to_string(kMinRxArena) + " bytes");
  }
  rx_arena_ref_ = Napi::Persistent(info[0]);
  rx_table_ref_ = Napi::Persistent(info[1]);
  rx_sink_ = ArenaSink{};
  rx_sink_.base = base;
  rx_sink_.capacity = capacity;
  rx_sink_.table = table;
  rx_sink_.max_frames = max_frames;
  return env.Undefined();
}

Napi::Value PacketSocket::SetTxBuffers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t* table;
  if (info.Length() < 2 || !BytesOf(info[0], &tx_base_, &tx_capacity_) ||
      !TableOf(info[1], &table, &tx_max_frames_)) {
    throw Napi::TypeError::New(env, "setTxBuffers(arena: ArrayBuffer|Uint8Array, table: Uint32Array)");
  }
  tx_table_ = table;
  tx_arena_ref_ = Napi::Persistent(info[0]);
  tx_table_ref_ = Napi::Persistent(info[1]);
  return env.Undefined();
}

void PacketSocket::EmitStaged() {
  EmitStats stats;
  for (; staged_next_ < staged_count_; staged_next_++) {
    const unsigned i = staged_next_;
    const mmsghdr& m = rx_msgs_[i];
    if (!ignore_outgoing_ && rx_addr_[i].sll_pkttype == PACKET_OUTGOING) continue;
    if (m.msg_hdr.msg_flags & MSG_TRUNC) {
      counters_[kRxOverErr]++;
      counters_[kRxErrors]++;
      continue;
    }
    ReceivedFrame frame;
    frame.data = staging_ + i * kStagingSlot;
    frame.length = m.msg_len;
    if (vnet_hdr_) {
      if (frame.length < sizeof(VnetHeader)) {
        counters_[kRxFrameErr]++;
        counters_[kRxErrors]++;
        continue;
      }
      frame.length -= sizeof(VnetHeader);
      frame.has_vnet = true;
      frame.vnet = rx_vnet_[i];
    }
    const msghdr& h = m.msg_hdr;
    for (cmsghdr* c = CMSG_FIRSTHDR(&h); c != nullptr; c = CMSG_NXTHDR(const_cast<msghdr*>(&h), c)) {
      if (c->cmsg_level != SOL_PACKET || c->cmsg_type != PACKET_AUXDATA) continue;
      if (c->cmsg_len < CMSG_LEN(sizeof(tpacket_auxdata))) continue;
      tpacket_auxdata aux;
      std::memcpy(&aux, CMSG_DATA(c), sizeof(aux));
      if (aux.tp_status & TP_STATUS_VLAN_VALID) {
        frame.vlan_valid = true;
        frame.vlan_tci = aux.tp_vlan_tci;
        frame.vlan_tpid = (aux.tp_status & TP_STATUS_VLAN_TPID_VALID) ? aux.tp_vlan_tpid : ETH_P_8021Q;
      }
      frame.csum_not_ready = (aux.tp_status & TP_STATUS_CSUMNOTREADY) != 0;
    }
    switch (EmitFrame(frame, rx_sink_, stats)) {
      case EmitResult::kNoRoom:
        return;  // keep it staged for the next recvBurst()
      case EmitResult::kEmitted:
        counters_[kRxPackets] += stats.frames;
        counters_[kRxBytes] += stats.bytes;
        if (stats.checksum_completed) counters_[kRxChecksumCompleted]++;
        if (stats.segmented) {
          counters_[kRxSegmented]++;
          counters_[kRxSegments] += stats.frames;
        }
        break;
      case EmitResult::kTooLarge:
        counters_[kRxOverErr]++;
        counters_[kRxErrors]++;
        break;
      case EmitResult::kMalformed:
        counters_[kRxFrameErr]++;
        counters_[kRxErrors]++;
        break;
    }
  }
}

Napi::Value PacketSocket::RecvBurst(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (fd_ < 0) return Napi::Number::New(env, -EBADF);
  if (rx_sink_.base == nullptr) throw Napi::Error::New(env, "recvBurst: call setRxBuffers first");
  rx_sink_.Reset();
  EmitStaged();
  if (staged_next_ < staged_count_) return Napi::Number::New(env, rx_sink_.count);

  for (unsigned i = 0; i < kBurst; i++) {
    msghdr& h = rx_msgs_[i].msg_hdr;
    h.msg_namelen = sizeof(sockaddr_ll);
    h.msg_controllen = kControlSpace;
    h.msg_flags = 0;
  }
  int n = recvmmsg(fd_, rx_msgs_.data(), kBurst, MSG_DONTWAIT, nullptr);
  if (n < 0) {
    int err = errno;
    staged_count_ = staged_next_ = 0;
    if (err == EAGAIN || err == EWOULDBLOCK || err == EINTR || rx_sink_.count > 0) {
      return Napi::Number::New(env, rx_sink_.count);
    }
    // A frame whose offload metadata the kernel could not express (EINVAL) was consumed and
    // dropped; the caller just tries again. ENETDOWN and friends are link state, reported as is.
    if (err == EINVAL) counters_[kRxErrors]++;
    return Napi::Number::New(env, -err);
  }
  staged_count_ = static_cast<unsigned>(n);
  staged_next_ = 0;
  EmitStaged();
  return Napi::Number::New(env, rx_sink_.count);
}

// sendBurst(count): frames 0..count-1 of the tx table. Returns how many the kernel accepted;
// the rest are counted as tx_dropped (queue full, link down) or tx_errors (bad frame).
Napi::Value PacketSocket::SendBurst(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (fd_ < 0) return Napi::Number::New(env, -EBADF);
  if (tx_table_ == nullptr) throw Napi::Error::New(env, "sendBurst: call setTxBuffers first");
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "sendBurst(count: number)");
  int64_t requested = info[0].As<Napi::Number>().Int64Value();
  uint32_t count = requested <= 0 ? 0 : static_cast<uint32_t>(std::min<int64_t>(requested, tx_max_frames_));
  uint32_t sent = 0;
  uint32_t next = 0;
  while (next < count) {
    unsigned n = 0;
    for (; n < kBurst && next < count; next++) {
      const uint32_t offset = tx_table_[2 * next];
      const uint32_t length = tx_table_[2 * next + 1];
      if (length < ETH_HLEN || static_cast<size_t>(offset) + length > tx_capacity_) {
        counters_[kTxErrors]++;
        continue;
      }
      iovec* iov = &tx_iov_[2 * n];
      int iovlen = 0;
      if (vnet_hdr_) iov[iovlen++] = {&tx_vnet_, sizeof(tx_vnet_)};
      iov[iovlen++] = {tx_base_ + offset, length};
      tx_msgs_[n].msg_hdr = msghdr{};
      tx_msgs_[n].msg_hdr.msg_iov = iov;
      tx_msgs_[n].msg_hdr.msg_iovlen = iovlen;
      n++;
    }
    unsigned done = 0;
    while (done < n) {
      int r = sendmmsg(fd_, &tx_msgs_[done], n - done, MSG_DONTWAIT);
      if (r > 0) {
        for (int k = 0; k < r; k++) {
          counters_[kTxPackets]++;
          counters_[kTxBytes] += tx_msgs_[done + k].msg_len - (vnet_hdr_ ? sizeof(tx_vnet_) : 0);
        }
        done += r;
        sent += r;
        continue;
      }
      const int err = errno;
      if (err == EINTR) continue;
      if (err == EAGAIN || err == EWOULDBLOCK || err == ENETDOWN || err == ENXIO || err == ENODEV) {
        // Socket buffer full or link gone: like a full NIC queue, the rest of the burst is dropped.
        counters_[kTxDropped] += (n - done) + (count - next);
        return Napi::Number::New(env, sent);
      }
      if (err == ENOBUFS) {
        counters_[kTxDropped]++;  // the queue behind the device refused this one frame
      } else {
        counters_[kTxErrors]++;  // EMSGSIZE and other per-frame faults
      }
      done++;
    }
  }
  return Napi::Number::New(env, sent);
}

Napi::Value PacketSocket::StartPolling(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsFunction()) {
    throw Napi::TypeError::New(env, "startPolling(callback: (status: number) => void)");
  }
  if (fd_ < 0) throw Napi::Error::New(env, "startPolling: socket is closed");
  poll_callback_ = Napi::Persistent(info[0].As<Napi::Function>());
  if (!async_context_) async_context_ = std::make_unique<Napi::AsyncContext>(env, "sluice:PacketSocket");
  int rc = 0;
  if (!poller_.active()) {
    rc = poller_.Init(env, fd_, [this](int status, int) { OnPoll(status); });
    if (rc == 0) rc = poller_.Start(UV_READABLE);
  }
  if (rc != 0) throw Napi::Error::New(env, std::string("uv_poll: ") + uv_strerror(rc));
  // While polling, the event loop holds a callback into this object, so the object must stay.
  if (!referenced_) {
    Ref();
    referenced_ = true;
  }
  return env.Undefined();
}

void PacketSocket::OnPoll(int status) {
  if (fd_ < 0) return;
  int report = status;
  if (status < 0) {
    // POLLERR: the kernel set sk_err (ENETDOWN on link down or interface removal). Reading
    // SO_ERROR clears it; only then is re-arming safe, else POLLERR would fire forever.
    int so_error = 0;
    socklen_t len = sizeof(so_error);
    getsockopt(fd_, SOL_SOCKET, SO_ERROR, &so_error, &len);
    if (so_error != 0) {
      report = -so_error;
      poller_.Start(UV_READABLE);
    }
  }
  if (poll_callback_.IsEmpty()) return;
  Napi::Env env = Env();
  Napi::HandleScope scope(env);
  try {
    poll_callback_.MakeCallback(Value(), {Napi::Number::New(env, report)}, *async_context_);
  } catch (const Napi::Error& e) {
    napi_fatal_exception(env, e.Value());
  }
}

void PacketSocket::StopPollingNow() {
  poller_.Close();
  poll_callback_.Reset();
  if (referenced_) {
    referenced_ = false;
    Unref();
  }
}

Napi::Value PacketSocket::StopPolling(const Napi::CallbackInfo& info) {
  StopPollingNow();
  return info.Env().Undefined();
}

// readCounters(out: Float64Array): counters in the order of enum Counter. Doubles are exact up
// to 2^53, far beyond any port's lifetime at line rate.
Napi::Value PacketSocket::ReadCounters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throw Napi::TypeError::New(env, "readCounters(out: Float64Array)");
  }
  if (fd_ >= 0) {
    // PACKET_STATISTICS resets on read, so accumulate the kernel's drops (receive queue full).
    tpacket_stats stats{};
    socklen_t len = sizeof(stats);
    if (getsockopt(fd_, SOL_PACKET, PACKET_STATISTICS, &stats, &len) == 0) {
      counters_[kRxDropped] += stats.tp_drops;
    }
  }
  auto out = info[0].As<Napi::Float64Array>();
  const size_t n = std::min<size_t>(out.ElementLength(), kCounterCount);
  for (size_t i = 0; i < n; i++) out[i] = static_cast<double>(counters_[i]);
  return env.Undefined();
}

void PacketSocket::CloseNow() {
  if (referenced_) {
    StopPollingNow();
  } else {
    poller_.Close();
  }
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (staging_ != nullptr) {
    munmap(staging_, staging_size_);
    staging_ = nullptr;
    staging_size_ = 0;
  }
  staged_count_ = staged_next_ = 0;
  rx_sink_ = ArenaSink{};
  tx_table_ = nullptr;
  tx_base_ = nullptr;
  if (cleanup_hook_) {
    napi_remove_env_cleanup_hook(Env(), &PacketSocket::OnEnvCleanup, this);
    cleanup_hook_ = false;
  }
}

Napi::Value PacketSocket::Close(const Napi::CallbackInfo& info) {
  CloseNow();
  rx_arena_ref_.Reset();
  rx_table_ref_.Reset();
  tx_arena_ref_.Reset();
  tx_table_ref_.Reset();
  return info.Env().Undefined();
}

Napi::Value PacketSocket::GetIfindex(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), ifindex_);
}

Napi::Value PacketSocket::GetFeatures(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object features = Napi::Object::New(env);
  features.Set("ignoreOutgoing", ignore_outgoing_);
  features.Set("vnetHdr", vnet_hdr_);
  features.Set("burst", kBurst);
  return features;
}

}  // namespace sluice
