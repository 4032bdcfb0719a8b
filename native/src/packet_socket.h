// One switch port's raw frame I/O: an AF_PACKET socket bound to one interface.
//
// Calling rules (JS side, single-threaded like everything on the event loop):
//   - setRxBuffers()/setTxBuffers() hand over the shared arenas once; recvBurst()/sendBurst()
//     then take no buffers, so one burst costs one JS->C++ crossing and no allocation.
//   - recvBurst() performs at most one recvmmsg() and returns how many frames it wrote into the
//     receive arena (frames left over when the arena fills are kept and returned next call).
//   - startPolling(cb) calls cb(status) whenever the socket is readable; cb drains with
//     recvBurst() until it returns 0 or its own per-wake cap.
//   - close() is idempotent; after it every method returns -EBADF or does nothing.
#pragma once

#include <linux/if_packet.h>
#include <napi.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "fd_poller.h"
#include "frame_offload.h"

namespace sluice {

// Counter slots shared with switch/port/native-binding.ts (same order there).
enum Counter : int {
  kRxPackets, kRxBytes, kRxDropped, kRxErrors, kRxFrameErr, kRxOverErr,
  kTxPackets, kTxBytes, kTxDropped, kTxErrors,
  kRxChecksumCompleted, kRxSegmented, kRxSegments,
  kCounterCount,
};

class PacketSocket : public Napi::ObjectWrap<PacketSocket> {
 public:
  static constexpr unsigned kBurst = 64;  // frames per recvmmsg/sendmmsg call

  static Napi::Function Init(Napi::Env env);
  explicit PacketSocket(const Napi::CallbackInfo& info);
  ~PacketSocket() override;

 private:
  Napi::Value SetRxBuffers(const Napi::CallbackInfo& info);
  Napi::Value SetTxBuffers(const Napi::CallbackInfo& info);
  Napi::Value RecvBurst(const Napi::CallbackInfo& info);
  Napi::Value SendBurst(const Napi::CallbackInfo& info);
  Napi::Value StartPolling(const Napi::CallbackInfo& info);
  Napi::Value StopPolling(const Napi::CallbackInfo& info);
  Napi::Value ReadCounters(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value GetIfindex(const Napi::CallbackInfo& info);
  Napi::Value GetFeatures(const Napi::CallbackInfo& info);

  void Open(Napi::Env env, const std::string& ifname, int rcvbuf, int sndbuf, bool promiscuous);
  void EmitStaged();
  void OnPoll(int status);
  void StopPollingNow();
  void CloseNow();
  static void OnEnvCleanup(void* arg);

  int fd_ = -1;
  int ifindex_ = 0;
  bool ignore_outgoing_ = false;  // kernel drops our own transmissions before they reach us
  bool vnet_hdr_ = false;         // frames carry a VnetHeader (checksum/GSO metadata)

  // Staging: recvmmsg writes here; EmitStaged() finishes offloads into the JS arena.
  uint8_t* staging_ = nullptr;
  size_t staging_size_ = 0;
  std::array<mmsghdr, kBurst> rx_msgs_{};
  std::array<iovec, 2 * kBurst> rx_iov_{};
  std::array<sockaddr_ll, kBurst> rx_addr_{};
  std::array<VnetHeader, kBurst> rx_vnet_{};
  std::unique_ptr<uint8_t[]> rx_control_;
  unsigned staged_count_ = 0;
  unsigned staged_next_ = 0;

  ArenaSink rx_sink_;
  Napi::Reference<Napi::Value> rx_arena_ref_;
  Napi::Reference<Napi::Value> rx_table_ref_;

  uint8_t* tx_base_ = nullptr;
  size_t tx_capacity_ = 0;
  const uint32_t* tx_table_ = nullptr;
  uint32_t tx_max_frames_ = 0;
  Napi::Reference<Napi::Value> tx_arena_ref_;
  Napi::Reference<Napi::Value> tx_table_ref_;
  std::array<mmsghdr, kBurst> tx_msgs_{};
  std::array<iovec, 2 * kBurst> tx_iov_{};
  VnetHeader tx_vnet_{};  // all zero: a plain frame, nothing for the kernel to finish

  uint64_t counters_[kCounterCount] = {};

  FdPoller poller_;
  Napi::FunctionReference poll_callback_;
  std::unique_ptr<Napi::AsyncContext> async_context_;
  bool referenced_ = false;
  bool cleanup_hook_ = false;
};

}  // namespace sluice
