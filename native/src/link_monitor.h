// Link events from the kernel (RTNETLINK, group RTMGRP_LINK), delivered to one JS callback
// through the event loop. A switch needs these to send OFPT_PORT_STATUS when carrier or
// administrative state changes and when an interface disappears (hot-unplug, namespace move).
#pragma once

#include <napi.h>

#include <memory>
#include <vector>

#include "fd_poller.h"

namespace sluice {

class LinkMonitor : public Napi::ObjectWrap<LinkMonitor> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit LinkMonitor(const Napi::CallbackInfo& info);
  ~LinkMonitor() override;

 private:
  Napi::Value Close(const Napi::CallbackInfo& info);
  void CloseNow();
  void OnReadable(int status);
  static void OnEnvCleanup(void* arg);

  int fd_ = -1;
  FdPoller poller_;
  Napi::FunctionReference callback_;
  std::unique_ptr<Napi::AsyncContext> async_context_;
  std::vector<uint8_t> buffer_;
  bool cleanup_hook_ = false;
  bool referenced_ = false;
};

}  // namespace sluice
