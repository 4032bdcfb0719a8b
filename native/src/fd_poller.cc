#include "fd_poller.h"

namespace sluice {

int FdPoller::Init(napi_env env, int fd, Callback callback) {
  Close();
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok || loop == nullptr) return UV_EINVAL;
  auto* handle = new uv_poll_t;
  int rc = uv_poll_init(loop, handle, fd);
  if (rc != 0) {
    delete handle;  // never registered with the loop, so no uv_close needed
    return rc;
  }
  handle->data = this;
  handle_ = handle;
  callback_ = std::move(callback);
  return 0;
}

int FdPoller::Start(int events) {
  if (handle_ == nullptr) return UV_EBADF;
  int rc = uv_poll_start(handle_, events, &FdPoller::OnPoll);
  started_ = rc == 0;
  return rc;
}

void FdPoller::Stop() {
  if (handle_ != nullptr && started_) uv_poll_stop(handle_);
  started_ = false;
}

void FdPoller::Close() {
  if (handle_ == nullptr) return;
  Stop();
  uv_poll_t* handle = handle_;
  handle_ = nullptr;
  handle->data = nullptr;  // a callback already queued for this turn must find nobody home
  uv_close(reinterpret_cast<uv_handle_t*>(handle),
           [](uv_handle_t* h) { delete reinterpret_cast<uv_poll_t*>(h); });
  callback_ = nullptr;
}

void FdPoller::OnPoll(uv_poll_t* handle, int status, int events) {
  auto* self = static_cast<FdPoller*>(handle->data);
  if (self == nullptr) return;
  // libuv stops the handle itself when it reports an error.
  if (status < 0) self->started_ = false;
  // Copy: the callback may Close() this poller, which clears callback_ while it runs.
  Callback callback = self->callback_;
  if (callback) callback(status, events);
}

}  // namespace sluice
