#include "link_monitor.h"

#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace sluice {
namespace {

// Bounds the work done per event-loop turn: a flood of link events (e.g. hundreds of interfaces
// created at once) must not starve packet I/O. The socket stays readable, so we are called again.
constexpr int kMaxReadsPerWake = 16;
constexpr size_t kBufferSize = 64 * 1024;

Napi::Object DecodeLink(Napi::Env env, const nlmsghdr* nh) {
  Napi::Object event = Napi::Object::New(env);
  event.Set("type", nh->nlmsg_type == RTM_DELLINK ? "dellink" : "newlink");
  const auto* ifi = static_cast<const ifinfomsg*>(NLMSG_DATA(nh));
  event.Set("ifindex", ifi->ifi_index);
  event.Set("flags", static_cast<double>(ifi->ifi_flags));
  int remaining = static_cast<int>(IFLA_PAYLOAD(nh));
  for (const rtattr* rta = IFLA_RTA(ifi); RTA_OK(rta, remaining); rta = RTA_NEXT(rta, remaining)) {
    const void* data = RTA_DATA(rta);
    const size_t len = RTA_PAYLOAD(rta);
    switch (rta->rta_type) {
      case IFLA_IFNAME:
        event.Set("ifname", std::string(static_cast<const char*>(data), strnlen(static_cast<const char*>(data), len)));
        break;
      case IFLA_MTU:
        if (len >= 4) event.Set("mtu", *static_cast<const uint32_t*>(data));
        break;
      case IFLA_OPERSTATE:
        if (len >= 1) event.Set("operstate", *static_cast<const uint8_t*>(data));
        break;
      case IFLA_CARRIER:
        if (len >= 1) event.Set("carrier", *static_cast<const uint8_t*>(data) != 0);
        break;
      case IFLA_ADDRESS:
        if (len == 6) event.Set("hwAddr", Napi::Buffer<uint8_t>::Copy(env, static_cast<const uint8_t*>(data), 6));
        break;
      default:
        break;
    }
  }
  return event;
}

}  // namespace

Napi::Function LinkMonitor::Init(Napi::Env env) {
  return DefineClass(env, "LinkMonitor", {InstanceMethod("close", &LinkMonitor::Close)});
}

LinkMonitor::LinkMonitor(const Napi::CallbackInfo& info) : Napi::ObjectWrap<LinkMonitor>(info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsFunction()) {
    throw Napi::TypeError::New(env, "LinkMonitor(callback): callback must be a function");
  }
  fd_ = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd_ < 0) throw Napi::Error::New(env, std::string("socket(AF_NETLINK): ") + strerror(errno));
  sockaddr_nl addr{};
  addr.nl_family = AF_NETLINK;
  addr.nl_groups = RTMGRP_LINK;
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) < 0) {
    int err = errno;
    CloseNow();
    throw Napi::Error::New(env, std::string("bind(RTMGRP_LINK): ") + strerror(err));
  }
  int rcvbuf = 1 << 20;
  setsockopt(fd_, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
  buffer_.resize(kBufferSize);
  callback_ = Napi::Persistent(info[0].As<Napi::Function>());
  async_context_ = std::make_unique<Napi::AsyncContext>(env, "sluice:LinkMonitor");
  int rc = poller_.Init(env, fd_, [this](int status, int) { OnReadable(status); });
  if (rc == 0) rc = poller_.Start(UV_READABLE);
  if (rc != 0) {
    CloseNow();
    throw Napi::Error::New(env, std::string("uv_poll: ") + uv_strerror(rc));
  }
  // Polling keeps the wrapper alive until close(): the callback must not outlive its owner.
  Ref();
  referenced_ = true;
  napi_add_env_cleanup_hook(env, &LinkMonitor::OnEnvCleanup, this);
  cleanup_hook_ = true;
}

LinkMonitor::~LinkMonitor() { CloseNow(); }

void LinkMonitor::OnEnvCleanup(void* arg) {
  auto* self = static_cast<LinkMonitor*>(arg);
  self->cleanup_hook_ = false;
  self->CloseNow();
}

void LinkMonitor::CloseNow() {
  poller_.Close();
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (cleanup_hook_) {
    napi_remove_env_cleanup_hook(Env(), &LinkMonitor::OnEnvCleanup, this);
    cleanup_hook_ = false;
  }
}

Napi::Value LinkMonitor::Close(const Napi::CallbackInfo& info) {
  CloseNow();
  callback_.Reset();
  if (referenced_) {
    referenced_ = false;
    Unref();
  }
  return info.Env().Undefined();
}

void LinkMonitor::OnReadable(int status) {
  if (fd_ < 0) return;
  Napi::Env env = Env();
  Napi::HandleScope scope(env);
  Napi::Array events = Napi::Array::New(env);
  uint32_t n = 0;
  if (status < 0) poller_.Start(UV_READABLE);  // libuv stopped the handle on POLLERR
  for (int reads = 0; reads < kMaxReadsPerWake; reads++) {
    ssize_t len = recv(fd_, buffer_.data(), buffer_.size(), MSG_DONTWAIT);
    if (len < 0) {
      if (errno == EINTR) continue;
      if (errno == ENOBUFS) {
        // The kernel dropped events: tell the owner to re-read every interface it cares about.
        Napi::Object overrun = Napi::Object::New(env);
        overrun.Set("type", "overrun");
        events.Set(n++, overrun);
        continue;
      }
      break;  // EAGAIN: drained
    }
    int remaining = static_cast<int>(len);
    for (auto* nh = reinterpret_cast<const nlmsghdr*>(buffer_.data()); NLMSG_OK(nh, remaining);
         nh = NLMSG_NEXT(nh, remaining)) {
      if ((nh->nlmsg_type == RTM_NEWLINK || nh->nlmsg_type == RTM_DELLINK) &&
          nh->nlmsg_len >= NLMSG_LENGTH(sizeof(ifinfomsg))) {
        events.Set(n++, DecodeLink(env, nh));
      }
    }
  }
  if (n == 0 || callback_.IsEmpty()) return;
  try {
    callback_.MakeCallback(Value(), {events}, *async_context_);
  } catch (const Napi::Error& e) {
    napi_fatal_exception(env, e.Value());
  }
}

}  // namespace sluice
