// Readiness of one file descriptor through the Node event loop (libuv uv_poll_t).
//
// The uv_poll_t lives on the heap and is freed in its close callback, never by this object's
// destructor, because libuv may still reference it until that callback runs. Close() detaches
// the handle from this object first, so a wrapper that is garbage collected (or closed twice)
// can never be called back.
#pragma once

#include <node_api.h>
#include <uv.h>

#include <functional>

namespace sluice {

class FdPoller {
 public:
  // status is 0 or a negative libuv error (UV_EBADF when the kernel reported POLLERR; libuv has
  // stopped the handle in that case and Start() must be called again to keep watching).
  using Callback = std::function<void(int status, int events)>;

  FdPoller() = default;
  FdPoller(const FdPoller&) = delete;
  FdPoller& operator=(const FdPoller&) = delete;
  ~FdPoller() { Close(); }

  // Returns 0 or a negative libuv error.
  int Init(napi_env env, int fd, Callback callback);
  int Start(int events);
  void Stop();
  void Close();
  bool active() const { return handle_ != nullptr && started_; }

 private:
  static void OnPoll(uv_poll_t* handle, int status, int events);

  uv_poll_t* handle_ = nullptr;
  Callback callback_;
  bool started_ = false;
};

}  // namespace sluice
