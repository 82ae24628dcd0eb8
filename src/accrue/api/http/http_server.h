// HttpServer: the HTTP/1.1 front door of the API (cpp-httplib underneath, kept out of this
// header so handler code does not compile against it).
//
// Lifecycle: construct, Route() every endpoint, Bind(), then Serve() on a thread of your choice;
// Serve() blocks until Stop(). One Bind() and one Serve() per object; Route() after Bind() is a
// bug. The object must outlive Serve(): destroy it only after Serve() has returned (or when
// Serve() was never called).
//
// What every request gets, whichever handler runs:
// - a request id: the client's X-Request-Id when it is 1..64 characters of [A-Za-z0-9_-], else a
//   fresh "req_" + 16 hex digits; it is echoed in the X-Request-Id response header and in error
//   bodies, so a client can quote it to support;
// - JSON errors for what no handler sees: 404 "route.not_found", 405 "route.method_not_allowed"
//   (with an Allow header), 413 "request.too_large" for bodies over max_body_bytes, 414
//   "request.uri_too_long" for request targets over 8 kB (httplib's compiled-in limit), 400
//   "request.malformed_http" for requests the HTTP parser rejects;
// - a 500 JSON error when the handler throws (the exception is logged, the server keeps running);
// - one JSON access-log line (see log_line.h) with request_id, method, route (the pattern, not
//   the raw path, so ids do not explode the cardinality), status, latency_us and tenant (from
//   HttpResponse::log_tenant). Bodies, query strings and the Authorization header are never
//   logged.
//
// Stop() and in-flight requests: Stop() closes the listening socket at once, so new connections
// are refused. Requests already being handled run to completion and their responses are sent
// before Serve() returns. A connection accepted but not yet picked up by a worker is closed
// without a response (the client sees a reset and may retry: no handler ran). An idle keep-alive
// connection may still carry one more request until keep_alive_timeout_s elapses, so Serve() can
// take up to that long to return.
//
// Thread-safety: Route/Bind/Serve from one thread; Stop() from any thread, any number of times
// (it is not async-signal-safe: the CLI calls it from a thread that waits for signals). Handlers
// run concurrently on `threads` worker threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "accrue/api/http/http_message.h"
#include "accrue/base/status.h"

namespace accrue::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port (tests); Bind() returns it
  // Worker threads, i.e. requests handled at once. Further connections wait in the kernel's
  // accept queue.
  int threads = 8;
  // Largest accepted request body; larger ones get 413 without reaching a handler. Handlers
  // apply their own, smaller, limits (JsonLimits).
  size_t max_body_bytes = 10 << 20;
  int read_timeout_s = 30;
  int write_timeout_s = 30;
  // How long an idle keep-alive connection is held open; also bounds how long Serve() waits for
  // idle connections after Stop().
  int keep_alive_timeout_s = 5;
};

class HttpServer {
 public:
  explicit HttpServer(ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // `method` is one of kRouterMethods; `pattern` as in router.h ("/v1/invoices/{id}/finalize").
  void Route(std::string_view method, std::string_view pattern, Handler handler);

  // Opens the listening socket. Returns the bound port. Unavailable "server.bind_failed" when
  // the address cannot be bound (port taken, host unknown, no permission).
  Result<int> Bind();

  // Serves until Stop(); returns OK after a Stop(), an error if accepting failed otherwise.
  // Returns at once when Stop() was called before.
  Status Serve();

  // Asks Serve() to return (see above). Returns without waiting for it.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accrue::api
